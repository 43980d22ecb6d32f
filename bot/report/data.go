package report

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"praxis/store"
)

// snapshot is what the reports of a run read, loaded once for every
// community: a window of activity in all the mapped channels, the
// questions, memberships and nudges. Members and terms are interned as
// int32 indexes so that the per-community computations allocate little.
type snapshot struct {
	users   []user
	userIdx map[string]int32
	termIdx map[string]int32

	comms  []*commData      // the store's communities, by name order
	byName map[string]int   // community name → index in comms
	byChan map[string]int   // channel id → index in comms
	acts   map[int32][]uact // each member's activity in every community, oldest first
}

// user is a member as reports read them.
type user struct {
	id, name string
	bot      bool // members.is_bot, or seen posting as a bot
	deleted  bool // deactivated in the workspace
	// team and site are where they work, from their Slack profile ("":
	// unknown): the sponsors' report counts the answers that cross them.
	team, site string
}

// uact is one activity of a member: when, and in which community.
type uact struct {
	at   int64
	comm int32
}

// commData is one community's share of the snapshot, each slice oldest
// first. Bots' activity is left out.
type commData struct {
	name     string
	channels []string
	msgs     []msg
	reacts   []react
	res      []act
	qs       []*store.Question
	qByKey   map[string]*store.Question // channel + "/" + ts
	members  []membership
	joins    map[int32]int64 // member → first join to one of the channels, ms
	nudges   []store.Nudge
}

// msg is a contribution message: a top-level message or a thread reply.
type msg struct {
	at      int64
	user    int32
	parent  int32 // the thread parent's author for a reply; -1 otherwise or when unknown
	reply   bool
	deleted bool
	ch, ts  string
	thread  string  // "" for a top-level message without replies
	terms   []int32 // its stems, when its text was read (see load)
}

// react is a reaction: who and when.
type react struct {
	at   int64
	user int32
}

// act is an activity with no more to it than who and when.
type act struct {
	at   int64
	user int32
}

// membership is a member's presence in one of a community's channels,
// in Unix ms; joined 0 when unknown, left 0 while still there.
type membership struct {
	user         int32
	joined, left int64
}

// load reads the snapshot for [from, to); the text of messages (for the
// shared interests mark) only from textFrom on. The messages are read
// (and their texts stemmed) while another connection reads everything else.
func load(ctx context.Context, st *store.Store, from, to, textFrom time.Time) (*snapshot, error) {
	s := &snapshot{userIdx: map[string]int32{}, termIdx: map[string]int32{}, byName: map[string]int{},
		byChan: map[string]int{}, acts: map[int32][]uact{}}
	chans, err := st.CommunityChannels(ctx)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(chans))
	for name := range chans {
		names = append(names, name)
	}
	slices.Sort(names)
	for i, name := range names {
		s.byName[name] = i
		c := &commData{name: name, channels: chans[name], qByKey: map[string]*store.Question{}, joins: map[int32]int64{}}
		for _, ch := range c.channels {
			s.byChan[ch] = i
		}
		s.comms = append(s.comms, c)
	}
	var r rest
	done := make(chan error, 1)
	go func() { done <- r.read(ctx, st, from, to) }()
	scan, err := s.scanMessages(ctx, st, from, to, textFrom)
	if err := errors.Join(err, <-done); err != nil {
		return nil, err
	}
	s.applyMembers(r.members)
	if err := s.addMessages(ctx, st, scan); err != nil {
		return nil, err
	}
	s.applyRest(&r)
	for _, as := range s.acts {
		slices.SortFunc(as, func(a, b uact) int { return int(a.at - b.at) })
	}
	return s, nil
}

// rest is everything a snapshot reads besides the messages, as the store
// returns it.
type rest struct {
	members []store.Member
	reacts  []store.ActivityReaction
	res     []store.ActivityResource
	qs      []store.Question
	mems    []store.ChannelMembership
	joins   []store.Join
	nudges  []store.Nudge
}

func (r *rest) read(ctx context.Context, st *store.Store, from, to time.Time) error {
	var err error
	if r.members, err = st.Members(ctx); err != nil {
		return err
	}
	if err := st.ActivityReactions(ctx, from, to, func(a *store.ActivityReaction) error {
		r.reacts = append(r.reacts, *a)
		return nil
	}); err != nil {
		return err
	}
	if r.res, err = st.ActivityResources(ctx, from, to); err != nil {
		return err
	}
	if r.qs, err = st.ReportQuestions(ctx, from, to); err != nil {
		return err
	}
	if r.mems, err = st.ChannelMemberships(ctx); err != nil {
		return err
	}
	if r.joins, err = st.FirstJoins(ctx); err != nil {
		return err
	}
	r.nudges, err = st.NudgesBetween(ctx, from, to)
	return err
}

// applyMembers interns every known member with their profile.
func (s *snapshot) applyMembers(ms []store.Member) {
	for _, m := range ms {
		u := s.user(m.ID)
		s.users[u].name = first(m.ShownName(), m.ID)
		s.users[u].bot = s.users[u].bot || m.IsBot
		s.users[u].deleted = m.Deleted
		s.users[u].team, s.users[u].site = strings.TrimSpace(m.Team), strings.TrimSpace(m.Site)
	}
}

func first(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// user interns a member id ("" gives -1).
func (s *snapshot) user(id string) int32 {
	if id == "" {
		return -1
	}
	if u, ok := s.userIdx[id]; ok {
		return u
	}
	u := int32(len(s.users))
	s.users = append(s.users, user{id: id, name: id})
	s.userIdx[id] = u
	return u
}

// human reports whether u is a person's activity to count.
func (s *snapshot) human(u int32) bool { return u >= 0 && !s.users[u].bot }

// applyRest hands each community its reactions, resources, questions,
// memberships, first joins and nudges, bots' left out.
func (s *snapshot) applyRest(r *rest) {
	for _, a := range r.reacts {
		c, ok := s.byChan[a.ChannelID]
		u := s.user(a.UserID)
		if !ok || !s.human(u) {
			continue
		}
		s.comms[c].reacts = append(s.comms[c].reacts, react{at: a.At, user: u})
		s.acts[u] = append(s.acts[u], uact{at: a.At, comm: int32(c)})
	}
	for _, a := range r.res {
		if c, ok := s.byChan[a.ChannelID]; ok {
			if u := s.user(a.UserID); s.human(u) {
				s.comms[c].res = append(s.comms[c].res, act{at: a.At, user: u})
			}
		}
	}
	for i := range r.qs {
		q := &r.qs[i]
		if c, ok := s.byChan[q.ChannelID]; ok && s.human(s.user(q.Asker)) {
			s.comms[c].qs = append(s.comms[c].qs, q)
			s.comms[c].qByKey[q.ChannelID+"/"+q.TS] = q
		}
	}
	for _, m := range r.mems {
		c, ok := s.byChan[m.ChannelID]
		if u := s.user(m.MemberID); ok && s.human(u) {
			s.comms[c].members = append(s.comms[c].members, membership{user: u, joined: msOf(m.JoinedAt), left: msOf(m.LeftAt)})
		}
	}
	for _, j := range r.joins {
		c, ok := s.byChan[j.ChannelID]
		if u := s.user(j.MemberID); ok && s.human(u) {
			if at, seen := s.comms[c].joins[u]; !seen || j.At.UnixMilli() < at {
				s.comms[c].joins[u] = j.At.UnixMilli()
			}
		}
	}
	for _, n := range r.nudges {
		if c, ok := s.byName[n.Community]; ok {
			s.comms[c].nudges = append(s.comms[c].nudges, n)
		}
	}
}

// msOf is t in Unix ms, 0 for the zero time.
func msOf(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}
