package slackexport

import "slices"

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
