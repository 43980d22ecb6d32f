package app

import (
	"slices"

	"praxis/bot"
	digestedge "praxis/bot/digest/slackedge"
	nudgeedge "praxis/bot/nudge/slackedge"
	"praxis/bot/report/deliver"
	"praxis/bot/ritual"
	ritualedge "praxis/bot/ritual/slackedge"
)

// addJobs gives the scheduler every job, unless Deps.NoJobs: the
// communities' rituals, the nudges (when a community enables them),
// digests, retention, the expert ranking's weekly fit, the weekly
// reports and the sponsors' monthly one.
func (a *App) addJobs() error {
	if a.deps.NoJobs {
		return nil
	}
	d, st, cs := a.botDeps, a.Store, a.Directory.Communities()
	jobs := ritualedge.New(st, cs, d, ritualedge.Options{Drafter: modelAs[ritual.Drafter](a.Model)}).Jobs()
	if slices.ContainsFunc(cs, func(c bot.Community) bool { return c.Nudges.Enabled }) {
		jobs = append(jobs, nudgeedge.NewSender(a.Nudger, st, d).Job())
	}
	digests := digestedge.NewSender(st, a.Digests, a.DigestPlans, d)
	jobs = append(jobs, digests.Job(), a.Privacy.Job(), a.Engine.FitJob())
	jobs = append(jobs, deliver.NewDeliverer(st, cs, d, deliver.DeliverOptions{TeamURL: a.Identity.URL}).Jobs()...)
	sponsors := deliver.NewSponsorDeliverer(st, a.Directory, d, deliver.DeliverOptions{TeamURL: a.Identity.URL})
	jobs = append(jobs, sponsors.Jobs()...)
	for _, j := range jobs {
		if err := a.Scheduler.Add(j); err != nil {
			return err
		}
	}
	a.Jobs = jobs
	return nil
}
