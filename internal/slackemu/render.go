package slackemu

import (
	"encoding/json"
	"mime"
	"path"
	"slices"
	"strings"
)

// obj is a JSON object under construction.
type obj = map[string]any

// renderMessageLocked renders m as conversations.history and message events
// show it. Metadata is included only when withMetadata is set, as Slack only
// returns it for include_all_metadata.
func (s *Server) renderMessageLocked(c *conv, m *message, withMetadata bool) obj {
	o := obj{"type": "message", "ts": m.ts, "text": m.text}
	if m.user != "" {
		o["user"] = m.user
	}
	if m.subtype != "" {
		o["subtype"] = m.subtype
	}
	if m.subtype != "tombstone" {
		o["team"] = s.opts.TeamID
	}
	if m.clientMsgID != "" {
		o["client_msg_id"] = m.clientMsgID
	}
	if m.botID != "" {
		o["bot_id"] = m.botID
		o["app_id"] = s.opts.AppID
		o["bot_profile"] = obj{
			"id": m.botID, "app_id": s.opts.AppID, "name": s.opts.BotName,
			"team_id": s.opts.TeamID, "deleted": false, "updated": 0,
		}
	}
	if len(m.blocks) > 0 {
		o["blocks"] = m.blocks
	}
	if withMetadata && len(m.metadata) > 0 {
		o["metadata"] = m.metadata
	}
	if len(m.files) > 0 {
		files := make([]obj, len(m.files))
		for i, f := range m.files {
			files[i] = s.renderFile(f, m.user, m.at/1e6)
		}
		o["files"], o["upload"] = files, m.botID != ""
	}
	if m.edited != nil {
		o["edited"] = obj{"user": m.edited.user, "ts": m.edited.ts}
	}
	if len(m.reactions) > 0 {
		rs := make([]obj, len(m.reactions))
		for i, r := range m.reactions {
			rs[i] = obj{"name": r.name, "users": r.users, "count": len(r.users)}
		}
		o["reactions"] = rs
	}
	s.renderThread(o, c, m)
	return o
}

// renderThread adds the thread fields: the reply summary on a parent, the
// parent's author on a reply.
func (s *Server) renderThread(o obj, c *conv, m *message) {
	if m.isReply() {
		o["thread_ts"] = m.threadTS
		if p := c.find(m.threadTS); p != nil {
			o["parent_user_id"] = p.user
		}
		if m.subtype == "thread_broadcast" {
			o["root"] = obj{"ts": m.threadTS, "thread_ts": m.threadTS}
		}
		return
	}
	replies := c.replies(m.ts)
	if len(replies) == 0 {
		return
	}
	var users []string
	for _, r := range replies {
		if !slices.Contains(users, r.user) {
			users = append(users, r.user)
		}
	}
	o["thread_ts"] = m.ts
	o["reply_count"] = len(replies)
	o["reply_users"] = users
	o["reply_users_count"] = len(users)
	o["latest_reply"] = replies[len(replies)-1].ts
	o["subscribed"] = false
}

// renderFile renders f as messages and file uploads show it.
func (s *Server) renderFile(f File, user string, created int64) obj {
	ext := strings.TrimPrefix(path.Ext(f.Name), ".")
	mt := mime.TypeByExtension(path.Ext(f.Name))
	if mt == "" {
		mt = "application/octet-stream"
	}
	mt, _, _ = strings.Cut(mt, ";")
	size := 0
	if u, ok := s.ws.uploads[f.ID]; ok {
		size = len(u.content)
	}
	return obj{
		"id": f.ID, "name": f.Name, "title": f.Title, "user": user,
		"created": created, "timestamp": created, "mimetype": mt, "filetype": ext,
		"size": size, "mode": "hosted", "is_external": false, "is_public": false,
		"url_private": f.URL, "url_private_download": f.URL,
		"permalink": permalinkBase + "/files/" + user + "/" + f.ID + "/" + f.Name,
	}
}

// permalinkBase is the workspace URL permalinks point into.
const permalinkBase = "https://emulator.slack.local"

// renderUser renders u as users.info does.
func (s *Server) renderUser(u *User, withLocale bool) obj {
	tz := u.TZ
	if tz == "" {
		tz = "UTC"
	}
	profile := s.renderProfile(u)
	o := obj{
		"id": u.ID, "team_id": s.opts.TeamID, "name": u.Name, "deleted": u.Deleted,
		"real_name": u.RealName, "tz": tz, "tz_label": tz, "tz_offset": u.TZOffset,
		"is_bot": u.IsBot, "is_admin": false, "is_owner": false, "is_app_user": false,
		"is_restricted": false, "is_ultra_restricted": false, "updated": 0, "profile": profile,
	}
	if withLocale {
		loc := u.Locale
		if loc == "" {
			loc = "en-US"
		}
		o["locale"] = loc
	}
	return o
}

// renderProfile renders u's profile as users.info shows it: without its
// custom fields (users.profile.get adds them).
func (s *Server) renderProfile(u *User) obj {
	profile := obj{
		"real_name": u.RealName, "real_name_normalized": u.RealName,
		"display_name": u.DisplayName, "display_name_normalized": u.DisplayName,
		"status_text": u.StatusText, "status_emoji": u.StatusEmoji, "team": s.opts.TeamID,
	}
	if u.ID == s.opts.BotUserID {
		profile["bot_id"], profile["api_app_id"], profile["always_active"] = s.opts.BotID, s.opts.AppID, true
	}
	return profile
}

// renderConvLocked renders c as conversations.info does.
func (s *Server) renderConvLocked(c *conv, withNumMembers bool) obj {
	if c.IsIM {
		return obj{
			"id": c.ID, "created": c.created, "is_im": true, "is_org_shared": false,
			"user": s.imUser(c), "is_user_deleted": false, "priority": 0, "is_open": true,
		}
	}
	prev := c.previousNames
	if prev == nil {
		prev = []string{}
	}
	o := obj{
		"id": c.ID, "name": c.Name, "name_normalized": strings.ToLower(c.Name),
		"is_channel": true, "is_group": false, "is_im": false, "is_mpim": false,
		"is_private": c.IsPrivate, "created": c.created, "creator": "",
		"is_archived": false, "is_general": false, "unlinked": 0,
		"is_shared": false, "is_ext_shared": false, "is_org_shared": false,
		"is_pending_ext_shared": false, "is_member": c.has(s.opts.BotUserID),
		"topic":          obj{"value": c.Topic, "creator": "", "last_set": 0},
		"purpose":        obj{"value": c.Purpose, "creator": "", "last_set": 0},
		"previous_names": prev,
	}
	if withNumMembers {
		o["num_members"] = len(c.Members)
	}
	return o
}

// rawJSON returns v as JSON; v is always encodable here.
func rawJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic("slackemu: encode: " + err.Error())
	}
	return b
}
