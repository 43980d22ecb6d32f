package config

import (
	"strings"
	"time"

	"praxis/bot/workhours"
)

// Location returns the top-level time zone (UTC if it is invalid).
func (c *Config) Location() *time.Location { return location(c.loc, c.Timezone) }

// Location returns the community's time zone (UTC if it is invalid). Load
// fills an empty Timezone with the top-level one.
func (c Community) Location() *time.Location { return location(c.loc, c.Timezone) }

// Hours returns the community's working hours in its time zone, its
// holidays included: what unanswered questions wait by and the reports
// count the time to a first answer in.
func (c Community) Hours() (workhours.Hours, error) {
	q := c.Questions
	h, err := workhours.ParseHours(q.WorkingHours, q.WorkingDays, c.Location())
	if err != nil {
		return workhours.Hours{}, err
	}
	if h.Holidays, err = workhours.ParseHolidays(q.Holidays, q.ExtraHolidays); err != nil {
		return workhours.Hours{}, err
	}
	return h, nil
}

// location returns the zone resolved at load time, or resolves name if it
// has changed since.
func location(cached *time.Location, name string) *time.Location {
	if cached != nil && cached.String() == name {
		return cached
	}
	if loc, err := loadLocation(name); err == nil {
		return loc
	}
	return time.UTC
}

// CommunityForChannel returns the community a channel belongs to. ref is a
// channel ID ("C0123ABC"), "#name" or "name"; it matches the channels as
// written in the file (an ID does not match a community configured by
// name: resolve names to IDs first).
func (c *Config) CommunityForChannel(ref string) (*Community, bool) {
	key := channelKey(ref)
	if strings.TrimSpace(ref) == "" {
		return nil, false
	}
	for i := range c.Communities {
		for _, ch := range c.Communities[i].Channels {
			if channelKey(ch) == key {
				return &c.Communities[i], true
			}
		}
	}
	return nil, false
}

// HasChannel reports whether ref (ID, "#name" or "name") is one of the
// community's channels as written in the file.
func (c Community) HasChannel(ref string) bool {
	return strings.TrimSpace(ref) != "" && c.ChannelIndex(ref) >= 0
}

// ChannelIndex returns the index in Channels of ref (ID, "#name" or
// "name"), or of the first channel when ref is empty; -1 when it is not
// one of the community's.
func (c Community) ChannelIndex(ref string) int {
	if strings.TrimSpace(ref) == "" && len(c.Channels) > 0 {
		return 0
	}
	key := channelKey(ref)
	for i, ch := range c.Channels {
		if channelKey(ch) == key {
			return i
		}
	}
	return -1
}

// Channels returns every channel reference of every community, as written
// in the file (IDs and "#names"), in file order, without duplicates.
func (c *Config) Channels() []string {
	var out []string
	seen := map[string]bool{}
	for _, cm := range c.Communities {
		for _, ch := range cm.Channels {
			if k := channelKey(ch); !seen[k] {
				seen[k] = true
				out = append(out, ch)
			}
		}
	}
	return out
}

// CommunityNamed returns the community with this name (case-insensitive).
func (c *Config) CommunityNamed(name string) (*Community, bool) {
	for i := range c.Communities {
		if strings.EqualFold(strings.TrimSpace(c.Communities[i].Name), strings.TrimSpace(name)) {
			return &c.Communities[i], true
		}
	}
	return nil, false
}
