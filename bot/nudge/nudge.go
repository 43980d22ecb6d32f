package nudge

// This file finds who could be nudged and asks the policy; the Slack edge
// (bot/nudge/slackedge) records and sends what it allows.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"praxis/bot"
	"praxis/store"
)

// community is a community whose members may be nudged, as the nudger
// reads it.
type community struct {
	bot.Community
	channels []string // its channels' ids, sorted
	public   []string // those of its public channels, sorted
	policy   Policy
}

// maxBackoff caps the wait after nudges a member ignored.
const maxBackoff = 12 * 7 * 24 * time.Hour

// policyOf returns the policy of a community's nudge settings.
func policyOf(n bot.Nudges) Policy {
	return Policy{
		Enabled:        n.Enabled,
		WeeklyBudget:   n.WeeklyBudget,
		Quiet:          n.Quiet,
		QuietFrom:      n.QuietFrom,
		QuietTo:        n.QuietTo,
		SkipWeekends:   n.SkipWeekends,
		HoldoutPercent: n.HoldoutPercent,
		MaxBackoff:     maxBackoff,
		PerQuestion:    n.PerQuestion,
	}
}

// Options tune a Nudger.
type Options struct {
	// Experts ranks who could answer a question asked in a channel (best
	// first); nil: regulars gone quiet are not re-engaged.
	Experts func(ctx context.Context, text, channel, asker string) ([]string, error)
	URL     string // the workspace's URL, for links to threads; default Slack's generic one
}

// Nudger evaluates the communities' candidates and nudges them.
type Nudger struct {
	st    *store.Store
	dir   *bot.Directory
	comms []community
	opts  Options

	mu     sync.Mutex
	ranked map[string]rankedAt // open question → who could answer it, kept across hourly runs
}

// rankedAt is a question's ranking and when it was made.
type rankedAt struct {
	who []string
	at  time.Time
}

// rankingTTL is how long a question's ranking is reused: expertise moves
// slowly, and a question stays open for days while the job runs hourly.
const rankingTTL = 6 * time.Hour

// New returns a Nudger for the communities of dir that enable nudges.
func New(st *store.Store, dir *bot.Directory, opts Options) *Nudger {
	var comms []community
	for _, c := range dir.Communities() {
		if c.Nudges.Enabled {
			comms = append(comms, community{
				Community: c,
				channels:  slices.Sorted(slices.Values(c.ChannelIDs())),
				public:    slices.Sorted(slices.Values(c.Public())),
				policy:    policyOf(c.Nudges),
			})
		}
	}
	return &Nudger{st: st, dir: dir, comms: comms, opts: opts}
}

// Decision is what Praxis would do about one candidate now.
type Decision struct {
	Community string
	Kind      string
	Member    string
	Subject   string // what the nudge is about: the community, or a question (channel/ts)
	Key       string // nudge:<kind>:<member>:<subject>
	Why       string // why the member is a candidate (for people, in English)
	// Block is why the policy keeps it from going now (Allowed: it goes;
	// Holdout: recorded, never sent); Next is when it could, if only time
	// is in the way.
	Block   string
	Next    time.Time
	Content Content
}

// Sends reports whether the decision sends a message.
func (d Decision) Sends() bool { return d.Block == Allowed }

// Key is a nudge's idempotency key, in the outbox and the nudges table.
func Key(kind, member, subject string) string {
	return "nudge:" + kind + ":" + member + ":" + subject
}

// Plan returns what Praxis would do about every candidate at now, without
// doing it: the dry run, the Home's preview, and the first half of the
// hourly job's run. A member's nudges planned in this run count against
// their budget, and a question's against its PerQuestion.
func (n *Nudger) Plan(ctx context.Context, now time.Time) ([]Decision, error) {
	planned := map[string]int{}
	st := n.st.Names(ctx)
	names := bot.Names{Member: st.Member, Channel: st.Channel}
	var out []Decision
	for _, c := range n.comms {
		// Who was asked about each question the community could offer, by a
		// nudge or in its thread.
		asked, err := n.st.AskedAbout(ctx, c.Name, c.channels, now.Add(-openWindow), now)
		if err != nil {
			return nil, fmt.Errorf("nudges of %s: %w", c.Name, err)
		}
		ds, err := n.candidates(ctx, c, asked, now)
		if err != nil {
			return nil, fmt.Errorf("nudges of %s: %w", c.Name, err)
		}
		for _, d := range ds {
			d.Content.Names = names
			if err := n.decide(ctx, c, &d, now, planned, asked); err != nil {
				return nil, err
			}
			out = append(out, d)
		}
	}
	return out, nil
}

// decide fills the decision's language and the policy's verdict; planned
// counts the run's nudges by member, asked holds who was asked about each
// question.
func (n *Nudger) decide(ctx context.Context, c community, d *Decision, now time.Time,
	planned map[string]int, asked map[string]map[string]bool) error {
	d.Community, d.Key = c.Name, Key(d.Kind, d.Member, d.Subject)
	m, err := n.st.Member(ctx, d.Member)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	// A nudge is about its community: the member's language, else its.
	d.Content.Kind, d.Content.Community = d.Kind, c.Name
	d.Content.Lang = n.dir.Pick(bot.Reader{Locale: m.Locale, Channels: c.channels}, "")
	var loc *time.Location
	if m.TZ != "" {
		loc, _ = time.LoadLocation(m.TZ)
	}
	if loc == nil {
		loc = c.Loc
	}
	st, err := n.st.NudgeState(ctx, d.Member, WeekStart(now, loc), now)
	if err != nil {
		return err
	}
	d.Block, d.Next = c.policy.Decide(d.Kind, Member{ID: d.Member, Loc: loc, OptedOut: st.OptedOut,
		SentThisWeek: st.SentThisWeek + planned[d.Member], Ignored: st.Ignored, LastSent: st.LastSent}, now)
	if d.Kind == Reader || d.Kind == Reengage { // about a question
		switch {
		case d.Block == Disabled || d.Block == OptedOut:
		case c.policy.AskedEnough(len(asked[d.Subject])):
			d.Block, d.Next = AskedEnough, time.Time{}
		case d.Block == Allowed || d.Block == Holdout:
			if asked[d.Subject] == nil {
				asked[d.Subject] = map[string]bool{}
			}
			asked[d.Subject][d.Member] = true
		}
	}
	if d.Block == Allowed && d.Kind != Welcome { // welcomes are outside the budget
		planned[d.Member]++
	}
	return nil
}

// link is a thread's permalink.
func (n *Nudger) link(channel, ts string) string {
	base := n.opts.URL
	if base == "" {
		base = "https://slack.com"
	}
	return strings.TrimSuffix(base, "/") + "/archives/" + channel + "/p" + strings.Replace(ts, ".", "", 1)
}
