// Package home is what Praxis's App Home shows a member, computed from the
// store: their communities, their week (contributions, reactions, accepted
// answers, thanks), their help this quarter (bot/recognition's record),
// their expertise as Praxis sees it (topics with the
// threads behind each) and their settings (digest frequency and hour,
// nudges, being suggested as an expert, muted channels, language); and, to
// a facilitator, each of their communities' figures of the week so far and
// open questions. Only the member's own data is read, and their
// communities' reports when they facilitate them.
//
// Showing it on Slack is bot/home/slackedge's: the view, the settings'
// changes and publishing through the outbox. The facilitators' buttons
// (run the report now, preview the next digest or nudges) are answered by
// the capabilities they concern (bot/report/deliver, bot/digest/slackedge,
// bot/nudge/slackedge), never through the Home.
package home

import (
	"context"
	"log/slog"
	"time"

	"praxis/bot"
	"praxis/bot/expert"
	"praxis/bot/report"
	"praxis/store"
)

// Options are the Home's optional parts.
type Options struct {
	Experts *expert.Engine // the expertise section; nil: none
	// Reports are the communities' reports of the week so far, shared with
	// "run the report now" (bot/report/deliver.Button); nil: the Home's own.
	Reports *report.SoFar
	// NudgePreviews offers "preview nudges" to the facilitators of a
	// community with nudges: bot/nudge/slackedge.Preview is wired.
	NudgePreviews bool
	TeamURL       string // the workspace's URL, for permalinks ("": Slack's generic one)
}

// Home reads what each member's Home shows.
type Home struct {
	st    *store.Store
	comms *bot.Directory
	opts  Options
	now   func() time.Time
	log   *slog.Logger
}

// New returns the Home of comms' members, read from st.
func New(st *store.Store, comms *bot.Directory, d bot.Deps, opts Options) *Home {
	d = d.For("home")
	if opts.Reports == nil {
		opts.Reports = report.NewSoFar(st, opts.TeamURL)
	}
	return &Home{st: st, comms: comms, opts: opts, now: d.Now, log: d.Log}
}

// Lang is the language of a member's Home, the one they read: their
// choice (s.Prefs.Language), else the one bot.Directory.Pick gave without
// it (s.AutoLang). A change of their choice changes it at once.
func (h *Home) Lang(s *State) string {
	return h.comms.Pick(bot.Reader{Chosen: s.Prefs.Language, Locale: s.AutoLang}, "")
}

// Load reads a member's Home. Only their own data is read, and their
// communities' reports when they facilitate them; the expertise section
// gets five seconds.
func (h *Home) Load(ctx context.Context, member string) (*State, error) {
	s := &State{Member: member, Now: h.now(), TeamURL: h.opts.TeamURL, Names: map[string]string{}}
	var err error
	if s.Prefs, err = h.st.MemberPrefs(ctx, member); err != nil {
		return nil, err
	}
	r, err := h.st.Reader(ctx, member)
	if err != nil {
		return nil, err
	}
	if err := h.loadCommunities(ctx, s, r.Channels); err != nil {
		return nil, err
	}
	s.AutoLang = h.comms.Pick(bot.Reader{Locale: r.Locale, Channels: r.Channels}, "")
	s.Lang = h.Lang(s)
	if err := h.loadWeek(ctx, s); err != nil {
		return nil, err
	}
	if err := h.loadRecord(ctx, s); err != nil {
		return nil, err
	}
	if h.opts.Experts != nil {
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		s.Topics, err = h.opts.Experts.Profile(pctx, member, MaxTopics)
		cancel()
		if err != nil {
			h.log.Warn("home: expertise not shown", "member_id", member, "err", err)
		}
	}
	s.Facilitated = h.facilitated(ctx, member, s.Now)
	return s, nil
}
