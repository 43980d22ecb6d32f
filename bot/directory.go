package bot

import (
	"iter"
	"slices"
	"strings"
	"sync"
)

// Directory is the communities Praxis runs, by channel and by name: the one
// place that says which community a channel belongs to, what a channel no
// community claims gets, and which language a member reads. It is safe for
// concurrent use and Set replaces it as a whole.
type Directory struct {
	mu        sync.RWMutex
	comms     []Community
	byChannel map[string]int
	byName    map[string]int // lower-case name → index

	fallback Community
	people   People
}

// NewDirectory returns the directory of cs. fallback is the workspace's
// defaults: its language and time zone, and the settings a channel no
// community claims follows. people reads members for Lang; nil: Lang knows
// nothing of them.
func NewDirectory(cs []Community, fallback Community, people People) *Directory {
	d := &Directory{fallback: fallback, people: people}
	d.Set(cs)
	return d
}

// Set replaces the communities.
func (d *Directory) Set(cs []Community) {
	comms := slices.Clone(cs)
	byChannel, byName := map[string]int{}, map[string]int{}
	for i, c := range comms {
		if _, dup := byName[strings.ToLower(c.Name)]; !dup {
			byName[strings.ToLower(c.Name)] = i
		}
		for _, ch := range c.Channels {
			if _, dup := byChannel[ch.ID]; !dup {
				byChannel[ch.ID] = i
			}
		}
	}
	d.mu.Lock()
	d.comms, d.byChannel, d.byName = comms, byChannel, byName
	d.mu.Unlock()
}

// Communities returns the communities, in the configuration's order. The
// caller must not change them.
func (d *Directory) Communities() []Community {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.comms
}

// Of returns the community a channel (an id) belongs to.
func (d *Directory) Of(channel string) (Community, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	i, ok := d.byChannel[channel]
	if !ok {
		return Community{}, false
	}
	return d.comms[i], true
}

// Named returns the community with this name (case-insensitive).
func (d *Directory) Named(name string) (Community, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	i, ok := d.byName[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return Community{}, false
	}
	return d.comms[i], true
}

// Names returns the communities' names, in order: what an error naming an
// unknown community lists.
func (d *Directory) Names() []string {
	var out []string
	for _, c := range d.Communities() {
		out = append(out, c.Name)
	}
	return out
}

// Channels returns the ids of every community's channels.
func (d *Directory) Channels() []string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	out := make([]string, 0, len(d.byChannel))
	for id := range d.byChannel {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// First returns the first community, in the configuration's order, that
// has one of channels: the home community of a member in them, whose
// settings they follow.
func (d *Directory) First(channels iter.Seq[string]) (Community, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	best := -1
	for ch := range channels {
		if i, ok := d.byChannel[ch]; ok && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return Community{}, false
	}
	return d.comms[best], true
}

// Fallback returns the workspace's defaults: its language and time zone,
// and the settings of a channel no community claims.
func (d *Directory) Fallback() Community { return d.fallback }

// Accept decides whether an event is worth storing: contributions only in
// the communities' channels; commands, mentions, direct messages and the
// Home tab opened from anywhere; profile changes always. Everything else is
// dropped before it is stored.
func (d *Directory) Accept(e Event) bool {
	switch {
	case e.IsContribution():
		_, ok := d.Of(e.Channel)
		return ok
	case e.Kind == KindMention, e.Kind == KindDirect, e.Kind == KindCommand, e.Kind == KindAction,
		e.Kind == KindMemberChange, e.Kind == KindHomeOpened:
		return true
	}
	return false
}
