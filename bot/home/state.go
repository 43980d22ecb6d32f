package home

import (
	"context"
	"slices"
	"time"

	"praxis/bot"
	"praxis/bot/expert"
	"praxis/bot/question"
	"praxis/bot/recognition"
	"praxis/bot/report"
	"praxis/store"
)

// State is everything a member's Home shows, read before the transaction
// (the slow part: their expertise, their communities' reports) and
// patched in it by the change of setting that caused it
// (bot/home/slackedge), so that the view published shows the member's new
// choice.
type State struct {
	Member      string
	Lang        string // en or fr: the language they read (Home.Lang)
	AutoLang    string // the language without their choice
	Now         time.Time
	Communities []Membership
	Week        Week
	Record      recognition.Record // their help this quarter
	Topics      []expert.Topic
	Prefs       store.MemberPrefs
	// Default* are their home community's digest settings, which "" and -1
	// in Prefs.Digest stand for.
	DefaultFreq string
	DefaultHour int
	Facilitated []Facilitated
	Names       map[string]string // channel id → name, every mapped channel
	TeamURL     string
}

// Membership is a community the member is in, with their channels of it.
type Membership struct {
	Name     string
	Channels []string // ids, sorted
}

// Week is the member's own last seven days in their communities' channels.
type Week struct {
	Messages  int
	Reactions int // reactions others added to their messages
	Accepted  int // answers of theirs the asker accepted
	Thanks    int // thank-yous addressed to them
}

// Facilitated is a community the member facilitates: its report of the
// week so far (nil when it could not be built) and whether it has nudges.
type Facilitated struct {
	Community string
	Report    *report.Report
	Nudges    bool
}

// weekSpan is how far back "your week" looks.
const weekSpan = 7 * 24 * time.Hour

// MaxTopics is how many topics of their expertise a member's Home shows.
const MaxTopics = 5

// InChannel reports whether a channel is one of the member's mapped
// channels: the only ones they may mute from their Home.
func (s *State) InChannel(id string) bool {
	for _, c := range s.Communities {
		if slices.Contains(c.Channels, id) {
			return true
		}
	}
	return false
}

// loadCommunities fills the member's communities and channels, and their
// home community's digest settings (the first configured one they are in).
func (h *Home) loadCommunities(ctx context.Context, s *State, mine []string) error {
	stored, err := h.st.Communities(ctx)
	if err != nil {
		return err
	}
	for _, c := range stored {
		for id, name := range c.Channels {
			s.Names[id] = name
		}
	}
	def := h.comms.Fallback().Digest
	s.DefaultFreq, s.DefaultHour = def.Frequency, def.Hour
	for _, c := range h.comms.Communities() {
		var chans []string
		for _, id := range mine {
			if c.Has(id) {
				chans = append(chans, id)
			}
		}
		if len(chans) == 0 {
			continue
		}
		if len(s.Communities) == 0 {
			s.DefaultFreq, s.DefaultHour = c.Digest.Frequency, c.Digest.Hour
		}
		s.Communities = append(s.Communities, Membership{Name: c.Name, Channels: chans})
	}
	return nil
}

// loadWeek counts the member's last seven days; thanks are read from the
// threads around them as digests count them: a thank-you counts for the
// people it mentions, else, in a thread, for the last person other than
// the thread's author who replied before it.
func (h *Home) loadWeek(ctx context.Context, s *State) error {
	from := s.Now.Add(-weekSpan)
	w, err := h.st.MemberWeek(ctx, s.Member, from, s.Now, question.AcceptNames)
	if err != nil {
		return err
	}
	s.Week = Week{Messages: w.Messages, Reactions: w.Reactions, Accepted: w.Accepted}
	refs, err := h.st.ThreadsAround(ctx, s.Member, from, s.Now, 100)
	if err != nil {
		return err
	}
	for _, r := range refs {
		msgs, err := h.st.Thread(ctx, r.ChannelID, r.TS)
		if err != nil {
			return err
		}
		s.Week.Thanks += thanksIn(msgs, r.TS, s.Member, from, s.Now)
	}
	return nil
}

// thanksIn counts the thank-yous of [from, to) addressed to member in a
// thread's messages (oldest first).
func thanksIn(msgs []store.ChannelMessage, thread, member string, from, to time.Time) int {
	author, last, n := "", "", 0
	for _, m := range msgs {
		if m.Deleted || m.IsBot || m.UserID == "" {
			continue
		}
		reply := m.TS != thread
		if !reply {
			author = m.UserID
		}
		if !question.IsThanks(m.Text) {
			if reply && m.UserID != author {
				last = m.UserID
			}
			continue
		}
		if m.UserID == member || m.PostedAt.Before(from) || !m.PostedAt.Before(to) {
			continue
		}
		who := question.Mentions(m.Text)
		if len(who) == 0 && reply && last != "" {
			who = []string{last}
		}
		if slices.Contains(who, member) {
			n++
		}
	}
	return n
}

// loadRecord reads the member's help in their communities this quarter so
// far, on the calendar of the first of them (the configuration's default
// when they are in none): the record their Home shows.
func (h *Home) loadRecord(ctx context.Context, s *State) error {
	loc := h.comms.Fallback().Loc
	var cs []bot.Community
	for _, m := range s.Communities {
		if c, ok := h.comms.Named(m.Name); ok {
			cs = append(cs, c)
		}
	}
	if len(cs) > 0 {
		loc = cs[0].Loc
	}
	if loc == nil {
		loc = time.UTC
	}
	from, to := recognition.Quarter(s.Now, loc)
	var err error
	s.Record, err = recognition.MemberRecord(ctx, h.st, s.Member, cs, from, to)
	return err
}

// facilitated returns the communities the member facilitates with their
// figures, from the cache when recent enough.
func (h *Home) facilitated(ctx context.Context, member string, now time.Time) []Facilitated {
	var out []Facilitated
	for _, c := range h.comms.Communities() {
		if !c.Facilitates(member) {
			continue
		}
		f := Facilitated{Community: c.Name, Nudges: c.Nudges.Enabled && h.opts.NudgePreviews}
		r, err := h.opts.Reports.Report(ctx, c, now, false)
		if err == nil {
			r, err = report.ForReader(ctx, h.st, r, member)
		}
		if err != nil {
			h.log.Warn("home: report not built", "community", c.Name, "err", err)
		}
		f.Report = r
		out = append(out, f)
	}
	return out
}
