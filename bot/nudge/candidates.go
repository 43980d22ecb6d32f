package nudge

import (
	"context"
	"fmt"
	"slices"
	"time"

	"praxis/store"
)

// Windows of the candidate queries.
const (
	newcomerWindow = 72 * time.Hour // a join this recent is still worth a welcome
	// An answer accepted this recently is still worth a thank-you: longer
	// than a day, so that one accepted on a Friday evening is thanked after
	// the member's quiet hours and weekend.
	thankWindow = 72 * time.Hour
	openWindow  = 14 * 24 * time.Hour // open questions offered to readers and regulars
	meetWindow  = 90 * 24 * time.Hour // who answered lately, for newcomers to meet
)

// maxPins bounds the pinned resources a welcome lists.
const maxPins = 3

// pins returns the community's messages pinned by now, the most recently
// pinned first, for a welcome: their first line and their link.
func (n *Nudger) pins(ctx context.Context, channels []string, now time.Time) ([]Pin, error) {
	ps, err := n.st.Pinned(ctx, channels, now, maxPins)
	if err != nil {
		return nil, err
	}
	out := make([]Pin, len(ps))
	for i, p := range ps {
		out[i] = Pin{Text: p.Text, Link: n.link(p.ChannelID, p.TS)}
	}
	return out, nil
}

// candidates returns a community's candidates, the most deserved first
// (thanks, welcomes, then the quiet, the best placed for their question
// first), their contents filled in. A question already put to enough
// members (asked) is offered to no one. Everything is read as it stood at
// now, which may be in the past (praxis nudges --dry-run --as-of): nothing
// that happened later counts.
func (n *Nudger) candidates(ctx context.Context, c community, asked map[string]map[string]bool,
	now time.Time) ([]Decision, error) {
	var out []Decision
	// A private channel's pins and questions are for its members: a nudge
	// to someone else of the community never quotes them.
	public := c.public
	thanks, err := n.st.AcceptedAnswers(ctx, c.Name, c.channels, now.Add(-thankWindow), now)
	if err != nil {
		return nil, err
	}
	for _, a := range thanks {
		out = append(out, Decision{Kind: Thank, Member: a.Member, Subject: a.Channel + "/" + a.TS,
			Why:     fmt.Sprintf("their answer in %s was accepted %s ago", a.Channel, ago(now, a.At)),
			Content: Content{Channel: a.Channel, Link: n.link(a.Channel, a.TS)}})
	}
	news, err := n.st.Newcomers(ctx, c.Name, c.channels, now.Add(-newcomerWindow), now)
	if err != nil {
		return nil, err
	}
	var pins []Pin
	if len(news) > 0 {
		if pins, err = n.pins(ctx, public, now); err != nil {
			return nil, err
		}
	}
	var top []string // the community's top answerers, read once for every newcomer
	if len(news) > 0 {
		if top, err = n.st.TopAnswerers(ctx, c.channels, now.Add(-meetWindow), now, 4); err != nil {
			return nil, err
		}
	}
	for _, m := range news {
		var people []string
		for _, u := range top {
			if u != m.Member && len(people) < 3 {
				people = append(people, u)
			}
		}
		out = append(out, Decision{Kind: Welcome, Member: m.Member, Subject: c.Name,
			Why:     fmt.Sprintf("joined %s ago", ago(now, m.At)),
			Content: Content{Vocation: c.Vocation, Channel: first(c.channels), People: people, Pins: pins}})
	}
	open, err := n.openQuestions(ctx, public, now)
	open = slices.DeleteFunc(open, func(q openQuestion) bool { return c.policy.AskedEnough(len(asked[q.key()])) })
	for i := range open {
		open[i].asked = asked[open[i].key()]
	}
	if err != nil || len(open) == 0 {
		// Readers and quiet regulars are offered an open question: none, no reason to write.
		return out, err
	}
	quiet, err := n.quiet(ctx, c, open, now)
	if err != nil {
		return nil, err
	}
	out = append(out, quiet...)
	weeks := max(c.Nudges.SilentWeeks, 1)
	since := now.AddDate(0, 0, -7*weeks)
	readers, err := n.st.Readers(ctx, c.Name, c.channels, since, since, now)
	if err != nil {
		return nil, err
	}
	for _, m := range readers {
		q, ok := easyStep(open, m.Member)
		if !ok {
			continue
		}
		why := fmt.Sprintf("reads the channels and has not posted in %d weeks or more", weeks)
		if !m.At.IsZero() && m.At.UnixMilli() > 0 {
			why = fmt.Sprintf("joined %s ago and has not posted since", ago(now, m.At))
		}
		out = append(out, Decision{Kind: Reader, Member: m.Member, Subject: q.key(), Why: why,
			Content: Content{Channel: q.ChannelID, Question: q.text, Link: n.link(q.ChannelID, q.TS)}})
	}
	return out, nil
}

type openQuestion struct {
	store.Question
	text  string
	asked map[string]bool // who was already asked about it: never again
}

// offerable reports whether the question may be put to member: not their
// own, nor one they were already asked about (by a nudge, or invited into
// its thread).
func (q openQuestion) offerable(member string) bool { return q.Asker != member && !q.asked[member] }

// key is the question as a nudge's subject: channel/ts.
func (q openQuestion) key() string { return q.ChannelID + "/" + q.TS }

// openQuestions are the community's questions unanswered at now, newest
// first.
func (n *Nudger) openQuestions(ctx context.Context, channels []string, now time.Time) ([]openQuestion, error) {
	qs, err := n.st.OpenQuestionsAsOf(ctx, now.Add(-openWindow), now)
	if err != nil {
		return nil, err
	}
	var out []openQuestion
	for i := len(qs) - 1; i >= 0; i-- {
		q := qs[i]
		if !slices.Contains(channels, q.ChannelID) {
			continue
		}
		m, err := n.st.MessageByTS(ctx, q.ChannelID, q.TS)
		if err != nil || m.Deleted {
			continue // not recorded or deleted: nothing to show
		}
		out = append(out, openQuestion{Question: q, text: m.Text})
	}
	return out, nil
}

// easyStep picks the newest open question that may be offered to member
// (see openQuestion.offerable).
func easyStep(open []openQuestion, member string) (openQuestion, bool) {
	for _, q := range open {
		if q.offerable(member) {
			return q, true
		}
	}
	return openQuestion{}, false
}

func first(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

func ago(now, t time.Time) string {
	d := now.Sub(t)
	if d < 48*time.Hour {
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return days(d)
}

func days(d time.Duration) string { return fmt.Sprintf("%dd", int(d.Hours()/24)) }
