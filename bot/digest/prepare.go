package digest

import (
	"cmp"
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"praxis/bot"
	"praxis/bot/expert"
	"praxis/bot/question"
	"praxis/bot/ritual"
	"praxis/store"
)

// perChannel bounds the threads kept per channel: a member's digest holds
// at most 50 items, and their best threads are among their channels' best.
const perChannel = 60

// maxOpenQuestions bounds the open questions ranked per window (the
// latest ones).
const maxOpenQuestions = 300

// Snapshot is a window's candidate items, read once, and what each member's
// personalisation needs.
type Snapshot struct {
	r        *Reader
	from, to time.Time
	// Ahead is how far the "coming up" section looks past the window's end
	// (until the next digest); 0: the window's length. Aheads overrides it
	// by member.
	Ahead  time.Duration
	Aheads map[string]time.Duration

	threads   map[string][]*Item // by channel, best first
	parts     map[string]map[string]bool
	questions []ranked
	resources []Item
	newcomers []Item
	week      map[string]*Week

	memberIDs []string
	members   map[string]store.Member
	channels  map[string]map[string]bool // member → channels they are in
	muted     map[string]map[string]bool
	sent      map[string]map[string]bool
	skills    map[string][]string
	names     map[string]string // channel id → name
	quoted    bot.Names         // the names quotes show, read as needed
	summaries map[summaryKey]string
	upOnce    sync.Once
	sessions  []ritual.Session
	zoneMu    sync.Mutex
	zones     map[string]*time.Location
}

type ranked struct {
	Item
	top map[string]bool // who could answer: the expert engine's top 3
}

// threadStats is a thread being counted.
type threadStats struct {
	item   Item
	author string
	people map[string]bool
	last   string // last replier other than the author: whom a bare thanks is for
}

// Window reads the window [from, to) once for every member.
func (r *Reader) Window(ctx context.Context, from, to time.Time) (*Snapshot, error) {
	s := &Snapshot{
		r:         r,
		from:      from,
		to:        to,
		threads:   map[string][]*Item{},
		parts:     map[string]map[string]bool{},
		week:      map[string]*Week{},
		names:     map[string]string{},
		summaries: map[summaryKey]string{},
	}
	names := r.st.Names(ctx)
	s.quoted = bot.Names{Member: names.Member, Channel: names.Channel}
	if err := s.readPeople(ctx); err != nil {
		return nil, err
	}
	if err := s.readThreads(ctx); err != nil {
		return nil, err
	}
	if err := s.readQuestions(ctx); err != nil {
		return nil, err
	}
	if err := s.readResources(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Snapshot) readPeople(ctx context.Context) error {
	st := s.r.st
	cs, err := st.Communities(ctx)
	if err != nil {
		return err
	}
	for _, c := range cs {
		for id, name := range c.Channels {
			s.names[id] = name
		}
	}
	ms, err := st.Members(ctx)
	if err != nil {
		return err
	}
	s.members = make(map[string]store.Member, len(ms))
	for _, m := range ms {
		if !m.IsBot && !m.Deleted {
			s.members[m.ID] = m
		}
	}
	if s.channels, err = st.CurrentChannelMembers(ctx); err != nil {
		return err
	}
	for id := range s.channels {
		if _, ok := s.members[id]; ok {
			s.memberIDs = append(s.memberIDs, id)
		}
	}
	slices.Sort(s.memberIDs)
	if s.muted, err = st.MutedChannels(ctx); err != nil {
		return err
	}
	// An item is at most a few weeks old; older records cannot match.
	if s.sent, err = st.DigestItemsSent(ctx, s.from.AddDate(0, 0, -60)); err != nil {
		return err
	}
	s.skills, err = st.Skills(ctx)
	return err
}

func (s *Snapshot) weekOf(member string) *Week {
	w := s.week[member]
	if w == nil {
		w = &Week{}
		s.week[member] = w
	}
	return w
}

// readThreads counts the threads active in the window, scores them, and
// keeps each channel's best.
func (s *Snapshot) readThreads(ctx context.Context) error {
	st := s.r.st
	threads := map[[2]string]*threadStats{}
	get := func(ch, ts string) *threadStats {
		k := [2]string{ch, ts}
		t := threads[k]
		if t == nil {
			t = &threadStats{item: Item{Kind: KindThread, ChannelID: ch, TS: ts}, people: map[string]bool{}}
			threads[k] = t
		}
		return t
	}
	texts := map[[2]string]string{} // replies' text, for the accepted answer
	err := st.WindowMessages(ctx, s.from, s.to, func(m store.WindowMessage) error {
		s.weekOf(m.UserID).Messages++
		t := get(m.ChannelID, m.Thread())
		t.people[m.UserID] = true
		t.item.At = m.PostedAt
		if m.TS == m.Thread() {
			t.author, t.item.Summary = m.UserID, m.Text
		} else {
			t.item.Replies++
			texts[[2]string{m.ChannelID, m.TS}] = m.Text
		}
		if question.IsThanks(m.Text) {
			s.thank(m, t)
		} else if m.UserID != t.author && m.TS != m.Thread() {
			t.last = m.UserID
		}
		return nil
	})
	if err != nil {
		return err
	}
	rs, err := st.WindowReactions(ctx, s.from, s.to)
	if err != nil {
		return err
	}
	// Parents posted before the window: their author and text.
	for _, r := range rs {
		th := r.ThreadTS
		if th == "" {
			th = r.MessageTS
		}
		get(r.ChannelID, th)
	}
	for k, t := range threads {
		if t.author != "" {
			continue
		}
		m, err := st.MessageByTS(ctx, k[0], k[1])
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		t.author, t.item.Summary = m.UserID, m.Text
		if m.Deleted {
			t.author = ""
		}
	}
	for _, r := range rs {
		th := r.ThreadTS
		if th == "" {
			th = r.MessageTS
		}
		t := threads[[2]string{r.ChannelID, th}]
		if r.UserID != r.ItemUser && r.ItemUser != "" {
			s.weekOf(r.ItemUser).Reactions++
			t.item.Reactions++
		}
		byAsker := r.UserID == t.author && r.ItemUser != t.author && r.MessageTS != th
		if question.IsAcceptReaction(r.Name) && byAsker && !t.item.Accepted {
			t.item.Accepted = true
			s.weekOf(r.ItemUser).Accepted++
			text, ok := texts[[2]string{r.ChannelID, r.MessageTS}]
			if !ok {
				if m, err := st.MessageByTS(ctx, r.ChannelID, r.MessageTS); err == nil {
					text = m.Text
				}
			}
			t.item.Answer = s.quote(firstSentence(text), 120)
		}
	}
	for _, t := range threads {
		it := &t.item
		if t.author == "" || (it.Replies == 0 && it.Reactions < 2) {
			continue
		}
		t.people[t.author] = true
		it.People = len(t.people)
		it.User = t.author
		it.Key = "thread:" + it.ChannelID + ":" + it.TS
		it.Channel = s.names[it.ChannelID]
		it.Link = expert.Permalink(s.r.opts.TeamURL, expert.ThreadRef{ChannelID: it.ChannelID, TS: it.TS})
		it.score = 2*float64(it.People) + float64(it.Replies) + 0.5*float64(it.Reactions)
		if it.Accepted {
			it.score += 3
		}
		s.parts[it.Key] = t.people
		s.threads[it.ChannelID] = append(s.threads[it.ChannelID], it)
	}
	for ch, ts := range s.threads {
		slices.SortFunc(ts, func(a, b *Item) int {
			return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.TS, b.TS))
		})
		s.threads[ch] = ts[:min(len(ts), perChannel)]
		for _, it := range s.threads[ch] {
			it.Summary = s.quote(it.Summary, 160) // the kept ones only: quoting reads names
		}
	}
	return nil
}

// thank counts a thank-you: for the people it mentions, else, in a thread,
// for the last person other than its author who replied.
func (s *Snapshot) thank(m store.WindowMessage, t *threadStats) {
	who := question.Mentions(m.Text)
	if len(who) == 0 && t.last != "" && m.TS != m.Thread() {
		who = []string{t.last}
	}
	for _, u := range who {
		if u != m.UserID {
			s.weekOf(u).Thanks++
		}
	}
}

// lang is the language of a member's digest, the one they read (their
// Locale is their choice, else Slack's), their communities being those of
// chans.
func (s *Snapshot) lang(member string, chans map[string]bool) string {
	r := bot.Reader{Locale: s.members[member].Locale, Channels: slices.Collect(maps.Keys(chans))}
	return s.r.opts.Directory.Pick(r, "")
}

// quote is a stored text as the digest shows it: Slack text, at most max
// characters (see bot.Quote).
func (s *Snapshot) quote(text string, max int) string {
	return bot.Quote(text, bot.Mrkdwn, max, s.quoted)
}

// firstSentence is a text's first sentence: up to the first '.', '!' or
// '?' followed by a space, past its first ten bytes, and outside Slack's
// markup (a link's label may hold one).
func firstSentence(text string) string {
	depth := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '<':
			depth++
		case c == '>' && depth > 0:
			depth--
		case depth == 0 && i > 10 && (c == '.' || c == '!' || c == '?') &&
			(i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n'):
			return text[:i+1]
		}
	}
	return text
}
