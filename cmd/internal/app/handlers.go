package app

import (
	"slices"

	"praxis/bot/command"
	digestedge "praxis/bot/digest/slackedge"
	"praxis/bot/dispatch"
	"praxis/bot/expert/slackedge"
	"praxis/bot/home"
	homeedge "praxis/bot/home/slackedge"
	nudgeedge "praxis/bot/nudge/slackedge"
	privacyedge "praxis/bot/privacy/slackedge"
	"praxis/bot/report"
	"praxis/bot/report/deliver"
	ritualedge "praxis/bot/ritual/slackedge"
)

// requests is the one list of the handlers of members' requests (slash
// commands, mentions, DMs, clicks, Home): one route table hands each verb,
// button and shortcut to the capability it is for and writes /praxis help;
// the Home keeps the tab-opened event, and its facilitators' buttons are
// routed to the capabilities they concern; all behind a per-member rate limit
// (dispatch.Throttle). What members contribute is recorded apart
// (Handlers), never throttled. Two routes claiming one verb or action
// stop the start.
func (a *App) requests() (dispatch.Handler, error) {
	d, st, dir, url := a.botDeps, a.Store, a.Directory, a.Identity.URL
	asker := slackedge.NewAsker(a.Engine, st, dir, url, a.cfg.Experts.Suggest)
	reports := deliver.NewCommand(st, dir, url, d)
	priv := privacyedge.NewCommands(a.Privacy, d)
	weeks := report.NewSoFar(st, url) // the Home's figures, and its "run the report now"
	homeTab := homeedge.New(home.New(st, dir, d,
		home.Options{Experts: a.Engine, Reports: weeks, NudgePreviews: true, TeamURL: url}))
	thanks := ritualedge.NewRecognition(ritualedge.New(st, dir.Communities(), d, ritualedge.Options{}), dir)
	routes := slices.Concat(asker.Routes(), digestedge.NewPrefs(st, dir).Routes(), nudgeedge.NewPrefs().Routes(),
		thanks.Routes(),
		reports.Routes(), priv.Routes(), homeTab.Routes(), deliver.NewButton(st, dir, weeks, d).Routes(),
		digestedge.NewPreview(a.DigestPlans, dir, d).Routes(), nudgeedge.NewPreview(a.Nudger, dir, d).Routes())
	resp, err := command.New(st, dir, routes...)
	if err != nil {
		return nil, err
	}
	return dispatch.NewThrottle(dispatch.Chain{resp, homeTab}, dir, d), nil
}
