// Package slackexport writes a Slack workspace export (channels.json,
// users.json, CHANNEL/YYYY-MM-DD.json) from public histories kept in other
// shapes, so that `praxis import` and `praxis eval experts` can read them.
// The converters under docs/realdata give it each channel's messages, replies
// included, with the thread they belong to; it fills in what a real export
// carries around threads (reply_count, replies, reply_users on the parent,
// parent_user_id on each reply) and splits the messages into day files.
package slackexport

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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

// dedupe keeps one message per ts, sorted by ts. A source may hold a
// message twice (a thread's parent in the channel's history and in its
// thread): the first one is kept, with the thread it belongs to if only
// the second one says.
func dedupe(in []Message) []Message {
	out := make([]Message, 0, len(in))
	at := map[string]int{}
	for _, m := range in {
		if i, ok := at[m.TS]; ok {
			if out[i].ThreadTS == "" {
				out[i].ThreadTS = m.ThreadTS
			}
			continue
		}
		at[m.TS] = len(out)
		out = append(out, m)
	}
	slices.SortStableFunc(out, func(a, b Message) int { return compareTS(a.TS, b.TS) })
	return out
}

// threaded fills in the thread fields of parents and replies (msgs sorted
// by ts), and counts the replies whose parent is missing. What the source
// said of a parent's thread is replaced by what its replies here say, so
// that the export agrees with itself.
func threaded(msgs []Message, st *Stats) []Message {
	at := map[string]int{}
	for i := range msgs {
		m := &msgs[i]
		at[m.TS] = i
		if m.ThreadTS == "" || m.ThreadTS == m.TS {
			m.ThreadTS, m.ReplyCount, m.ReplyUsersCount, m.LatestReply, m.ReplyUsers, m.Replies = "", 0, 0, "", nil, nil
		}
	}
	for i := range msgs {
		m := &msgs[i]
		if m.ThreadTS == "" || m.ThreadTS == m.TS {
			continue
		}
		j, ok := at[m.ThreadTS]
		if !ok {
			st.Orphans++
			continue
		}
		p := &msgs[j]
		m.ParentUserID = p.User
		p.ThreadTS = p.TS
		p.ReplyCount++
		p.LatestReply = m.TS
		p.Replies = append(p.Replies, Reply{User: m.User, TS: m.TS})
		if m.User != "" && !slices.Contains(p.ReplyUsers, m.User) {
			p.ReplyUsers = append(p.ReplyUsers, m.User)
		}
		p.ReplyUsersCount = len(p.ReplyUsers)
	}
	return msgs
}

// derivedMembers is who was in a channel at the end of its history, as its
// messages tell: whoever posted or joined, unless they left afterwards.
func derivedMembers(msgs []Message) []string {
	in := map[string]bool{}
	var order []string
	for _, m := range msgs {
		if m.User == "" || m.BotID != "" || m.Subtype == "bot_message" {
			continue
		}
		if _, seen := in[m.User]; !seen {
			order = append(order, m.User)
		}
		in[m.User] = m.Subtype != "channel_leave" && m.Subtype != "group_leave"
	}
	out := []string{}
	for _, u := range order {
		if in[u] {
			out = append(out, u)
		}
	}
	return out
}

// isPost reports whether a message is something a member wrote (not a
// bot's, not a join, leave or topic change).
func isPost(m Message) bool {
	switch m.Subtype {
	case "", "thread_broadcast", "file_share", "me_message":
		return m.User != "" && m.BotID == ""
	}
	return false
}

func count(msgs []Message, st *Stats) {
	for _, m := range msgs {
		st.Messages++
		at := timeOf(m.TS)
		if st.First.IsZero() || at.Before(st.First) {
			st.First = at
		}
		if at.After(st.Last) {
			st.Last = at
		}
		if !isPost(m) {
			continue
		}
		st.Posts++
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			st.Replies++
			continue
		}
		if m.ReplyCount > 0 {
			st.Threads++
		}
		if slices.ContainsFunc(m.ReplyUsers, func(u string) bool { return u != m.User }) {
			st.Answered++
		}
	}
}

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

// compareTS orders Slack timestamps ("1607731437.257700") by time: as
// numbers, whatever the width of their parts.
func compareTS(a, b string) int {
	as, af, _ := strings.Cut(a, ".")
	bs, bf, _ := strings.Cut(b, ".")
	if c := cmp.Compare(len(as), len(bs)); c != 0 {
		return c
	}
	if c := cmp.Compare(as, bs); c != 0 {
		return c
	}
	return cmp.Compare(af+strings.Repeat("0", max(0, 6-len(af))), bf+strings.Repeat("0", max(0, 6-len(bf))))
}

func seconds(ts string) int64 {
	s, _, _ := strings.Cut(ts, ".")
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

func timeOf(ts string) time.Time {
	s, f, _ := strings.Cut(ts, ".")
	sec, _ := strconv.ParseInt(s, 10, 64)
	f = (f + "000000")[:6]
	us, _ := strconv.ParseInt(f, 10, 64)
	return time.Unix(sec, us*1000)
}

// TS is the Slack timestamp of t, to the microsecond.
func TS(t time.Time) string {
	return fmt.Sprintf("%d.%06d", t.Unix(), t.Nanosecond()/1000)
}
