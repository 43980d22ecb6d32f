package demo

import (
	"fmt"
	"strings"

	"praxis/internal/sample"
)

// cast is who plays in the live scenes, picked from the sample workspace.
type cast struct {
	en, fr           sample.Community
	enChan, frChan   sample.Channel
	newcomer, helper sample.User
	regular, french  sample.User
}

func (d *demo) pickCast() (cast, error) {
	var c cast
	users := map[string]sample.User{}
	for _, u := range d.ws.Users {
		users[u.ID] = u
	}
	chans := map[string]sample.Channel{}
	for _, ch := range d.ws.Channels {
		chans[ch.ID] = ch
	}
	for _, cm := range d.ws.Communities {
		if len(cm.Channels) == 0 {
			continue
		}
		if cm.Language == "fr" && c.fr.Name == "" {
			c.fr, c.frChan = cm, chans[cm.Channels[0]]
		}
		if cm.Language != "fr" && c.en.Name == "" {
			c.en, c.enChan = cm, chans[cm.Channels[0]]
		}
	}
	if c.en.Name == "" || c.fr.Name == "" {
		return c, fmt.Errorf("the sample workspace lacks an English or a French community")
	}
	in := map[string]bool{}
	for _, id := range c.enChan.Members {
		in[id] = true
	}
	for _, u := range d.ws.Users {
		switch {
		case u.IsBot:
		case !in[u.ID] && c.newcomer.ID == "" && (u.Role == "lurker" || u.Role == "newcomer" || u.Role == "occasional"):
			c.newcomer = u
		case in[u.ID] && c.helper.ID == "" && (u.Role == "helper" || u.Role == "core"):
			c.helper = u
		case in[u.ID] && c.regular.ID == "" && u.Role == "regular":
			c.regular = u
		}
	}
	for _, id := range c.frChan.Members {
		if u := users[id]; !u.IsBot && strings.HasPrefix(u.Locale, "fr") && c.french.ID == "" {
			c.french = u
		}
	}
	if c.newcomer.ID == "" || c.helper.ID == "" || c.regular.ID == "" || c.french.ID == "" {
		return c, fmt.Errorf("the sample workspace lacks a newcomer, a helper, a regular or a French member")
	}
	return c, nil
}
