package expert

import (
	"context"
	"time"

	"praxis/bot/schedule"
)

// FitJobName is the weekly fit's name in the job_runs table.
const FitJobName = "expert-fit"

// FitJob refits the ranking every week, on Sunday night (UTC), from the
// history recorded since: a community's habits change, people come and go.
func (e *Engine) FitJob() schedule.Job {
	return schedule.Job{
		Name:    FitJobName,
		Spec:    "15 3 * * SUN",
		Loc:     time.UTC,
		Grace:   24 * time.Hour,
		Timeout: 30 * time.Minute,
		Fn: func(ctx context.Context, p schedule.Period) error {
			_, err := e.Fit(ctx, FitOptions{Now: p.At})
			return err
		},
	}
}
