package deliver

import (
	"context"
	"log/slog"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/report"
	"praxis/store"
)

// Button answers "Run the report now" on a facilitator's Home: the report
// of the week so far of the community the button names, built afresh
// (which the Home's figures then show) and sent to them by DM. It is built
// when the click is prepared, outside the transaction; the step only
// enqueues it.
type Button struct {
	st    *store.Store
	dir   *bot.Directory
	weeks *report.SoFar
	now   func() time.Time
	log   *slog.Logger
}

// NewButton returns the report button of dir's facilitators; weeks is the
// reports of the week so far the Home shows.
func NewButton(st *store.Store, dir *bot.Directory, weeks *report.SoFar, d bot.Deps) *Button {
	d = d.For("report")
	return &Button{st: st, dir: dir, weeks: weeks, now: d.Now, log: d.Log}
}

// Routes are the button, for the community's facilitators only.
func (b *Button) Routes() []command.Route {
	return []command.Route{{Actions: []string{command.ActionReport}, Handle: command.ForFacilitators(b.dir, b.run)}}
}

// run builds c's report as r.Member may read it and sends it to them,
// keyed home:report:<event id>; a report that cannot be built is said so.
func (b *Button) run(ctx context.Context, r command.Request, c bot.Community) (dispatch.Step, error) {
	rep, err := b.weeks.Report(ctx, c, b.now(), true)
	if err == nil {
		rep, err = report.ForReader(ctx, b.st, rep, r.Member)
	}
	if err != nil {
		b.log.Warn("report button: report not built", "community", c.Name, "err", err)
		return dispatch.Enqueue(r.HomeDM(commandCatalog.T(r.Lang, "failed", bot.Escape(c.Name)))), nil
	}
	msgs, err := Messages(rep, c.Report, r.Member, "home:report:"+r.Event.ID)
	if err != nil {
		return nil, err
	}
	return dispatch.Enqueue(msgs...), nil
}
