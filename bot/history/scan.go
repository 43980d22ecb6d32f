package history

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"

	"praxis/store"
)

// Reading an export without a store, for `praxis discover`: the public
// channels with their purpose and members, the members, and each channel's
// messages in the order of its day files, under the same limits as an
// import, so a hostile export costs no more to read than to import.

// Channel is a public channel of an export.
type Channel struct {
	ID, Name, Folder string
	Purpose          string   // the channel's purpose, as its creator wrote it
	Members          []string // who is in it, readers included, as the export lists them
}

// wireChannelInfo is what channels.json says of a channel besides its name.
type wireChannelInfo struct {
	ID      string   `json:"id"`
	Members []string `json:"members"`
	Purpose struct {
		Value string `json:"value"`
	} `json:"purpose"`
}

// PublicChannels lists the export's public channels (channels.json), with
// their purpose and members, and what could not be read. Private and
// direct conversations are left out: what discovery proposes is shown to
// whoever runs it.
func (e *Export) PublicChannels() ([]Channel, []string) {
	sum := Summary{Skipped: map[string]int{}}
	byID := map[string]int{}
	var out []Channel
	for _, c := range listConversations(e, &sum) {
		if !c.Private {
			byID[c.ID] = len(out)
			out = append(out, Channel{ID: c.ID, Name: c.Name, Folder: c.Folder})
		}
	}
	if r, err := e.Open("channels.json"); err == nil {
		eachElement(newArrayReader(r, e.lim.listElement, e.lim.literal), func(c wireChannelInfo) error {
			if i, ok := byID[c.ID]; ok {
				purpose, _ := store.CapText(c.Purpose.Value)
				out[i].Purpose, out[i].Members = purpose, c.Members
			}
			return nil
		}, func(error) {}, nil) // reported by listConversations
		r.Close()
	}
	return out, problemsOf(sum)
}

// Members reads users.json: the members, and what could not be read.
func (e *Export) Members() ([]store.Member, []string) {
	sum := Summary{Skipped: map[string]int{}}
	r, err := e.Open("users.json")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, []string{"users.json: missing; members are shown by their ids"}
	}
	if err != nil {
		return nil, []string{fmt.Sprintf("users.json: %v", err)}
	}
	defer r.Close()
	var out []store.Member
	err = eachElement(newArrayReader(r, e.lim.listElement, e.lim.literal), func(u wireUser) error {
		if u.ID == "" {
			return nil
		}
		if len(out) == e.lim.members {
			return fmt.Errorf("more than %d members: the rest are not read", e.lim.members)
		}
		out = append(out, u.member())
		return nil
	}, func(err error) { sum.skip("users.json: member that could not be read ("+errKind(err)+")", 1) }, nil)
	if err != nil {
		sum.Errors = append(sum.Errors, fmt.Sprintf("users.json: %v", err))
	}
	return out, problemsOf(sum)
}

// ReadChannel calls fn with each message of a channel's day files, a file
// at a time in date order and each file in its order, and returns what
// could not be read. Texts are capped as the import caps them; a day file
// is read up to limits.dayMessages. fn's error stops the reading.
func (e *Export) ReadChannel(ctx context.Context, c Channel, fn func(store.ChannelMessage) error) ([]string, error) {
	var problems []string
	for _, file := range e.DayFiles(c.Folder) {
		if err := ctx.Err(); err != nil {
			return problems, err
		}
		p, err := e.readDayFile(file, fn)
		if p != "" {
			problems = append(problems, p)
		}
		if err != nil {
			return problems, err
		}
	}
	return problems, nil
}

// readDayFile reads one day file into fn; a problem with the file is
// returned in words, fn's error as an error.
func (e *Export) readDayFile(file string, fn func(store.ChannelMessage) error) (string, error) {
	r, err := e.Open(file)
	if err != nil {
		return fmt.Sprintf("%s: %v", file, err), nil
	}
	defer r.Close()
	var failed error // fn's
	read, skipped := 0, 0
	err = eachElement(newArrayReader(r, e.lim.element, e.lim.literal), func(m wireSaid) error {
		if read++; read > e.lim.dayMessages {
			return errDayFull
		}
		at, ok := store.ParseTS(m.TS)
		if !ok {
			skipped++
			return nil
		}
		text, _ := store.CapText(m.Text)
		failed = fn(store.ChannelMessage{TS: m.TS, ThreadTS: m.ThreadTS, UserID: m.User, Text: text,
			Subtype: m.Subtype, IsBot: m.BotID != "" || m.Subtype == "bot_message", PostedAt: at})
		return failed
	}, func(error) { skipped++ }, nil)
	switch {
	case failed != nil:
		return "", failed
	case errors.Is(err, errDayFull):
		return fmt.Sprintf("%s: cut after %d messages", file, e.lim.dayMessages), nil
	case err != nil:
		return fmt.Sprintf("%s: malformed day file (%s): %v", file, path.Base(file), err), nil
	case skipped > 0:
		return fmt.Sprintf("%s: %d messages could not be read, skipped", file, skipped), nil
	}
	return "", nil
}

// wireSaid is what discovery reads of a message: who said what, when, in
// which thread; decoding no more is a third of the time decoding takes.
type wireSaid struct {
	Subtype  string `json:"subtype"`
	User     string `json:"user"`
	BotID    string `json:"bot_id"`
	Text     string `json:"text"`
	TS       string `json:"ts"`
	ThreadTS string `json:"thread_ts"`
}

// problemsOf is what a summary says went wrong, in words.
func problemsOf(sum Summary) []string {
	out := sum.Errors
	for _, k := range sortedKeys(sum.Skipped) {
		out = append(out, fmt.Sprintf("%s (%d)", k, sum.Skipped[k]))
	}
	return out
}

// Name is the export's file or folder name, to say what was read.
func (e *Export) Name() string { return e.name }
