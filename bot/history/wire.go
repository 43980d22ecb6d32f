package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

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
	return store.Member{
		ID:          u.ID,
		Name:        u.Name,
		RealName:    real,
		DisplayName: u.Profile.DisplayName,
		TZ:          u.TZ,
		Locale:      u.Locale,
		IsBot:       u.IsBot || u.ID == "USLACKBOT",
		Deleted:     u.Deleted,
	}
}

// wireConv is a conversation as listed, without its members (see
// importChannelMembers).
type wireConv struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type wireChannel struct {
	ID      string   `json:"id"`
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
	pm := bot.PastMessage{
		Channel:  channel,
		User:     m.User,
		BotID:    m.BotID,
		TS:       m.TS,
		ThreadTS: m.ThreadTS,
		Subtype:  m.Subtype,
		Text:     m.Text,
		PinnedTo: m.PinnedTo,
	}
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

// limitReactions keeps the first limit reacting members of the message and
// returns how many it dropped.
func (m *wireMessage) limitReactions(limit int) int {
	dropped := 0
	for i := range m.Reactions {
		users := m.Reactions[i].Users
		keep := min(len(users), limit)
		m.Reactions[i].Users, dropped, limit = users[:keep], dropped+len(users)-keep, limit-keep
	}
	return dropped
}

// size is about what the message costs in memory once turned into events
// (see part).
func (m *wireMessage) size() int {
	n := 2*len(m.Text) + eventBytes*(1+len(m.PinnedTo)) + 128*len(m.Files)
	for _, r := range m.Reactions {
		n += eventBytes * len(r.Users)
	}
	return n
}

// eachElement streams a JSON array (see arrayReader), decoding one element
// at a time into a fresh T: memory does not grow with the file. A field of
// the wrong type is left empty, as one odd field must not cost the
// element, and handed to wrongType (nil: ignored) in words; an element that
// cannot be read at all (broken, too large, not an object) is handed to
// skip and the array goes on. An array whose syntax breaks ends with an
// error, after the elements before it.
func eachElement[T any](ar *arrayReader, fn func(T) error, skip func(error), wrongType func(string)) error {
	for {
		b, err := ar.next()
		switch {
		case err == io.EOF:
			return nil
		case errors.Is(err, errTooLarge):
			skip(err)
			continue
		case err != nil:
			return err
		}
		var v T
		var typeErr *json.UnmarshalTypeError
		if err := json.Unmarshal(b, &v); err != nil {
			if !errors.As(err, &typeErr) || typeErr.Field == "" {
				skip(err)
				continue
			}
			if wrongType != nil {
				wrongType(typeWords(typeErr))
			}
		}
		if err := fn(v); err != nil {
			return err
		}
	}
}

// typeWords says what a field of the wrong type is, for a person: the
// field and both kinds of value, in JSON's words rather than Go's types.
func typeWords(e *json.UnmarshalTypeError) string {
	kind, _, _ := strings.Cut(e.Value, " ") // "number 5"
	got, ok := jsonKinds[kind]
	if !ok {
		got = "a value"
	}
	return fmt.Sprintf("%q is %s where %s was expected", e.Field, got, goKind(e.Type))
}

var jsonKinds = map[string]string{"number": "a number", "string": "text", "bool": "true or false",
	"array": "a list", "object": "an object"}

// goKind names, in JSON's words, the kind of value a Go type reads.
func goKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "an object"
	default:
		return "a number"
	}
}

// errKind names why an element was skipped, for the summary.
func errKind(err error) string {
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.Is(err, errTooLarge):
		return "too large"
	case errors.As(err, &typeErr):
		return "not an object"
	}
	return "malformed"
}
