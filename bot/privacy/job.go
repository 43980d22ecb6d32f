package privacy

import (
	"context"
	"time"

	"praxis/bot/schedule"
)

// JobName is the retention job's name in the job_runs table.
const JobName = "retention"

// Job is the hourly retention job: the text of messages posted more than
// Options.Retention before the period's instant is erased (see
// store.EraseBefore; the rows stay, counted), down to the file's bytes
// (store.Scrub; a forget whose scrub failed is scrubbed again here). With
// no retention it clears the retention mark, so that history imported
// later keeps its text. A period run again erases nothing twice.
func (p *Privacy) Job() schedule.Job {
	return schedule.Job{Name: JobName, Spec: "30 * * * *", Loc: time.UTC, Timeout: 50 * time.Minute, Fn: p.Retain}
}

// Retain applies retention as of a period's instant.
func (p *Privacy) Retain(ctx context.Context, period schedule.Period) error {
	var before time.Time
	if p.opts.Retention > 0 {
		before = period.At.UTC().Add(-p.opts.Retention)
	}
	e, err := p.st.EraseBefore(ctx, before)
	if err != nil {
		return err
	}
	if e.Messages+e.Inbox+e.Outbox+e.Queries > 0 || e.Scrubbed.Due {
		sc := e.Scrubbed
		p.d.Log.Info("retention applied", "job", JobName, "before", before, "messages", e.Messages,
			"inbox", e.Inbox, "outbox", e.Outbox, "queries", e.Queries, "scrub_took", sc.Took(),
			"scrub_longest_step", sc.LongestStep, "pages_freed", sc.PagesFreed)
	}
	return nil
}
