// Package expert finds the people who know: given a question, the two or
// three members most likely to answer it well, each with evidence a human
// can check, and the past threads where a similar question was answered.
//
// The evidence is the community's own history, read from the store into an
// in-memory index at start and kept current as messages arrive: one
// document per thread, with who asked, who answered, and whether the asker
// ticked (✅) or thanked the answer. A query is matched against the threads
// with BM25 over English and French stems (store/terms), the community's
// declared topics adding their synonyms; each matching thread credits its
// answerers, an accepted or thanked answer counting most and old ones
// fading (half-life in the configuration). People who answer questions in
// the community at all, who receive reactions, who declared a matching
// skill or are named experts of the topic, get a smaller share. The asker,
// bots, deactivated members and those who opted out are never suggested;
// for live questions, people away, outside their working hours or already
// asked to help a lot this week move down, and near-equal candidates take
// turns.
package expert

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"praxis/bot"
	"praxis/bot/metrics"
	"praxis/bot/workhours"
	"praxis/store"
	"praxis/store/terms"
)

// Options tune an Engine.
type Options struct {
	HalfLife     time.Duration // expertise fades by half over this; default 180 days
	WeeklyBudget int           // pings per expert per week before they move down; default 3
	// Communities are what the engine knows of the stored communities
	// beyond the store, by name: their declared topics and experts.
	Communities []bot.Community
	// MaxThreads bounds the threads the index holds, the most recent
	// ones; default 500,000 (a few hundred bytes each).
	MaxThreads int
}

// Engine answers expert queries from an in-memory index of the store.
type Engine struct {
	st   *store.Store
	opts Options
	now  func() time.Time
	log  *slog.Logger
	m    *metrics.Metrics

	mu    sync.RWMutex
	ix    *index
	comms []community
	model atomic.Pointer[Model] // the ranking in use (model.go)

	ready     chan struct{} // closed once the first Load is done
	readyOnce sync.Once
	// refreshMu makes refreshes one at a time, from taking the touched
	// threads to applying them: two overlapping refreshes could otherwise
	// apply an older read of a thread over a newer one.
	refreshMu sync.Mutex

	dirtyMu     sync.Mutex
	dirty       map[msgRef]bool
	loading     map[msgRef]bool // touched while a Load reads the store: re-read after it
	peopleDirty bool
	wake        chan struct{}
	reload      chan struct{} // a rebuild from the store asked (reloadSoon)

	// people: refreshed from the store now and then.
	avail    sync.RWMutex
	away     map[string]bool
	pings    map[string]int
	zones    map[string]*time.Location
	excluded map[string]bool // bots and members who opted out
	inactive map[string]bool // deactivated
	skills   map[string][]string
}

type community struct {
	Name     string
	hours    workhours.Hours // its working days, hours and holidays: when its members are at work
	channels []string
	topics   []string
	synonyms [][]string
	experts  map[string][]string
}

// New returns an engine; Load fills it.
func New(st *store.Store, d bot.Deps, opts Options) *Engine {
	d = d.For("expert")
	if opts.HalfLife <= 0 {
		opts.HalfLife = 180 * 24 * time.Hour
	}
	if opts.WeeklyBudget <= 0 {
		opts.WeeklyBudget = 3
	}
	if opts.MaxThreads <= 0 {
		opts.MaxThreads = maxThreads
	}
	return &Engine{
		st:     st,
		opts:   opts,
		now:    d.Now,
		log:    d.Log,
		m:      d.Metrics,
		dirty:  map[msgRef]bool{},
		wake:   make(chan struct{}, 1),
		reload: make(chan struct{}, 1),
		ix:     newIndex(opts.HalfLife),
		ready:  make(chan struct{}),
	}
}

// Load builds the index from the store: every mapped channel's threads,
// and the members' settings.
func (e *Engine) Load(ctx context.Context) error {
	start := time.Now()
	e.dirtyMu.Lock()
	e.loading = map[msgRef]bool{}
	e.dirtyMu.Unlock()
	defer func() {
		// What changed while the store was read may be missing from the
		// new index: read it again.
		e.dirtyMu.Lock()
		for r := range e.loading {
			e.dirty[r] = true
		}
		e.loading = nil
		e.dirtyMu.Unlock()
	}()
	if err := e.loadModel(ctx); err != nil {
		return err
	}
	cs, err := e.st.Communities(ctx)
	if err != nil {
		return err
	}
	private, err := e.st.PrivateChannels(ctx)
	if err != nil {
		return err
	}
	ix := newIndex(e.opts.HalfLife)
	comms := make([]community, 0, len(cs))
	for i, c := range cs {
		cm := community{Name: c.Name, hours: defaultHours}
		for _, conf := range e.opts.Communities {
			if strings.EqualFold(conf.Name, c.Name) {
				cm.topics, cm.experts = conf.Topics, conf.Experts
				if conf.Hours.Days != ([7]bool{}) {
					cm.hours = conf.Hours
				}
			}
		}
		for _, t := range cm.topics {
			if g := synonymGroup(t); len(g) > 1 {
				cm.synonyms = append(cm.synonyms, g)
			}
		}
		// In a fixed order, so that documents get the same ids at every
		// load and ties rank the same way.
		for _, id := range slices.Sorted(maps.Keys(c.Channels)) {
			cm.channels = append(cm.channels, id)
			ix.channels[ix.addChannel(id, c.Channels[id], int32(i))].private = private[id]
		}
		comms = append(comms, cm)
	}
	since, err := e.st.RecentThreadsSince(ctx, e.opts.MaxThreads)
	if err != nil {
		return fmt.Errorf("expert index: %w", err)
	}
	for ch := range ix.channels {
		if err := ix.loadChannel(ctx, e.st, int32(ch), since); err != nil {
			return fmt.Errorf("expert index: %w", err)
		}
	}
	// Declared experts may not have written anything yet.
	for _, c := range comms {
		for who := range c.experts {
			ix.member(who)
		}
	}
	ix.compact()
	threads, vocabulary, members := ix.live, len(ix.postings), len(ix.members)
	e.m.ExpertThreads.Set(float64(threads))
	e.mu.Lock()
	e.ix, e.comms = ix, comms
	e.mu.Unlock()
	if err := e.rereadPeople(ctx); err != nil {
		return err
	}
	e.readyOnce.Do(func() { close(e.ready) })
	e.log.Info("expert index loaded", "threads", threads, "terms", vocabulary, "members", members,
		"took", time.Since(start).Round(time.Millisecond))
	return nil
}

// Rank answers a query. Until the first Load is done, it waits.
func (e *Engine) Rank(ctx context.Context, q Query) (Result, error) {
	select {
	case <-e.ready:
	case <-ctx.Done():
		return Result{}, fmt.Errorf("expert index not loaded yet: %w", ctx.Err())
	}
	if err := e.refresh(ctx); err != nil {
		return Result{}, err
	}
	now := q.Now
	if now.IsZero() {
		now = q.At
	}
	if now.IsZero() {
		now = e.now()
	}
	hidden, err := e.hidden(ctx, q)
	if err != nil {
		return Result{}, err
	}
	start := time.Now()
	e.mu.RLock()
	res := e.rank(e.ix, q, now, hidden)
	e.mu.RUnlock()
	e.m.ExpertLatency.Observe(time.Since(start).Seconds())
	// The past threads' text is read from the store (the index keeps none).
	for i := range res.Threads {
		t := &res.Threads[i]
		if m, err := e.st.MessageByTS(ctx, t.ChannelID, t.TS); err == nil {
			t.Text = m.Text
		}
	}
	return res, nil
}

// WhoCouldAnswer returns the three members best placed to answer a
// question asked in a channel by asker, best first (for nudges, which
// show the question, not the evidence).
func (e *Engine) WhoCouldAnswer(ctx context.Context, text, channel, asker string) ([]string, error) {
	res, err := e.Rank(ctx, Query{Text: text, Channel: channel, Asker: asker, Limit: 3})
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(res.Experts))
	for _, c := range res.Experts {
		out = append(out, c.User)
	}
	return out, nil
}

// hidden returns the private channels whose threads the query's readers
// may not see (Query.Viewer, Query.ShownIn), by index; nil when none.
func (e *Engine) hidden(ctx context.Context, q Query) (map[int32]bool, error) {
	if q.Viewer == "" && q.ShownIn == "" {
		return nil, nil
	}
	e.mu.RLock()
	var private []int32
	for i, ch := range e.ix.channels {
		if ch.private && ch.id != q.ShownIn {
			private = append(private, int32(i))
		}
	}
	e.mu.RUnlock()
	if len(private) == 0 {
		return nil, nil
	}
	in := map[string]bool{}
	if q.Viewer != "" {
		chans, err := e.st.MemberChannels(ctx, q.Viewer)
		if err != nil {
			return nil, fmt.Errorf("the viewer's channels: %w", err)
		}
		for _, ch := range chans {
			in[ch] = true
		}
	}
	hidden := map[int32]bool{}
	e.mu.RLock()
	defer e.mu.RUnlock()
	for _, i := range private {
		if !in[e.ix.channels[i].id] {
			hidden[i] = true
		}
	}
	return hidden, nil
}

// Committed is how the engine follows the store, registered once with
// store.OnCommit: the threads of the messages a commit wrote are re-read
// within a second (before the next query at the latest), members'
// settings before the next query when they changed, and the index is
// rebuilt in the background after words were erased (a member forgotten,
// retention), so that it no longer finds threads by them. It never blocks.
func (e *Engine) Committed(c store.Changes) {
	if len(c.Messages) > 0 {
		e.touch(c.Messages)
	}
	if c.People {
		e.peopleChanged()
	}
	if c.Erased {
		e.reloadSoon()
	}
}

// touch marks messages (a thread's parent or reply, or a message reacted
// to) changed: their threads are re-read before the next query.
func (e *Engine) touch(refs []store.MessageRef) {
	e.dirtyMu.Lock()
	for _, r := range refs {
		ref := msgRef{channel: r.ChannelID, ts: r.TS}
		e.dirty[ref] = true
		if e.loading != nil {
			e.loading[ref] = true
		}
	}
	e.dirtyMu.Unlock()
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// peopleChanged marks members' settings changed (an opt-out, a skill, a
// ping): they are re-read before the next query.
func (e *Engine) peopleChanged() {
	e.dirtyMu.Lock()
	e.peopleDirty = true
	e.dirtyMu.Unlock()
}

// Run keeps the index current until ctx ends: touched threads are re-read
// within a second, members' settings every few minutes.
func (e *Engine) Run(ctx context.Context) error {
	people := time.NewTicker(5 * time.Minute)
	defer people.Stop()
	rebuild := time.NewTicker(time.Hour)
	defer rebuild.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-rebuild.C:
			// Changed threads leave retired documents behind; when they are
			// many, the index is rebuilt from the store (queries go on
			// meanwhile against the current one).
			e.mu.RLock()
			retired := len(e.ix.docs) - e.ix.live
			total := len(e.ix.docs)
			e.mu.RUnlock()
			if retired > 10000 && retired > total/4 {
				if err := e.Load(ctx); err != nil && ctx.Err() == nil {
					e.log.Warn("expert index rebuild", "err", err)
				}
			}
		case <-e.reload:
			if err := e.Load(ctx); err != nil && ctx.Err() == nil {
				e.log.Warn("expert index reload", "err", err)
			}
		case <-e.wake:
			// Let a burst of changes gather.
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(200 * time.Millisecond):
			}
			if err := e.refresh(ctx); err != nil && ctx.Err() == nil {
				e.log.Warn("expert index refresh", "err", err)
			}
		case <-people.C:
			if err := e.rereadPeople(ctx); err != nil && ctx.Err() == nil {
				e.log.Warn("expert settings refresh", "err", err)
			}
		}
	}
}

// reloadSoon asks Run to rebuild the index from the store soon (in the
// background; queries go on against the current one).
func (e *Engine) reloadSoon() {
	select {
	case e.reload <- struct{}{}:
	default: // one is already asked
	}
}

// refresh re-reads the touched threads and, when they changed, the
// members' settings.
func (e *Engine) refresh(ctx context.Context) error {
	e.refreshMu.Lock()
	defer e.refreshMu.Unlock()
	e.dirtyMu.Lock()
	people := e.peopleDirty
	e.peopleDirty = false
	e.dirtyMu.Unlock()
	if people {
		if err := e.refreshPeople(ctx); err != nil {
			e.peopleChanged()
			return err
		}
	}
	e.dirtyMu.Lock()
	dirty := e.dirty
	if len(dirty) == 0 {
		e.dirtyMu.Unlock()
		return nil
	}
	e.dirty = map[msgRef]bool{}
	e.dirtyMu.Unlock()
	type loaded struct {
		ch    string
		key   string
		tb    *threadBuilder
		ticks map[string][]string
	}
	var todo []loaded
	e.mu.RLock()
	ix := e.ix
	e.mu.RUnlock()
	seen := map[msgRef]bool{}
	for ref := range dirty {
		if _, ok := ix.chanIdx[ref.channel]; !ok {
			continue
		}
		key := ref.ts
		if m, err := e.st.MessageByTS(ctx, ref.channel, ref.ts); err == nil && m.ThreadTS != "" {
			key = m.ThreadTS
		}
		k := msgRef{channel: ref.channel, ts: key}
		if seen[k] {
			continue
		}
		seen[k] = true
		msgs, err := e.st.Thread(ctx, ref.channel, key)
		if err != nil {
			e.requeue(dirty)
			return err
		}
		rs, err := e.st.ThreadReactions(ctx, ref.channel, key, acceptNames)
		if err != nil {
			e.requeue(dirty)
			return err
		}
		tb := &threadBuilder{}
		for i := range msgs {
			if msgs[i].TS == key {
				tb.parent = &msgs[i]
			} else {
				tb.replies = append(tb.replies, msgs[i])
			}
		}
		todo = append(todo, loaded{ref.channel, key, tb, tickMap(rs)})
	}
	e.mu.Lock()
	for _, l := range todo {
		// Resolved now: a rebuild may have replaced the index meanwhile.
		if ch, ok := e.ix.chanIdx[l.ch]; ok {
			e.ix.put(ch, l.key, l.tb, l.ticks)
		}
	}
	e.ix.compact()
	e.mu.Unlock()
	return nil
}

func (e *Engine) requeue(refs map[msgRef]bool) {
	e.dirtyMu.Lock()
	for r := range refs {
		e.dirty[r] = true
	}
	e.dirtyMu.Unlock()
}

// awayPattern recognises a Slack status that says the member is away.
var awayPattern = regexp.MustCompile(`(?i)(` +
	`vacation|holiday|on leave|out of (the )?office|\booo\b|sick|parental|` +
	`cong[ée]s?|vacances|absent|arr[êe]t maladie|` +
	`:palm_tree:|:airplane:|:face_with_thermometer:|:beach_with_umbrella:|:baby:)`)

// refreshPeople reads who may be suggested and who is available.
func (e *Engine) refreshPeople(ctx context.Context) error {
	members, err := e.st.Members(ctx)
	if err != nil {
		return err
	}
	optedOut, err := e.st.NotSuggestable(ctx)
	if err != nil {
		return err
	}
	skills, err := e.st.Skills(ctx)
	if err != nil {
		return err
	}
	pings, err := e.st.PingsSince(ctx, e.now().Add(-7*24*time.Hour))
	if err != nil {
		return err
	}
	now := e.now()
	away, zones, excluded, inactive := map[string]bool{}, map[string]*time.Location{}, map[string]bool{}, map[string]bool{}
	for _, m := range members {
		if m.IsBot || optedOut[m.ID] {
			excluded[m.ID] = true
		}
		if m.Deleted {
			inactive[m.ID] = true
		}
		if m.Status != "" && (m.StatusExpires.IsZero() || m.StatusExpires.After(now)) && awayPattern.MatchString(m.Status) {
			away[m.ID] = true
		}
		if m.TZ != "" {
			if loc, err := time.LoadLocation(m.TZ); err == nil {
				zones[m.ID] = loc
			}
		}
	}
	for id := range optedOut {
		excluded[id] = true
	}
	e.avail.Lock()
	e.away, e.pings, e.zones, e.excluded, e.inactive, e.skills = away, pings, zones, excluded, inactive, skills
	e.avail.Unlock()
	// Members who declared skills are candidates even before they write.
	e.mu.Lock()
	for who := range skills {
		e.ix.member(who)
	}
	e.mu.Unlock()
	return nil
}

// rereadPeople re-reads members' settings now: at load, and every few
// minutes (a status expires, a week of pings passes, with no write).
func (e *Engine) rereadPeople(ctx context.Context) error {
	e.refreshMu.Lock()
	defer e.refreshMu.Unlock()
	return e.refreshPeople(ctx)
}

func (e *Engine) suggestable(member string, keepDeactivated bool) bool {
	e.avail.RLock()
	defer e.avail.RUnlock()
	return !e.excluded[member] && (keepDeactivated || !e.inactive[member])
}

// defaultHours are the working hours of a community the configuration
// does not describe: 09:00–18:00, Monday to Friday, no holidays.
var defaultHours = workhours.Hours{
	Start: 9 * time.Hour, End: 18 * time.Hour,
	Days: [7]bool{
		time.Monday: true, time.Tuesday: true, time.Wednesday: true, time.Thursday: true, time.Friday: true,
	},
}

// workingNow reports whether the member is at work at now: their
// community's working days and hours (holidays included) read on the
// clock of the time zone they live in. Unknown zones count as working.
func (e *Engine) workingNow(member string, hours workhours.Hours, now time.Time) bool {
	loc := e.zones[member]
	if loc == nil {
		return true
	}
	hours.Loc = loc
	return hours.Open(now)
}

// synonymGroup reads "kubernetes (k8s, kube)", "kubernetes: k8s, kube" or
// "kubernetes / k8s" as stems meant to match each other.
func synonymGroup(topic string) []string {
	repl := strings.NewReplacer("(", ",", ")", ",", ":", ",", "/", ",", ";", ",")
	var out []string
	for _, part := range strings.Split(repl.Replace(topic), ",") {
		for _, s := range terms.Stems(part) {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// topicName is a topic without its synonyms.
func topicName(topic string) string {
	if i := strings.IndexAny(topic, "(:/"); i > 0 {
		return strings.TrimSpace(topic[:i])
	}
	return strings.TrimSpace(topic)
}

// msgRef names a message: a channel and a ts.
type msgRef struct{ channel, ts string }

// Channel resolves a mapped channel given by id, by name or as #name;
// false when Praxis does not map it.
func (e *Engine) Channel(idOrName string) (string, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if _, ok := e.ix.chanIdx[idOrName]; ok {
		return idOrName, true
	}
	name := strings.TrimPrefix(idOrName, "#")
	for _, c := range e.ix.channels {
		if c.name != "" && strings.EqualFold(c.name, name) {
			return c.id, true
		}
	}
	return "", false
}

// Now is the engine's clock, read by those who rank with it (a query's Now)
// and stamp what they do with the answer at the same time.
func (e *Engine) Now() time.Time { return e.now() }

// Metrics are the engine's metrics, shared with the Slack edge that counts
// the queries it answers (ExpertQueries).
func (e *Engine) Metrics() *metrics.Metrics { return e.m }

// ChannelName returns a mapped channel's name, else its id: what a message
// about a question names its channel by.
func (e *Engine) ChannelName(id string) string {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if i, ok := e.ix.chanIdx[id]; ok && e.ix.channels[i].name != "" {
		return e.ix.channels[i].name
	}
	return id
}
