package sample

import (
	"slices"
	"sort"
	"strconv"
	"time"
)

// chanInfo is the generator's view of a channel.
type chanInfo struct {
	id, name, purpose string
	comm              int
	kind              chanKind
	members           []int32   // everyone who belonged during the history, deleted members included
	ask, talk, react  sampler   // who asks, who posts, who reacts
	experts           []sampler // per topic: who answers
	joins             []int32   // newcomers joining, by join day
	mix               []int     // weights of the unit kinds
	bot               int32     // the bot posting here, -1 when none
	weight            int64     // relative activity
	sumW              int64     // sum of the day weights over the history
	budget            int64     // messages over the history
	unitSize          int64     // mean messages per unit, in thousandths
	created           int64
	creator           int32
}

// Unit kinds: what a top-level message is about.
const (
	unitQuestion = iota
	unitShare
	unitStatement
	unitAnnounce
	unitFile
	unitCoord
	unitBot
	unitKinds
)

var unitMix = map[chanKind][unitKinds]int{
	chanMain:   {380, 190, 200, 80, 80, 0, 0},
	chanHelp:   {760, 60, 90, 10, 60, 0, 0},
	chanAlerts: {120, 40, 100, 0, 0, 0, 740},
	chanCore:   {150, 100, 150, 50, 150, 400, 0},
	chanExtra:  {60, 500, 250, 150, 100, 0, 0},
}

var kindWeight = map[chanKind]int64{chanMain: 1000, chanHelp: 700, chanAlerts: 350, chanCore: 120, chanExtra: 300}

// Sampling weights by role: core, helper, regular, occasional, lurker, newcomer.
var (
	askWeights   = [...]int{2, 4, 10, 4, 0, 8}
	talkWeights  = [...]int{30, 14, 6, 1, 0, 1}
	reactWeights = [...]int{6, 6, 4, 2, 0, 2}
)

// sampler draws members with probability proportional to their weight.
type sampler struct {
	who   []int32
	cum   []int64
	total int64
}

func (s *sampler) add(p int32, weight int) {
	if weight <= 0 {
		return
	}
	s.total += int64(weight)
	s.who = append(s.who, p)
	s.cum = append(s.cum, s.total)
}

func (s *sampler) draw(r *rng) int32 {
	if s.total == 0 {
		return -1
	}
	x := r.int63n(s.total)
	return s.who[sort.Search(len(s.cum), func(i int) bool { return s.cum[i] > x })]
}

// buildChannels creates the channels, their members and what drives
// their activity.
func (w *Workspace) buildChannels(r *rng) {
	for k := range w.comms {
		cm := &w.comms[k]
		a := cm.arch
		for i := range cm.nchans {
			c := chanInfo{comm: k, bot: -1}
			if i < len(a.channels) {
				s := a.channels[i]
				c.name, c.purpose, c.kind = s.name+cm.slug, s.purpose, s.kind
			} else {
				x := i - len(a.channels)
				suffix := cm.ph.extraChannels[x%len(cm.ph.extraChannels)]
				if n := x/len(cm.ph.extraChannels) + 1; n > 1 {
					suffix += "-" + strconv.Itoa(n)
				}
				c.name, c.purpose, c.kind = a.channels[0].name+cm.slug+"-"+suffix, cm.name+": "+suffix, chanExtra
			}
			prefix := byte('C')
			if c.kind == chanCore {
				prefix = 'G'
			}
			c.id = w.newID(r, prefix)
			cm.chans = append(cm.chans, len(w.chans))
			w.chans = append(w.chans, c)
		}
		w.placeBot(k)
	}
	w.joinChannels(r)
	var total int64
	for i := range w.chans {
		c := &w.chans[i]
		cm := &w.comms[c.comm]
		mix := unitMix[c.kind]
		if c.bot >= 0 && c.kind != chanAlerts {
			mix[unitBot] = 60
		}
		c.mix = mix[:]
		c.weight = kindWeight[c.kind] * int64(r.between(60, 140)) * int64(isqrt(len(cm.members))+2) / 100
		total += c.weight
		c.creator = cm.core[0]
		c.created = w.start - int64(r.between(30, 900))*day - int64(r.intn(day))
		for d := range w.Options.Days {
			c.sumW += w.dayWeight(i, d)
		}
		w.buildSamplers(i)
	}
	for i := range w.chans {
		c := &w.chans[i]
		c.budget = max(1, int64(w.Options.Messages)*c.weight/total)
		w.measureUnitSize(i)
	}
}

// placeBot makes a community's bot post in its alerts channel, or else
// in its last public channel.
func (w *Workspace) placeBot(k int) {
	cm := &w.comms[k]
	if cm.bot < 0 {
		return
	}
	target := -1
	for _, c := range cm.chans {
		if w.chans[c].kind == chanAlerts {
			target = c
			break
		}
		if w.chans[c].kind != chanCore {
			target = c
		}
	}
	w.chans[target].bot = cm.bot
}

// joinChannels decides who is in which channel: home members in their
// community's channels (lurkers and occasional members not in all of
// them), some members visiting another community, newcomers joining late.
func (w *Workspace) joinChannels(r *rng) {
	in := func(c int, p int32) {
		w.chans[c].members = append(w.chans[c].members, p)
		if d := w.people[p].joinDay; d >= 0 {
			w.chans[c].joins = append(w.chans[c].joins, p)
		}
	}
	for p := range w.people {
		pp := &w.people[p]
		if pp.role == roleBot {
			continue
		}
		cm := &w.comms[pp.home]
		for _, c := range cm.chans {
			if w.belongs(r, pp.role, w.chans[c].kind) {
				in(c, int32(p))
			}
		}
		visit := 250
		if pp.role == roleLurker {
			visit = 350
		}
		if len(w.comms) > 1 && r.chance(visit) {
			v := r.intn(len(w.comms) - 1)
			if v >= pp.home {
				v++
			}
			for i, c := range w.comms[v].chans {
				if k := w.chans[c].kind; k != chanCore && (i == 0 || r.chance(400)) {
					in(c, int32(p))
				}
			}
		}
	}
	for i := range w.chans {
		c := &w.chans[i]
		if c.bot >= 0 {
			c.members = append(c.members, c.bot)
		}
		slices.SortStableFunc(c.joins, func(a, b int32) int { return w.people[a].joinDay - w.people[b].joinDay })
	}
}

// belongs decides whether a home member of a role is in a channel of a kind.
func (w *Workspace) belongs(r *rng, ro role, k chanKind) bool {
	switch {
	case ro == roleCore || k == chanMain:
		return true
	case k == chanCore:
		return ro == roleHelper
	case ro == roleHelper:
		return k != chanExtra || r.chance(700)
	case k == chanHelp:
		return ro != roleLurker || r.chance(400)
	case k == chanAlerts:
		return ro == roleRegular && r.chance(600) || r.chance(200)
	}
	return r.chance(500)
}

// buildSamplers prepares who asks, posts, reacts and answers in channel c.
func (w *Workspace) buildSamplers(c int) {
	ch := &w.chans[c]
	cm := &w.comms[ch.comm]
	isMember := map[int32]bool{}
	for _, p := range ch.members {
		isMember[p] = true
		pp := &w.people[p]
		if pp.role == roleBot {
			continue
		}
		f := 1
		if pp.home == ch.comm {
			f = 3
		}
		ch.ask.add(p, askWeights[pp.role]*pp.weight*f)
		ch.talk.add(p, talkWeights[pp.role]*pp.weight*f)
		ch.react.add(p, reactWeights[pp.role]*pp.weight*f)
	}
	ch.experts = make([]sampler, len(cm.topics))
	for t, ps := range cm.byTopic {
		for _, p := range ps {
			if !isMember[p] {
				continue
			}
			f := 2
			if w.people[p].spec[0] == t {
				f = 3
			}
			ch.experts[t].add(p, w.people[p].weight*f)
		}
	}
}

// dayWeight is the relative activity of channel c on day d: a weekly
// rhythm, slow growth, holidays, day-to-day noise and the odd busy day.
// It depends only on (seed, channel, day).
func (w *Workspace) dayWeight(c, d int) int64 {
	h := hash(w.seed, tagDayWeight, uint64(c), uint64(d))
	base := [7]int64{12, 100, 110, 105, 100, 80, 15}[w.weekday(d)]
	days := int64(max(w.Options.Days, 1))
	trend := 70 + 60*int64(min(d, int(days)))/days
	noise := 60 + int64(h%81)
	v := base * trend * noise // up to 110*130*140
	if (h>>20)%100 < 3 {
		v *= 3
	}
	_, month, dom := time.Unix(w.start+int64(d)*day, 0).UTC().Date()
	switch {
	case month == time.December && dom >= 24, month == time.January && dom == 1:
		v = v * 25 / 100
	case month == time.August && w.comms[w.chans[c].comm].arch.lang == "fr":
		v = v * 40 / 100
	case month == time.July || month == time.August:
		v = v * 80 / 100
	}
	return max(v/1000, 1)
}

func (c *chanInfo) isPrivate() bool { return c.kind == chanCore }
