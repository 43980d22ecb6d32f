package sample

import "strconv"

// appendJSONString appends s as a JSON string. Generated text is valid
// UTF-8; only quotes, backslashes and control characters need escaping.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendTS appends a Slack timestamp, "1700000000.000100", quoted.
func appendTS(b []byte, sec int64, frac int32) []byte {
	b = append(b, '"')
	b = strconv.AppendInt(b, sec, 10)
	b = append(b, '.')
	f := strconv.AppendInt(make([]byte, 0, 8), int64(frac)+1_000_000, 10)
	b = append(b, f[1:]...)
	return append(b, '"')
}

// tsKey orders messages as their ts do.
func tsKey(m *msg) int64 { return m.sec*1_000_000 + int64(m.frac) }

// encoder writes generated messages as the JSON of a Slack export. It
// caches each member's user_profile object.
type encoder struct {
	w        *Workspace
	profiles [][]byte
}

func newEncoder(w *Workspace) *encoder {
	e := &encoder{w: w, profiles: make([][]byte, len(w.Users))}
	for i := range w.Users {
		u := &w.Users[i]
		var b []byte
		b = append(b, `{"avatar_hash":`...)
		b = appendJSONString(b, avatarHash(u.ID))
		b = append(b, `,"image_72":`...)
		b = appendJSONString(b, avatarURL(u.ID, 72))
		b = append(b, `,"first_name":`...)
		b = appendJSONString(b, w.people[i].first)
		b = append(b, `,"real_name":`...)
		b = appendJSONString(b, u.RealName)
		b = append(b, `,"display_name":`...)
		b = appendJSONString(b, u.DisplayName)
		b = append(b, `,"team":`...)
		b = appendJSONString(b, w.TeamID)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, u.Name)
		b = append(b, `,"is_restricted":false,"is_ultra_restricted":false}`...)
		e.profiles[i] = b
	}
	return e
}

func avatarHash(id string) string {
	return "g" + hexString(hash(0xA7A7, uint64(len(id)), strHash(id)), 11)
}

func avatarURL(id string, size int) string {
	h := strHash(id)
	return "https://secure.gravatar.com/avatar/" + hexString(h, 15) + hexString(mix64(h), 15) + "00.jpg?s=" +
		strconv.Itoa(size) + "&d=identicon"
}

// strHash is FNV-1a.
func strHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// appendMsg appends message i of g (an origin day's messages) as JSON and
// counts it in st.
func (e *encoder) appendMsg(b []byte, g *gen, i int, st *Stats) []byte {
	m := &g.msgs[i]
	u := &e.w.Users[m.user]
	st.Messages++
	switch m.sub {
	case subJoin:
		st.Joins++
		b = append(b, `{"type":"message","subtype":"channel_join","ts":`...)
		b = appendTS(b, m.sec, m.frac)
		b = append(b, `,"user":`...)
		b = appendJSONString(b, u.ID)
		b = append(b, `,"text":`...)
		b = appendJSONString(b, m.text)
		return append(b, '}')
	case subBot:
		st.BotMessages++
		b = append(b, `{"type":"message","subtype":"bot_message","text":`...)
		b = appendJSONString(b, m.text)
		b = append(b, `,"ts":`...)
		b = appendTS(b, m.sec, m.frac)
		b = append(b, `,"bot_id":`...)
		b = appendJSONString(b, u.BotID)
		b = append(b, `,"username":`...)
		b = appendJSONString(b, u.RealName)
	default:
		st.Links += countLinks(m.text)
		b = e.appendUserMsg(b, g, i)
	}
	b = e.appendThread(b, g, i, st)
	if m.file >= 0 {
		st.Files++
		b = append(b, `,"files":[`...)
		b = e.appendFile(b, g, m)
		b = append(b, `],"upload":false,"display_as_bot":false`...)
	}
	b = e.appendReactions(b, m, st)
	return append(b, '}')
}

// appendUserMsg appends the opening fields of a member's message.
func (e *encoder) appendUserMsg(b []byte, g *gen, i int) []byte {
	w := e.w
	m := &g.msgs[i]
	u := &w.Users[m.user]
	b = append(b, `{"client_msg_id":"`...)
	b = appendUUID(b, hash(w.seed, tagUUID, uint64(g.c), uint64(m.sec)), uint64(m.frac)<<32|uint64(i))
	b = append(b, `","type":"message"`...)
	if m.sub != subNone {
		b = append(b, `,"subtype":"`...)
		b = append(b, subtypeNames[m.sub]...)
		b = append(b, '"')
	}
	b = append(b, `,"text":`...)
	b = appendJSONString(b, m.text)
	b = append(b, `,"user":`...)
	b = appendJSONString(b, u.ID)
	b = append(b, `,"ts":`...)
	b = appendTS(b, m.sec, m.frac)
	b = append(b, `,"team":`...)
	b = appendJSONString(b, w.TeamID)
	b = append(b, `,"user_profile":`...)
	b = append(b, e.profiles[m.user]...)
	if m.edited > 0 {
		b = append(b, `,"edited":{"user":`...)
		b = appendJSONString(b, u.ID)
		b = append(b, `,"ts":"`...)
		b = strconv.AppendInt(b, m.sec+int64(m.edited), 10)
		b = append(b, `.000000"}`...)
	}
	return b
}

func (e *encoder) appendReactions(b []byte, m *msg, st *Stats) []byte {
	if len(m.reacts) == 0 {
		return b
	}
	b = append(b, `,"reactions":[`...)
	for k, r := range m.reacts {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = appendJSONString(b, r.name)
		b = append(b, `,"users":[`...)
		for j, p := range r.users {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, e.w.Users[p].ID)
		}
		b = append(b, `],"count":`...)
		b = strconv.AppendInt(b, int64(len(r.users)), 10)
		b = append(b, '}')
		st.Reactions += len(r.users)
	}
	return append(b, ']')
}

// appendThread appends a parent's thread summary or a reply's link to its
// parent.
func (e *encoder) appendThread(b []byte, g *gen, i int, st *Stats) []byte {
	m := &g.msgs[i]
	switch {
	case m.parent >= 0:
		st.Replies++
		p := &g.msgs[m.parent]
		b = append(b, `,"thread_ts":`...)
		b = appendTS(b, p.sec, p.frac)
		b = append(b, `,"parent_user_id":`...)
		return appendJSONString(b, e.w.Users[p.user].ID)
	case m.nreply == 0:
		return b
	}
	replies := g.msgs[i+1 : i+1+int(m.nreply)]
	last := &replies[len(replies)-1]
	b = append(b, `,"thread_ts":`...)
	b = appendTS(b, m.sec, m.frac)
	b = append(b, `,"reply_count":`...)
	b = strconv.AppendInt(b, int64(m.nreply), 10)
	var users [16]int32
	who := users[:0]
	for k := range replies {
		p := replies[k].user
		seen := false
		for _, q := range who {
			seen = seen || q == p
		}
		if !seen {
			who = append(who, p)
		}
	}
	b = append(b, `,"reply_users_count":`...)
	b = strconv.AppendInt(b, int64(len(who)), 10)
	b = append(b, `,"latest_reply":`...)
	b = appendTS(b, last.sec, last.frac)
	b = append(b, `,"reply_users":[`...)
	for k, p := range who {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, e.w.Users[p].ID)
	}
	b = append(b, `],"replies":[`...)
	for k := range replies {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"user":`...)
		b = appendJSONString(b, e.w.Users[replies[k].user].ID)
		b = append(b, `,"ts":`...)
		b = appendTS(b, replies[k].sec, replies[k].frac)
		b = append(b, '}')
	}
	return append(b, `],"is_locked":false,"subscribed":false`...)
}
