package app

import (
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/expert"
	"praxis/bot/home"
	"praxis/bot/nudge"
	"praxis/bot/report"
)

// requests is the one list of the handlers of members' requests (slash
// commands, mentions, DMs, clicks, Home): /praxis hands each verb to the
// capability it is for, the dispatcher asks each handler in turn, all
// behind a per-member rate limit (dispatch.Throttle). What members
// contribute is recorded apart (Handlers), never throttled.
func (a *App) requests() dispatch.Handler {
	d, st, dir, url := a.botDeps, a.Store, a.Directory, a.Identity.URL
	resp := command.New(st, dir)
	asker := expert.NewAsker(a.Engine, st, dir, url, a.cfg.Experts.Suggest)
	prefs := nudge.NewPrefs(dir)
	reports := report.NewCommand(st, dir, url, d)
	homeTab := home.New(st, dir, d, home.Options{Experts: a.Engine, Digests: a.Digests, Nudger: a.Nudger, TeamURL: url})
	resp.Delegate(asker, prefs, a.Digests, reports, a.Privacy)
	return dispatch.NewThrottle(dispatch.Chain{resp, asker, prefs, a.Digests, homeTab, a.Privacy}, dir, d)
}
