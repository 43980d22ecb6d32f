package history

import (
	"encoding/json"
	"fmt"
	"io"

	"praxis/bot"
	"praxis/store"
)

// The shapes of a Slack export's files, as far as Praxis reads them.

type wireUser struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Deleted  bool   `json:"deleted"`
	RealName string `json:"real_name"`
	TZ       string `json:"tz"`
	Locale   string `json:"locale"`
	IsBot    bool   `json:"is_bot"`
	Profile  struct {
		RealName    string `json:"real_name"`
		DisplayName string `json:"display_name"`
	} `json:"profile"`
}

func (u wireUser) member() store.Member {
	real := u.RealName
	if real == "" {
		real = u.Profile.RealName
	}
	return store.Member{ID: u.ID, Name: u.Name, RealName: real, DisplayName: u.Profile.DisplayName, TZ: u.TZ,
		Locale: u.Locale, IsBot: u.IsBot || u.ID == "USLACKBOT", Deleted: u.Deleted}
}

type wireChannel struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Members []string `json:"members"`
}

type wireMessage struct {
	Type     string `json:"type"`
	Subtype  string `json:"subtype"`
	User     string `json:"user"`
	BotID    string `json:"bot_id"`
	Text     string `json:"text"`
	TS       string `json:"ts"`
	ThreadTS string `json:"thread_ts"`
	Edited   *struct {
		TS string `json:"ts"`
	} `json:"edited"`
	Reactions []struct {
		Name  string   `json:"name"`
		Users []string `json:"users"`
	} `json:"reactions"`
	PinnedTo []string `json:"pinned_to"`
	Files    []struct {
		ID         string `json:"id"`
		Name       string `json:"name"`
		Title      string `json:"title"`
		Permalink  string `json:"permalink"`
		URLPrivate string `json:"url_private"`
	} `json:"files"`
}

// events turns one exported message into the events the recorder applies.
func (m wireMessage) events(channel string) []bot.Event {
	at, _ := store.ParseTS(m.TS)
	pm := bot.PastMessage{Channel: channel, User: m.User, BotID: m.BotID, TS: m.TS, ThreadTS: m.ThreadTS,
		Subtype: m.Subtype, Text: m.Text, PinnedTo: m.PinnedTo}
	if m.Edited != nil {
		pm.EditedTS = m.Edited.TS
	}
	for _, f := range m.Files {
		pm.Files = append(pm.Files, bot.NewFile(f.ID, f.Name, f.Title, f.Permalink, f.URLPrivate))
	}
	for _, r := range m.Reactions {
		pm.Reactions = append(pm.Reactions, bot.PastReaction{Name: r.Name, Users: r.Users})
	}
	return pm.Events(at)
}

// eachElement streams a JSON array, decoding one element at a time into a
// fresh T, so memory does not grow with the file.
func eachElement[T any](r io.Reader, fn func(T) error) error {
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("not a JSON array: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("not a JSON array")
	}
	for dec.More() {
		var v T
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("element: %w", err)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("unterminated array: %w", err)
	}
	return nil
}
