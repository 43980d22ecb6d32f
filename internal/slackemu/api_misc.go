package slackemu

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
)

func (s *Server) authTest(*call) (obj, error) {
	return obj{
		"url": permalinkBase + "/", "team": s.opts.TeamName, "user": s.opts.BotName,
		"team_id": s.opts.TeamID, "user_id": s.opts.BotUserID, "bot_id": s.opts.BotID,
		"is_enterprise_install": false,
	}, nil
}

func (s *Server) teamInfo(c *call) (obj, error) {
	if t := c.arg("team"); t != "" && t != s.opts.TeamID {
		return nil, apiError("team_not_found")
	}
	return obj{"team": obj{
		"id": s.opts.TeamID, "name": s.opts.TeamName, "domain": "emulator",
		"email_domain": "", "icon": obj{"image_default": true},
	}}, nil
}

// appsConnectionsOpen hands out a single-use Socket Mode URL. It answers in
// Events API mode too, but those connections then receive no envelopes.
func (s *Server) appsConnectionsOpen(*call) (obj, error) {
	return obj{"url": s.openSocketLocked()}, nil
}

func (s *Server) usersInfo(c *call) (obj, error) {
	u, ok := s.ws.users[c.arg("user")]
	if !ok {
		return nil, apiError("user_not_found")
	}
	return obj{"user": s.renderUser(u, c.flag("include_locale"))}, nil
}

// usersProfileGet returns a user's profile with its custom fields, which
// users.info and users.list leave out, as Slack does; their labels only
// with include_labels.
func (s *Server) usersProfileGet(c *call) (obj, error) {
	u, ok := s.ws.users[c.arg("user")]
	if !ok {
		return nil, apiError("user_not_found")
	}
	profile := s.renderProfile(u)
	fields := obj{}
	for i, label := range slices.Sorted(maps.Keys(u.Fields)) {
		f := obj{"value": u.Fields[label], "alt": ""}
		if c.flag("include_labels") {
			f["label"] = label
		}
		fields[fmt.Sprintf("Xf%02d", i+1)] = f
	}
	profile["fields"] = fields
	return obj{"profile": profile}, nil
}

// usersList lists every user, the bot included, ordered by ID.
func (s *Server) usersList(c *call) (obj, error) {
	limit, err := limitArg(c, 100)
	if err != nil {
		return nil, err
	}
	ids := slices.SortedFunc(maps.Keys(s.ws.users), idCompare)
	pg, next, err := page(ids, func(id string) string { return id }, idBefore, c.arg("cursor"), limit)
	if err != nil {
		return nil, err
	}
	withLocale := c.flag("include_locale")
	members := make([]obj, len(pg))
	for i, id := range pg {
		members[i] = s.renderUser(s.ws.users[id], withLocale)
	}
	return obj{"members": members, "cache_ts": s.opts.Now().Unix(), "response_metadata": obj{"next_cursor": next}}, nil
}

// viewArg decodes the view argument, a JSON object.
func viewArg(c *call) (obj, string, error) {
	raw := c.arg("view")
	var view obj
	if raw == "" || json.Unmarshal([]byte(raw), &view) != nil || view == nil {
		return nil, "", apiError("invalid_arguments")
	}
	return view, raw, nil
}

// renderView completes a view as Slack echoes it back.
func (s *Server) renderView(view obj, id, hash string) obj {
	out := maps.Clone(view)
	out["id"], out["team_id"], out["app_id"], out["bot_id"] = id, s.opts.TeamID, s.opts.AppID, s.opts.BotID
	out["hash"], out["root_view_id"], out["app_installed_team_id"] = hash, id, s.opts.TeamID
	out["state"] = obj{"values": obj{}}
	if _, ok := out["blocks"]; !ok {
		out["blocks"] = []any{}
	}
	return out
}

// viewHash is the hash of a view's content, as views.publish compares it.
func viewHash(raw string) string {
	h := fnv.New64a()
	h.Write([]byte(raw))
	return fmt.Sprintf("%016x", h.Sum64())
}

// viewsPublish publishes a user's Home tab. A hash that is not the current
// view's is rejected with hash_conflict.
func (s *Server) viewsPublish(c *call) (obj, error) {
	user := c.arg("user_id")
	if _, ok := s.ws.users[user]; !ok {
		return nil, apiError("user_not_found")
	}
	view, raw, err := viewArg(c)
	if err != nil {
		return nil, err
	}
	if hash := c.arg("hash"); hash != "" && hash != s.ws.homes[user] {
		return nil, apiError("hash_conflict")
	}
	hash := viewHash(raw)
	s.ws.homes[user] = hash
	s.record(Posted{Method: c.method, User: user, Blocks: blocksOf(view), Payload: cloneRaw(raw)})
	return obj{"view": s.renderView(view, "V"+user, hash)}, nil
}

// viewsOpen opens a modal for the user a trigger_id was issued to (by
// SlashCommand or BlockAction). Expiry is not emulated.
func (s *Server) viewsOpen(c *call) (obj, error) {
	user, ok := s.ws.triggers[c.arg("trigger_id")]
	if !ok {
		return nil, apiError("invalid_trigger_id")
	}
	view, raw, err := viewArg(c)
	if err != nil {
		return nil, err
	}
	id := s.newID("V")
	s.record(Posted{Method: c.method, User: user, Blocks: blocksOf(view), Payload: cloneRaw(raw)})
	return obj{"view": s.renderView(view, id, viewHash(raw))}, nil
}

// blocksOf returns the blocks of a view as JSON.
func blocksOf(view obj) json.RawMessage {
	if b, ok := view["blocks"]; ok {
		return rawJSON(b)
	}
	return nil
}
