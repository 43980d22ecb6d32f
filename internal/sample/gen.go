package sample

// maxSpill is how many days after its parent's day a thread may still get
// replies. A day file depends on the days [d-maxSpill, d] only.
const maxSpill = 3

// subtype is a message's Slack subtype.
type subtype uint8

const (
	subNone subtype = iota
	subJoin
	subBot
	subFile
	subBroadcast
)

var subtypeNames = [...]string{"", "channel_join", "bot_message", "file_share", "thread_broadcast"}

// msg is a generated message. The messages of a unit (a top-level message
// and its thread) are contiguous: a parent at i has its replies at
// i+1 … i+nreply.
type msg struct {
	sec    int64 // unix seconds
	frac   int32 // the ts's microseconds, set once the origin day is complete
	user   int32 // person index (a bot's user for bot messages)
	parent int32 // index of the thread's parent; -1 for top-level messages
	nreply int32
	sub    subtype
	topic  int8  // community topic index; -1 when none
	answer bool  // the first answer to a question
	edited int32 // seconds after posting that it was edited; 0 if never
	file   int32 // index in gen.files; -1 if none
	text   string
	reacts []reaction
}

type reaction struct {
	name  string
	users []int32
}

// gen generates the messages originating on one day of one channel (the
// top-level messages posted that day and their threads).
type gen struct {
	w        *Workspace
	c, d     int
	ch       *chanInfo
	cm       *commInfo
	ph       *phrases
	dayStart int64
	lim      int64 // no message at or after lim
	r        rng
	msgs     []msg
	files    []fileInfo
	perSec   map[int64]int32 // scratch for assignFracs: messages per second
	nextFrac map[int64]int32 // scratch for assignFracs: next value per second
}

func (w *Workspace) newGen() *gen {
	return &gen{w: w, perSec: map[int64]int32{}, nextFrac: map[int64]int32{}}
}

// begin starts the origin day d of channel c; nothing is generated at or
// after end.
func (g *gen) begin(c, d int, end int64) {
	w := g.w
	g.c, g.d = c, d
	g.ch = &w.chans[c]
	g.cm = &w.comms[g.ch.comm]
	g.ph = g.cm.ph
	g.dayStart = w.start + int64(d)*day
	g.lim = min(end, g.dayStart+(1+maxSpill)*day)
	g.r = newRNG(w.seed, tagDay, uint64(c), uint64(d))
	g.msgs = g.msgs[:0]
	g.files = g.files[:0]
}

// origin generates the messages of channel c originating on history day d:
// the day's joins, then units until the day's budget of messages is met.
func (g *gen) origin(c, d int) []msg {
	g.begin(c, d, g.w.end)
	for _, p := range g.ch.joins {
		if g.w.people[p].joinDay == d {
			g.join(p)
		}
	}
	g.fillBudget()
	g.assignFracs()
	return g.msgs
}

// units returns the number of units channel c gets on day d: its share of
// the channel's budget of messages, divided by the channel's mean unit
// size, rounded at random so that the expected total is the budget.
func (g *gen) units() int {
	ch := g.ch
	num := ch.budget * g.w.dayWeight(g.c, g.d) * 1000
	den := ch.sumW * ch.unitSize
	n := num / den
	if g.r.int63n(den) < num%den {
		n++
	}
	return int(n)
}

// fillBudget adds the day's units.
func (g *gen) fillBudget() {
	for range g.units() {
		g.unit()
	}
}

// measureUnitSize sets the mean number of messages per unit of channel c,
// in thousandths, from a deterministic pilot run of units on days drawn
// as the channel's activity is spread (busy weekdays weigh more than quiet
// weekends, where fewer questions get answered).
func (w *Workspace) measureUnitSize(c int) {
	const pilot = 400
	ch := &w.chans[c]
	g := w.newGen()
	total, d, cum := 0, 0, w.dayWeight(c, 0)
	for k := range pilot {
		for target := (2*int64(k) + 1) * ch.sumW / (2 * pilot); cum <= target && d+1 < w.Options.Days; {
			d++
			cum += w.dayWeight(c, d)
		}
		g.begin(c, d, w.end)
		g.r = newRNG(w.seed, tagPilot, uint64(c), uint64(k))
		g.unit()
		total += len(g.msgs)
	}
	ch.unitSize = max(int64(total)*1000/pilot, 1000)
}

// newMsg returns a top-level message with no topic nor file.
func newMsg(sec int64, user int32, text string) msg {
	return msg{
		sec:    sec,
		user:   user,
		text:   text,
		parent: -1,
		topic:  -1,
		file:   -1,
	}
}

// add appends a message and returns its index. Some messages get edited.
func (g *gen) add(m msg) int32 {
	if m.sub != subJoin && m.sub != subBot && g.r.chance(40) {
		if e := g.r.between(30, 900); m.sec+int64(e) < g.lim {
			m.edited = int32(e)
		}
	}
	g.msgs = append(g.msgs, m)
	return int32(len(g.msgs) - 1)
}

// reply appends a reply to the thread of p, posted at sec by user. It
// reports false, adding nothing, when sec is past the generation limit.
func (g *gen) reply(p int32, sec int64, user int32, text string) (int32, bool) {
	if sec >= g.lim || user < 0 {
		return -1, false
	}
	if int(p)+1+int(g.msgs[p].nreply) != len(g.msgs) {
		panic("sample: reply outside the current thread")
	}
	g.msgs[p].nreply++
	m := newMsg(sec, user, text)
	m.parent, m.topic = p, g.msgs[p].topic
	return g.add(m), true
}

// react adds user's emoji reaction to message i, once.
func (g *gen) react(i int32, name string, user int32) {
	m := &g.msgs[i]
	if user < 0 || user == m.user {
		return
	}
	for k := range m.reacts {
		if m.reacts[k].name == name {
			for _, u := range m.reacts[k].users {
				if u == user {
					return
				}
			}
			m.reacts[k].users = append(m.reacts[k].users, user)
			return
		}
	}
	m.reacts = append(m.reacts, reaction{name: name, users: []int32{user}})
}

// assignFracs gives each message its ts microseconds: messages of the same
// second get increasing values in generation order, and the last digit is
// the origin day modulo 10, so that messages from different origin days
// (at most maxSpill+1 in a file) never share a ts.
func (g *gen) assignFracs() {
	clear(g.perSec)
	clear(g.nextFrac)
	for i := range g.msgs {
		g.perSec[g.msgs[i].sec]++
	}
	for i := range g.msgs {
		m := &g.msgs[i]
		k, ok := g.nextFrac[m.sec]
		if !ok {
			n := g.perSec[m.sec]
			h := hash(g.w.seed, tagFrac, uint64(m.sec), uint64(g.c))
			k = int32(h % uint64(100000-n+1))
		}
		m.frac = k*10 + int32(g.d%10)
		g.nextFrac[m.sec] = k + 1
	}
}
