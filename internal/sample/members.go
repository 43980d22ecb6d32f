package sample

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

type role int

const (
	roleCore role = iota
	roleHelper
	roleRegular
	roleOccasional
	roleLurker
	roleNewcomer
	roleBot
)

var roleNames = [...]string{RoleCore, RoleHelper, RoleRegular, RoleOccasional, RoleLurker, RoleNewcomer, RoleBot}

// person is the generator's view of a member, parallel to Workspace.Users.
type person struct {
	role    role
	home    int // community index; -1 for bots
	zone    int
	first   string
	from    int   // first day they may post (newcomers: the day after they joined)
	to      int   // day they stop posting (deleted members); a large number otherwise
	joinDay int   // newcomers: the day they joined their channels; -1 otherwise
	weight  int   // personal activity multiplier
	spec    []int // specialties: topic indices in the home community
	deleted bool
	bot     *botSpec
}

// commInfo is the generator's view of a community.
type commInfo struct {
	arch        *archetype
	ph          *phrases
	name, slug  string // slug suffixes channel names of regional variants
	nchans      int
	topics      []topic // the archetype's, with a wiki page each
	topicW      []int   // how often each topic comes up
	chans       []int   // channel indices
	members     []int32 // home members
	core        []int32
	specialists []int32   // core members and helpers
	byTopic     [][]int32 // specialists of each topic
	bot         int32     // person index of its bot, -1 when none
	sizeW       int       // relative size
}

// buildCommunities picks each community's archetype, name and number of
// channels (1 to 3 each, when the total allows it).
func (w *Workspace) buildCommunities(r *rng) {
	o := w.Options
	w.comms = make([]commInfo, o.Communities)
	for k := range w.comms {
		a := archetypes[k%len(archetypes)]
		cm := &w.comms[k]
		cm.arch, cm.ph, cm.name, cm.nchans, cm.bot = a, phrasesFor(a.lang), a.name, 1, -1
		if v := k / len(archetypes); v > 0 {
			sites := cm.ph.sites
			site := sites[(v-1)%len(sites)]
			if n := (v-1)/len(sites) + 1; n > 1 {
				site += " " + strconv.Itoa(n)
			}
			cm.name = a.name + " – " + site
			cm.slug = "-" + slug(site)
		}
		for _, t := range a.topics {
			t.links = append(t.links[:len(t.links):len(t.links)],
				link{a.wiki + "/" + slug(t.name), fmt.Sprintf(cm.ph.wiki, t.name)})
			cm.topics = append(cm.topics, t)
		}
		zipf := []int{30, 22, 17, 13, 10, 8, 6, 5, 4}
		cm.topicW = make([]int, len(cm.topics))
		for i, j := range shuffled(r, len(cm.topics)) {
			cm.topicW[j] = zipf[min(i, len(zipf)-1)]
		}
		cm.sizeW = r.between(60, 160)
	}
	for extra := o.Channels - o.Communities; extra > 0; extra-- {
		k := r.intn(len(w.comms))
		for tries := 0; w.comms[k].nchans >= 3 && tries < 4*len(w.comms); tries++ {
			k = (k + 1) % len(w.comms)
		}
		w.comms[k].nchans++
	}
}

// slug makes a channel-name fragment of s: "Montréal 2" → "montreal-2".
func slug(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer(" ", "-", "/", "-", "'", "-").Replace(s)
	return asciiFold.Replace(s)
}

// shuffled returns a random permutation of 0..n-1.
func shuffled(r *rng, n int) []int {
	p := make([]int, n)
	for i := range p {
		j := r.intn(i + 1)
		p[i], p[j] = p[j], i
	}
	return p
}

// buildMembers creates the human members: home community, role, time
// zone, name, activity and specialties.
func (w *Workspace) buildMembers(r *rng) {
	o := w.Options
	C := len(w.comms)
	sizes := make([]int, C)
	for k := range w.comms {
		sizes[k] = w.comms[k].sizeW
	}
	w.people = make([]person, o.Members)
	w.Users = make([]User, o.Members)
	for i := range w.people {
		home := i % C
		if i >= 4*C {
			home = r.weighted(sizes)
		}
		w.people[i].home = home
		w.comms[home].members = append(w.comms[home].members, int32(i))
	}
	for k := range w.comms {
		w.assignRoles(r, k)
	}
	w.ensureDeleted(r)
	handles := map[string]int{}
	for k := range w.comms {
		for _, p := range w.comms[k].members {
			w.namePerson(r, p, handles)
		}
		w.assignSpecialties(r, k)
	}
}

// ensureDeleted makes sure that a workspace with regular members has a
// deleted one, as every real workspace does.
func (w *Workspace) ensureDeleted(r *rng) {
	for i := range w.people {
		if w.people[i].deleted {
			return
		}
	}
	for i := range w.people {
		if pp := &w.people[i]; pp.role == roleRegular {
			pp.deleted, pp.to = true, w.Options.Days/4+r.intn(w.Options.Days/2+1)
			return
		}
	}
}

// assignRoles shares a community's members among the roles: about
// √n/3 core members, √n helpers, then of the rest 6% newcomers, 40%
// lurkers, 24% occasional and 30% regular members; a few regular and
// occasional members left (deleted) midway.
func (w *Workspace) assignRoles(r *rng, k int) {
	cm := &w.comms[k]
	n := len(cm.members)
	order := shuffled(r, n)
	members := make([]int32, n)
	for i, j := range order {
		members[i] = cm.members[j]
	}
	cm.members = members
	nCore := max(1, isqrt(n)/3)
	nHelp := max(2, isqrt(n))
	rest := max(0, n-nCore-nHelp)
	nNew := rest * 6 / 100
	if nNew == 0 && rest >= 8 {
		nNew = 1
	}
	nLurk, nOcc := rest*40/100, rest*24/100
	bounds := []struct {
		upTo int
		role role
	}{{nCore, roleCore}, {nCore + nHelp, roleHelper}, {nCore + nHelp + nNew, roleNewcomer},
		{nCore + nHelp + nNew + nLurk, roleLurker}, {nCore + nHelp + nNew + nLurk + nOcc, roleOccasional}, {n, roleRegular}}
	days := w.Options.Days
	b := 0
	for i, p := range cm.members {
		for i >= bounds[b].upTo && b < len(bounds)-1 {
			b++
		}
		pp := &w.people[p]
		pp.role, pp.from, pp.to, pp.joinDay, pp.bot = bounds[b].role, 0, 1<<30, -1, nil
		pp.weight = pick(r, []int{1, 1, 1, 2, 2, 3, 4, 6})
		switch pp.role {
		case roleCore:
			cm.core = append(cm.core, p)
			cm.specialists = append(cm.specialists, p)
		case roleHelper:
			cm.specialists = append(cm.specialists, p)
		case roleNewcomer:
			pp.joinDay = days - 1 - r.intn(min(28, days))
			pp.from = pp.joinDay + 1
		case roleRegular, roleOccasional:
			if r.intn(25) == 0 {
				pp.deleted = true
				pp.to = days/4 + r.intn(days/2+1)
			}
		}
	}
}

func isqrt(n int) int {
	x := 0
	for (x+1)*(x+1) <= n {
		x++
	}
	return x
}

// namePerson gives a member a time zone, a name matching it and a unique
// handle.
func (w *Workspace) namePerson(r *rng, p int32, handles map[string]int) {
	pp := &w.people[p]
	cm := &w.comms[pp.home]
	ws := make([]int, len(zones))
	for z, zn := range zones {
		ws[z] = zn.weightEN
		if cm.arch.lang == "fr" {
			ws[z] = zn.weightFR
		}
		if zn.name == cm.arch.tz {
			ws[z] += 40
		}
	}
	pp.zone = r.weighted(ws)
	org := zones[pp.zone].names
	first, last := pick(r, firstNames[org]), pick(r, lastNames[org])
	for last == first {
		last = pick(r, lastNames[org])
	}
	pp.first = first
	h := handle(first, last)
	if n := handles[h]; n > 0 {
		handles[h] = n + 1
		h += strconv.Itoa(n + 1)
	} else {
		handles[h] = 1
	}
	u := &w.Users[p]
	u.ID = w.newID(r, 'U')
	u.Name, u.RealName = h, first+" "+last
	switch r.intn(10) {
	case 0, 1:
		u.DisplayName = "" // many people never set one
	case 2, 3:
		u.DisplayName = first + " " + string([]rune(last)[:1]) + "."
	default:
		u.DisplayName = first
	}
	u.Role, u.Deleted, u.Title, u.Community = roleNames[pp.role], pp.deleted, pick(r, cm.arch.titles), cm.name
	if pp.joinDay >= 0 {
		u.Joined = time.Unix(w.start+int64(pp.joinDay)*day, 0).UTC()
	}
}

// assignSpecialties gives core members two topics and helpers two or
// three, every topic having at least one specialist.
func (w *Workspace) assignSpecialties(r *rng, k int) {
	cm := &w.comms[k]
	nt := len(cm.topics)
	cm.byTopic = make([][]int32, nt)
	add := func(p int32, t int) bool {
		pp := &w.people[p]
		for _, s := range pp.spec {
			if s == t {
				return false
			}
		}
		pp.spec = append(pp.spec, t)
		cm.byTopic[t] = append(cm.byTopic[t], p)
		return true
	}
	for t, j := range shuffled(r, nt) {
		add(cm.specialists[j%len(cm.specialists)], t)
	}
	for _, p := range cm.specialists {
		want := 2
		if w.people[p].role == roleHelper {
			want = r.between(2, 3)
		}
		for len(w.people[p].spec) < min(want, nt) {
			add(p, r.intn(nt))
		}
	}
}

// buildBots adds one bot user per archetype with an integration, used by
// every community of that archetype.
func (w *Workspace) buildBots(r *rng) {
	made := map[*botSpec]int32{}
	for k := range w.comms {
		cm := &w.comms[k]
		b := cm.arch.bot
		if b == nil {
			continue
		}
		if p, ok := made[b]; ok {
			cm.bot = p
			continue
		}
		p := int32(len(w.people))
		w.people = append(w.people, person{
			role:    roleBot,
			home:    -1,
			zone:    zoneIndex(cm.arch.tz),
			from:    0,
			to:      1 << 30,
			joinDay: -1,
			weight:  1,
			bot:     b,
		})
		w.Users = append(w.Users, User{ID: w.newID(r, 'U'), Name: b.name, RealName: b.realName, DisplayName: b.realName,
			IsBot: true, Role: RoleBot, BotID: w.newID(r, 'B')})
		made[b], cm.bot = p, p
	}
}

// active reports whether member p may post on day d.
func (w *Workspace) active(p int32, d int) bool {
	pp := &w.people[p]
	return d >= pp.from && d < pp.to
}
