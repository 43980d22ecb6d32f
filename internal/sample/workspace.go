package sample

import (
	"slices"
	"time"
)

// Roles of members. A member's role says how they take part: core members
// animate and answer, helpers answer a lot about their specialties,
// regulars and occasional members ask and chat, lurkers never post nor
// react, newcomers joined the channels in the last weeks.
const (
	RoleCore       = "core"
	RoleHelper     = "helper"
	RoleRegular    = "regular"
	RoleOccasional = "occasional"
	RoleLurker     = "lurker"
	RoleNewcomer   = "newcomer"
	RoleBot        = "bot"
)

// User is a member of the workspace, as users.json lists it.
type User struct {
	ID, Name, RealName, DisplayName, TZ, Locale string
	TZOffset                                    int // seconds east of UTC at End
	IsBot                                       bool
	Role                                        string    // one of the Role constants
	Deleted                                     bool      // deactivated: listed, no longer posting nor in any channel
	Title                                       string    // job title
	BotID                                       string    // bots: the B… id their messages carry
	Community                                   string    // home community; "" for bots
	Joined                                      time.Time // newcomers: when they joined their channels; zero otherwise
}

// Channel is a conversation of the workspace. Private channels have a G…
// ID and are listed in groups.json.
type Channel struct {
	ID, Name, Purpose string
	Private           bool
	Members           []string // user IDs of the current members, sorted
	Community         string   // name of the community it belongs to
}

// Community is a community of practice and its channels.
type Community struct {
	Name, Vocation, Language string // Language: en or fr
	Timezone                 string // IANA name
	Channels                 []string
	Topics                   []string
	Facilitators             []string // user IDs of its core members
	Experts                  []Expert // declared experts: what a configuration would list
	// Specialists is the ground truth behind the messages: every core
	// member and helper with the topics they answer about. Experts is a
	// subset of it; expert finding should recover the rest.
	Specialists []Expert
}

// Expert is a member knowledgeable about some topics.
type Expert struct {
	User   string
	Topics []string
}

// Workspace is a generated workspace: members, channels and communities,
// but no messages, which are generated while they are written.
type Workspace struct {
	Options     Options // with defaults applied
	TeamID      string
	Domain      string // the workspace's subdomain, as in https://DOMAIN.slack.com
	Users       []User
	Channels    []Channel
	Communities []Community

	start, end int64 // history: [start, end), unix seconds at UTC midnights
	seed       uint64
	offsets    []int32 // offsets[d*len(zones)+z]: UTC offset of zone z on day d
	people     []person
	chans      []chanInfo
	comms      []commInfo
	ids        map[string]bool
}

// New builds a workspace deterministically from opts.
func New(opts Options) *Workspace {
	o := opts.withDefaults()
	w := &Workspace{Options: o, Domain: "praxis-sample", seed: uint64(o.Seed), ids: map[string]bool{}}
	w.end = o.End.Unix()
	w.start = w.end - int64(o.Days)*day
	w.offsets = make([]int32, (o.Days+liveDaysCached)*len(zones))
	for d := range o.Days + liveDaysCached {
		for z := range zones {
			w.offsets[d*len(zones)+z] = w.zoneOffset(z, d)
		}
	}
	r := newRNG(w.seed, tagWorkspace)
	w.TeamID = w.newID(&r, 'T')
	w.buildCommunities(&r)
	w.buildMembers(&r)
	w.buildBots(&r)
	w.buildChannels(&r)
	w.exportViews()
	w.ids = nil
	return w
}

const (
	day            = 86400 // seconds
	liveDaysCached = 31    // days after End whose offsets are precomputed
)

// newID returns a new unique Slack-like ID.
func (w *Workspace) newID(r *rng, prefix byte) string {
	for {
		id := randomID(r, prefix)
		if !w.ids[id] {
			w.ids[id] = true
			return id
		}
	}
}

// zoneOffset returns the UTC offset of zone z at noon UTC on day d.
func (w *Workspace) zoneOffset(z, d int) int32 {
	return int32(utcOffset(z, w.start+int64(d)*day+day/2))
}

// offset returns the UTC offset of zone z on day d, in seconds.
func (w *Workspace) offset(z, d int) int64 {
	if i := d*len(zones) + z; d >= 0 && i < len(w.offsets) {
		return int64(w.offsets[i])
	}
	return int64(w.zoneOffset(z, d))
}

// dayOf returns the index of the day holding unix time t.
func (w *Workspace) dayOf(t int64) int { return int((t - w.start) / day) }

// weekday returns the UTC weekday of day d.
func (w *Workspace) weekday(d int) time.Weekday {
	return time.Weekday(((w.start/day+int64(d))%7 + 4 + 7) % 7) // 1970-01-01 was a Thursday
}

// exportViews fills Users, Channels and Communities from the internal model.
func (w *Workspace) exportViews() {
	for i := range w.people {
		p := &w.people[i]
		u := &w.Users[i]
		z := zones[p.zone]
		u.TZ, u.Locale, u.TZOffset = z.name, z.locale, int(utcOffset(p.zone, w.end))
	}
	w.Channels = make([]Channel, len(w.chans))
	for i := range w.chans {
		c := &w.chans[i]
		var ids []string
		for _, p := range c.members {
			if !w.people[p].deleted {
				ids = append(ids, w.Users[p].ID)
			}
		}
		slices.Sort(ids)
		w.Channels[i] = Channel{ID: c.id, Name: c.name, Purpose: c.purpose, Private: c.kind == chanCore,
			Members: ids, Community: w.comms[c.comm].name}
	}
	w.Communities = make([]Community, len(w.comms))
	for k := range w.comms {
		cm := &w.comms[k]
		out := Community{Name: cm.name, Vocation: cm.arch.vocation, Language: cm.arch.lang, Timezone: cm.arch.tz}
		for _, c := range cm.chans {
			out.Channels = append(out.Channels, w.chans[c].id)
		}
		for _, t := range cm.topics {
			out.Topics = append(out.Topics, t.name)
		}
		for _, p := range cm.core {
			out.Facilitators = append(out.Facilitators, w.Users[p].ID)
		}
		for i, p := range cm.specialists {
			e := Expert{User: w.Users[p].ID}
			for _, t := range w.people[p].spec {
				e.Topics = append(e.Topics, cm.topics[t].name)
			}
			out.Specialists = append(out.Specialists, e)
			if w.people[p].role == roleCore || i%2 == 0 {
				out.Experts = append(out.Experts, e)
			}
		}
		w.Communities[k] = out
	}
}
