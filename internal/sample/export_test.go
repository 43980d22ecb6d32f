package sample

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	userIDRe    = regexp.MustCompile(`^U[0-9A-Z]{8,10}$`)
	channelIDRe = regexp.MustCompile(`^[CG][0-9A-Z]{8,10}$`)
	fileIDRe    = regexp.MustCompile(`^F[0-9A-Z]{8,10}$`)
	tsRe        = regexp.MustCompile(`^[0-9]{10}\.[0-9]{6}$`)
	mentionRe   = regexp.MustCompile(`<@([^>]+)>`)
)

// TestExportValid checks the format of a generated export in both layouts:
// valid JSON, increasing unique ts, threads consistent with their
// replies, every referenced member listed, and the Stats right.
func TestExportValid(t *testing.T) {
	for _, slackdump := range []bool{false, true} {
		t.Run(map[bool]string{false: "standard", true: "slackdump"}[slackdump], func(t *testing.T) {
			w := New(Options{Seed: 7, Messages: 4000, Days: 90, SlackdumpLayout: slackdump})
			dir, st := writeDir(t, w)
			x := readExport(t, dir)
			checkLists(t, w, x)
			got := checkMessages(t, w, x, slackdump)
			got.Members, got.Channels = len(x.users), len(x.days)
			for _, days := range x.days {
				got.DayFiles += len(days)
			}
			if got != st {
				t.Errorf("Stats = %+v, counted in the files %+v", st, got)
			}
			if lo, hi := w.Options.Messages*85/100, w.Options.Messages*115/100; st.Messages < lo || st.Messages > hi {
				t.Errorf("got %d messages, want about %d", st.Messages, w.Options.Messages)
			}
		})
	}
}

func checkLists(t *testing.T, w *Workspace, x *xExport) {
	t.Helper()
	users := map[string]bool{}
	for _, u := range x.users {
		if !userIDRe.MatchString(u.ID) || users[u.ID] {
			t.Errorf("user ID %q: malformed or duplicate", u.ID)
		}
		users[u.ID] = true
		if u.TZ == "" || u.Locale == "" || u.Name == "" {
			t.Errorf("user %s: missing tz, locale or name: %+v", u.ID, u)
		}
	}
	if len(x.channels)+len(x.groups) != len(w.Channels) {
		t.Fatalf("got %d channels and %d groups, want %d in all", len(x.channels), len(x.groups), len(w.Channels))
	}
	for _, c := range append(x.channels, x.groups...) {
		if !channelIDRe.MatchString(c.ID) {
			t.Errorf("channel ID %q malformed", c.ID)
		}
		if len(x.days[c.Name]) == 0 && w.Options.Messages >= 100*len(w.Channels) {
			t.Errorf("channel %s has no day file", c.Name)
		}
		for _, m := range c.Members {
			if !users[m] || x.deleted[m] {
				t.Errorf("channel %s: member %s unknown or deleted", c.Name, m)
			}
		}
	}
}

type threadInfo struct {
	parent  *xMsg
	folder  string
	file    string
	replies []*xMsg
}

func checkMessages(t *testing.T, w *Workspace, x *xExport, slackdump bool) Stats {
	t.Helper()
	var st Stats
	botIDs := map[string]bool{}
	botUser := map[string]string{} // bot_id → user ID
	for _, u := range x.users {
		if u.Profile.BotID != "" {
			botIDs[u.Profile.BotID] = true
			botUser[u.Profile.BotID] = u.ID
		}
	}
	known := func(where, id string) {
		if _, ok := x.isBot[id]; !ok {
			t.Errorf("%s: unknown user %q", where, id)
		}
	}
	threads := map[string]*threadInfo{} // folder + thread_ts
	seen := map[string]bool{}           // folder + ts
	last := map[string]string{}         // per day file
	x.each(func(folder string, d *xDay, m *xMsg) {
		where := folder + "/" + d.date + " " + m.TS
		key := folder + "/" + d.date
		if !tsRe.MatchString(m.TS) || m.TS <= last[key] || seen[folder+m.TS] {
			t.Errorf("%s: ts malformed, duplicate or not after %s", where, last[key])
		}
		last[key], seen[folder+m.TS] = m.TS, true
		at, _ := time.Parse("2006-01-02", d.date)
		sec := tsSec(m.TS)
		onDay := sec >= at.Unix() && sec < at.Unix()+day
		isReply := m.ThreadTS != "" && m.ThreadTS != m.TS
		if !onDay && (!slackdump || !isReply) {
			t.Errorf("%s: ts not on the file's day", where)
		}
		if sec >= w.end || sec < w.start {
			t.Errorf("%s: ts outside the history", where)
		}
		st.Messages++
		switch m.Subtype {
		case "channel_join":
			st.Joins++
			known(where, m.User)
			if m.Text != "<@"+m.User+"> has joined the channel" {
				t.Errorf("%s: join text %q", where, m.Text)
			}
		case "bot_message":
			st.BotMessages++
			if !botIDs[m.BotID] || m.Username == "" {
				t.Errorf("%s: bot message from unknown bot %q", where, m.BotID)
			}
		default:
			known(where, m.User)
			if x.isBot[m.User] {
				t.Errorf("%s: bot user posting as a member", where)
			}
			st.Links += countLinks(m.Text)
		}
		for _, id := range mentionRe.FindAllStringSubmatch(m.Text, -1) {
			known(where+" mention", id[1])
		}
		for _, r := range m.Reactions {
			if r.Count != len(r.Users) || r.Count == 0 {
				t.Errorf("%s: reaction %s count %d for %d users", where, r.Name, r.Count, len(r.Users))
			}
			for _, u := range r.Users {
				known(where+" reaction", u)
			}
			st.Reactions += len(r.Users)
		}
		for _, f := range m.Files {
			st.Files++
			described := f.Name != "" && f.Title != "" && f.Mimetype != ""
			if !fileIDRe.MatchString(f.ID) || !described || !strings.HasPrefix(f.Permalink, "https://") || f.User != m.User {
				t.Errorf("%s: bad file %+v", where, f)
			}
		}
		if len(m.Files) > 0 != (m.Subtype == "file_share") {
			t.Errorf("%s: subtype %q with %d files", where, m.Subtype, len(m.Files))
		}
		if m.Edited != nil && (m.Edited.User != m.User || m.Edited.TS <= m.TS) {
			t.Errorf("%s: bad edit %+v", where, m.Edited)
		}
		if m.ThreadTS == "" {
			return
		}
		th := threads[folder+m.ThreadTS]
		if th == nil {
			th = &threadInfo{}
			threads[folder+m.ThreadTS] = th
		}
		if !isReply {
			th.parent, th.folder, th.file = m, folder, d.date
			return
		}
		st.Replies++
		th.replies = append(th.replies, m)
		if slackdump && th.file != d.date {
			t.Errorf("%s: slackdump layout wants the reply in the parent's day file", where)
		}
	})
	checkThreads(t, threads, botUser)
	return st
}

func checkThreads(t *testing.T, threads map[string]*threadInfo, botUser map[string]string) {
	t.Helper()
	for key, th := range threads {
		p := th.parent
		if p == nil {
			t.Errorf("thread %s: replies without a parent", key)
			continue
		}
		if p.ReplyCount != len(th.replies) || len(p.Replies) != len(th.replies) {
			t.Errorf("thread %s: reply_count %d, %d listed, %d found", key, p.ReplyCount, len(p.Replies), len(th.replies))
			continue
		}
		author := p.User
		if p.BotID != "" {
			author = botUser[p.BotID]
		}
		var users []string
		for i, r := range th.replies {
			if p.Replies[i].TS != r.TS || p.Replies[i].User != r.User || r.ParentUserID != author {
				t.Errorf("thread %s: reply %d is %s by %s to %s, listed %+v", key, i, r.TS, r.User, r.ParentUserID, p.Replies[i])
			}
			if !slices.Contains(users, r.User) {
				users = append(users, r.User)
			}
		}
		latest := th.replies[len(th.replies)-1].TS
		if p.LatestReply != latest || p.ReplyUsersCount != len(users) || !slices.Equal(p.ReplyUsers, users) {
			t.Errorf("thread %s: latest_reply %s, reply_users %v (%d), want %s, %v",
				key, p.LatestReply, p.ReplyUsers, p.ReplyUsersCount, latest, users)
		}
	}
}

func tsSec(ts string) int64 {
	var s int64
	for _, c := range ts[:strings.IndexByte(ts, '.')] {
		s = s*10 + int64(c-'0')
	}
	return s
}

// TestOptionsRange generates odd-shaped workspaces and checks them.
func TestOptionsRange(t *testing.T) {
	end := time.Date(2025, 3, 30, 17, 0, 0, 0, time.FixedZone("x", 3600))
	for _, o := range []Options{
		{Seed: -1, Members: 1, Channels: 1, Messages: 1, Days: 1},
		{Seed: 2, Communities: 1, Channels: 3, Messages: 300, Days: 10},
		{Seed: 3, Communities: 2, Channels: 11, Members: 40, Messages: 2000, Days: 30},
		{Seed: 4, Communities: 10, Channels: 10, Members: 100, Messages: 3000, Days: 20, End: end},
	} {
		w := New(o)
		dir, st := writeDir(t, w)
		x := readExport(t, dir)
		checkLists(t, w, x)
		got := checkMessages(t, w, x, false)
		if got.Messages != st.Messages || got.Replies != st.Replies {
			t.Errorf("%+v: stats %+v, counted %+v", o, st, got)
		}
		names := map[string]bool{}
		for _, c := range w.Communities {
			if names[c.Name] {
				t.Errorf("%+v: community %q twice", o, c.Name)
			}
			names[c.Name] = true
		}
	}
}
