package sample

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// The shapes of the export's lists, as Slack writes them ("created" and
// "last_set" are strings there).

type wireChannel struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Created    string    `json:"created"`
	Creator    string    `json:"creator"`
	IsArchived bool      `json:"is_archived"`
	IsGeneral  bool      `json:"is_general"`
	Members    []string  `json:"members"`
	Topic      wireTopic `json:"topic"`
	Purpose    wireTopic `json:"purpose"`
}

type wireTopic struct {
	Value   string `json:"value"`
	Creator string `json:"creator"`
	LastSet string `json:"last_set"`
}

type wireUser struct {
	ID                string      `json:"id"`
	TeamID            string      `json:"team_id"`
	Name              string      `json:"name"`
	Deleted           bool        `json:"deleted"`
	Color             string      `json:"color"`
	RealName          string      `json:"real_name"`
	TZ                string      `json:"tz"`
	TZLabel           string      `json:"tz_label"`
	TZOffset          int         `json:"tz_offset"`
	Profile           wireProfile `json:"profile"`
	IsAdmin           bool        `json:"is_admin"`
	IsOwner           bool        `json:"is_owner"`
	IsPrimaryOwner    bool        `json:"is_primary_owner"`
	IsRestricted      bool        `json:"is_restricted"`
	IsUltraRestricted bool        `json:"is_ultra_restricted"`
	IsBot             bool        `json:"is_bot"`
	IsAppUser         bool        `json:"is_app_user"`
	Updated           int64       `json:"updated"`
	Locale            string      `json:"locale,omitempty"` // real exports omit it
}

type wireProfile struct {
	Title                 string `json:"title"`
	Phone                 string `json:"phone"`
	Skype                 string `json:"skype"`
	RealName              string `json:"real_name"`
	RealNameNormalized    string `json:"real_name_normalized"`
	DisplayName           string `json:"display_name"`
	DisplayNameNormalized string `json:"display_name_normalized"`
	StatusText            string `json:"status_text"`
	StatusEmoji           string `json:"status_emoji"`
	AvatarHash            string `json:"avatar_hash"`
	FirstName             string `json:"first_name"`
	LastName              string `json:"last_name"`
	Image72               string `json:"image_72"`
	Image192              string `json:"image_192"`
	BotID                 string `json:"bot_id,omitempty"`
	Team                  string `json:"team"`
}

type wireIntegration struct {
	UserID      string `json:"user_id"`
	UserName    string `json:"user_name"`
	BotID       string `json:"bot_id"`
	Date        string `json:"date"`
	ChangeType  string `json:"change_type"`
	ServiceType string `json:"service_type"`
	Scope       string `json:"scope"`
	Channel     string `json:"channel"`
}

// writeLists writes channels.json, groups.json, users.json and
// integration_logs.json.
func (w *Workspace) writeLists(s sink) (Stats, error) {
	var public, private []wireChannel
	var logs []wireIntegration
	for i := range w.chans {
		c := &w.chans[i]
		creator := w.Users[c.creator].ID
		created := strconv.FormatInt(c.created, 10)
		wc := wireChannel{ID: c.id, Name: c.name, Created: created, Creator: creator, Members: w.Channels[i].Members,
			Topic:   wireTopic{LastSet: "0"},
			Purpose: wireTopic{Value: c.purpose, Creator: creator, LastSet: created}}
		if c.isPrivate() {
			private = append(private, wc)
		} else {
			public = append(public, wc)
		}
		if c.bot >= 0 {
			logs = append(logs, wireIntegration{
				UserID:      creator,
				UserName:    w.Users[c.creator].Name,
				BotID:       w.Users[c.bot].BotID,
				Date:        strconv.FormatInt(c.created+day, 10),
				ChangeType:  "added",
				ServiceType: w.Users[c.bot].RealName,
				Scope:       "bot",
				Channel:     c.id,
			})
		}
	}
	if public == nil {
		public = []wireChannel{}
	}
	for _, f := range []struct {
		name string
		v    any
	}{{"channels.json", public}, {"groups.json", private}, {"integration_logs.json", logs}} {
		if f.name == "groups.json" && len(private) == 0 {
			continue
		}
		if f.name == "integration_logs.json" && logs == nil {
			f.v = []wireIntegration{}
		}
		if err := s.file(f.name, func(out io.Writer) error { return writeJSON(out, f.v) }); err != nil {
			return Stats{}, err
		}
	}
	err := s.file("users.json", func(out io.Writer) error {
		if _, err := io.WriteString(out, "["); err != nil {
			return err
		}
		for i := range w.Users {
			sep := ",\n    "
			if i == 0 {
				sep = "\n    "
			}
			if _, err := io.WriteString(out, sep); err != nil {
				return err
			}
			if err := writeJSONIndented(out, w.wireUser(i), "    "); err != nil {
				return err
			}
		}
		_, err := io.WriteString(out, "\n]\n")
		return err
	})
	return Stats{Members: len(w.Users)}, err
}

func writeJSON(out io.Writer, v any) error {
	if err := writeJSONIndented(out, v, ""); err != nil {
		return err
	}
	_, err := io.WriteString(out, "\n")
	return err
}

// writeJSONIndented writes v indented by four spaces, as Slack does, with
// the first line at the current position and the others after prefix.
func writeJSONIndented(out io.Writer, v any, prefix string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "    ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := out.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return err
}

func (w *Workspace) wireUser(i int) wireUser {
	u := &w.Users[i]
	p := &w.people[i]
	first, last, _ := strings.Cut(u.RealName, " ")
	if u.IsBot {
		first, last = u.RealName, ""
	}
	label := zones[p.zone].std
	if int64(u.TZOffset) != zones[p.zone].offset {
		label = zones[p.zone].dst
	}
	h := strHash(u.ID)
	return wireUser{
		ID:       u.ID,
		TeamID:   w.TeamID,
		Name:     u.Name,
		Deleted:  u.Deleted,
		Color:    hexString(h, 6),
		RealName: u.RealName,
		TZ:       u.TZ,
		TZLabel:  label,
		TZOffset: u.TZOffset,
		Profile: wireProfile{
			Title:                 u.Title,
			RealName:              u.RealName,
			RealNameNormalized:    asciiName(u.RealName),
			DisplayName:           u.DisplayName,
			DisplayNameNormalized: asciiName(u.DisplayName),
			AvatarHash:            avatarHash(u.ID),
			FirstName:             first,
			LastName:              last,
			Image72:               avatarURL(u.ID, 72),
			Image192:              avatarURL(u.ID, 192),
			BotID:                 u.BotID,
			Team:                  w.TeamID,
		},
		IsAdmin:        p.role == roleCore && i%3 == 0,
		IsOwner:        i == 0,
		IsPrimaryOwner: i == 0,
		IsBot:          u.IsBot,
		Updated:        w.end - int64(h%(90*day)),
		Locale:         u.Locale,
	}
}

// asciiName is Slack's *_normalized form of a name: accents removed.
var asciiName = strings.NewReplacer(
	"à", "a", "â", "a", "ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "ô", "o", "ù", "u", "û", "u", "ü", "u",
	"É", "E", "È", "E", "À", "A", "Ç", "C", "Ô", "O", "Î", "I").Replace
