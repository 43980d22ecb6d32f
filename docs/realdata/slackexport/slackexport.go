// Package slackexport writes a Slack workspace export (channels.json,
// users.json, CHANNEL/YYYY-MM-DD.json) from public histories kept in other
// shapes, so that `praxis import` and `praxis eval experts` can read them.
// The converters under docs/realdata give it each channel's messages, replies
// included, with the thread they belong to; it fills in what a real export
// carries around threads (reply_count, replies, reply_users on the parent,
// parent_user_id on each reply) and splits the messages into day files.
package slackexport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Workspace is a history to write.
type Workspace struct {
	Channels []Channel
	Users    []User
	// Location decides which day file a message goes to (nil: UTC).
	Location *time.Location
}

// Channel is a conversation and its messages, in any order. Private ones
// go to groups.json, as Slack exports them.
type Channel struct {
	ID, Name string
	Private  bool
	Messages []Message
	// Members, when the source lists them; otherwise they are derived from
	// the messages (see members).
	Members []string
}

// User is a member as users.json lists it.
type User struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	RealName string `json:"real_name"`
	Deleted  bool   `json:"deleted"`
	IsBot    bool   `json:"is_bot"`
	TZ       string `json:"tz,omitempty"`
	Profile  struct {
		RealName    string `json:"real_name"`
		DisplayName string `json:"display_name"`
	} `json:"profile"`
}

// Message is an exported message. A reply has ThreadTS set to its parent's
// ts; the thread fields of the parent (ThreadTS, ReplyCount…) and the
// reply's ParentUserID are filled in by Write.
type Message struct {
	Type            string     `json:"type"`
	Subtype         string     `json:"subtype,omitempty"`
	User            string     `json:"user,omitempty"`
	BotID           string     `json:"bot_id,omitempty"`
	Text            string     `json:"text"`
	TS              string     `json:"ts"`
	ThreadTS        string     `json:"thread_ts,omitempty"`
	ParentUserID    string     `json:"parent_user_id,omitempty"`
	ReplyCount      int        `json:"reply_count,omitempty"`
	ReplyUsersCount int        `json:"reply_users_count,omitempty"`
	LatestReply     string     `json:"latest_reply,omitempty"`
	ReplyUsers      []string   `json:"reply_users,omitempty"`
	Replies         []Reply    `json:"replies,omitempty"`
	Edited          *Edited    `json:"edited,omitempty"`
	Reactions       []Reaction `json:"reactions,omitempty"`
	Files           []File     `json:"files,omitempty"`
	PinnedTo        []string   `json:"pinned_to,omitempty"`
}

// Reply is one entry of a parent's replies list.
type Reply struct {
	User string `json:"user"`
	TS   string `json:"ts"`
}

// Edited says when a message was last edited.
type Edited struct {
	User string `json:"user,omitempty"`
	TS   string `json:"ts"`
}

// Reaction is one emoji on a message and who reacted with it.
type Reaction struct {
	Name  string   `json:"name"`
	Users []string `json:"users"`
	Count int      `json:"count"`
}

// File is a file shared with a message, as far as an export describes it.
type File struct {
	ID         string `json:"id"`
	Name       string `json:"name,omitempty"`
	Title      string `json:"title,omitempty"`
	Permalink  string `json:"permalink,omitempty"`
	URLPrivate string `json:"url_private,omitempty"`
}

// Stats is what was written, for the README and the report.
type Stats struct {
	Channels, Members, DayFiles int
	Messages                    int // every message written, joins and bots included
	Posts                       int // written by a member: not a bot, not a join or a topic change
	Replies                     int // posts in a thread, not its parent
	Threads                     int // parents with at least one reply
	Answered                    int // top-level posts with a reply by someone other than their author
	Orphans                     int // replies whose parent is not in the history
	Unlisted                    int // authors the source does not list, added to users.json by id
	First, Last                 time.Time
}

// String is a one-paragraph summary.
func (s Stats) String() string {
	return fmt.Sprintf("%d channels, %d members, %d day files, %s to %s\n"+
		"%d messages (%d posts by members, %d of them thread replies), %d threads, "+
		"%d top-level posts answered by someone else, %d replies without their parent, %d unlisted authors",
		s.Channels, s.Members, s.DayFiles, s.First.UTC().Format(time.DateOnly), s.Last.UTC().Format(time.DateOnly),
		s.Messages, s.Posts, s.Replies, s.Threads, s.Answered, s.Orphans, s.Unlisted)
}

// Write writes ws as a Slack export into dir, which it creates.
func Write(dir string, ws Workspace) (Stats, error) {
	loc := ws.Location
	if loc == nil {
		loc = time.UTC
	}
	var st Stats
	users := slices.Clone(ws.Users)
	listed := map[string]bool{}
	for _, u := range users {
		listed[u.ID] = true
	}
	var public, private []channelEntry
	for _, c := range ws.Channels {
		msgs := threaded(dedupe(c.Messages), &st)
		if len(msgs) == 0 {
			continue
		}
		members := c.Members
		if members == nil {
			members = derivedMembers(msgs)
		}
		entry := channelEntry{ID: c.ID, Name: c.Name, Created: seconds(msgs[0].TS), IsGeneral: c.Name == "general",
			Members: members}
		if c.Private {
			private = append(private, entry)
		} else {
			public = append(public, entry)
		}
		for _, m := range msgs {
			if m.User != "" && m.BotID == "" && !listed[m.User] {
				listed[m.User] = true
				users = append(users, unlisted(m.User))
				st.Unlisted++
			}
		}
		n, err := writeDays(filepath.Join(dir, c.Name), msgs, loc)
		if err != nil {
			return st, err
		}
		st.Channels++
		st.DayFiles += n
		count(msgs, &st)
	}
	st.Members = len(users)
	for name, v := range map[string]any{"channels.json": public, "groups.json": private, "users.json": users} {
		if name == "groups.json" && len(private) == 0 {
			continue
		}
		if err := writeJSON(filepath.Join(dir, name), v); err != nil {
			return st, err
		}
	}
	return st, nil
}

// channelEntry is a conversation as channels.json lists it.
type channelEntry struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Created   int64    `json:"created"`
	IsGeneral bool     `json:"is_general"`
	Members   []string `json:"members"`
}

// unlisted is a member the source does not list, known by id only.
func unlisted(id string) User { return User{ID: id, Name: id} }

// writeDays writes a channel's messages (sorted by ts) into one file per
// day in loc, and returns how many files it wrote.
func writeDays(dir string, msgs []Message, loc *time.Location) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	n := 0
	for len(msgs) > 0 {
		day := timeOf(msgs[0].TS).In(loc).Format(time.DateOnly)
		end := 1
		for end < len(msgs) && timeOf(msgs[end].TS).In(loc).Format(time.DateOnly) == day {
			end++
		}
		if err := writeJSON(filepath.Join(dir, day+".json"), msgs[:end]); err != nil {
			return n, err
		}
		n++
		msgs = msgs[end:]
	}
	return n, nil
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "    ")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Convert is a converter's command line: SOURCE OUT_EXPORT_DIR. read turns
// the source into a workspace, Write writes it, and what was written is
// told on stderr.
func Convert(args []string, stderr io.Writer, usage string, read func(string) (Workspace, error)) error {
	if len(args) != 2 {
		return errors.New(usage)
	}
	ws, err := read(args[0])
	if err != nil {
		return err
	}
	st, err := Write(args[1], ws)
	if err != nil {
		return err
	}
	fmt.Fprintln(stderr, st)
	return nil
}
