package record_test

import (
	"encoding/json"
	"fmt"
	"strings"
)

// A recorded stream of a small community's real-shaped traffic: every
// envelope as Slack sends it over the Events API (the samples under
// ../shared/slack-samples/events show each type's envelope, and
// TestStreamIsSlackShaped holds the stream to them), with the quirks real
// traffic has: an unfurl that is a message_changed without "edited", a
// number where the documentation says string, a join delivered twice (the
// event, then the channel_join message).

const (
	team  = "T0PRAXIS"
	t0    = 1790000000 // Monday 21 September 2026, 14:13:20 UTC
	c1    = "C01PLATFORM"
	c2    = "C02DATA"
	c9    = "C09UNMAPPED"
	alice = "U01ALICE"
	bob   = "U02BOB"
	carol = "U03CAROL"
	dave  = "U04DAVE"
	eve   = "U05EVE"
	frank = "U06FRANK"
)

// eventContext is the start of every envelope's event_context: "4-" and
// the base64 of {"et":"message","tid":"T0PRAXIS","aid":"A0PRAXIS","cid":"
// (the envelope's number ends it).
const eventContext = "4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJUMFBSQVhJUyIsImFpZCI6IkEwUFJBWElTIiwiY2lkIjoi"

type obj = map[string]any

// stream builds the events in the order they happened.
type stream struct {
	at      float64 // seconds since the epoch, moving forward
	n       int
	events  [][]byte
	types   []string // "type" or "type/subtype", for the shape check
	authors map[string]string
	texts   map[string]string
}

func newStream() *stream {
	return &stream{at: t0, authors: map[string]string{}, texts: map[string]string{}}
}

// tick moves time forward and returns the new ts.
func (s *stream) tick(seconds float64) string {
	s.at += seconds
	sec := int64(s.at)
	return fmt.Sprintf("%d.%06d", sec, int64((s.at-float64(sec))*1e6+0.5)%1000000)
}

// push wraps an event in its envelope.
func (s *stream) push(ev obj) {
	s.n++
	env := obj{
		"token":                 "verification-token-unused",
		"team_id":               team,
		"api_app_id":            "A0PRAXIS",
		"type":                  "event_callback",
		"event_id":              fmt.Sprintf("Ev0%08X", s.n),
		"event_time":            int64(s.at),
		"is_ext_shared_channel": false,
		"event_context":         eventContext + fmt.Sprint(s.n),
		"authorizations": []obj{{
			"enterprise_id":         nil,
			"team_id":               team,
			"user_id":               "U0PRAXIS",
			"is_bot":                true,
			"is_enterprise_install": false,
		}},
		"event": ev,
	}
	b, err := json.Marshal(env)
	if err != nil {
		panic(err)
	}
	s.events = append(s.events, b)
	typ := ev["type"].(string)
	if st, ok := ev["subtype"].(string); ok {
		typ += "/" + st
	}
	s.types = append(s.types, typ)
}

func blocks(text string) []obj {
	return []obj{{"type": "rich_text", "block_id": "b" + fmt.Sprint(len(text)), "elements": []obj{
		{"type": "rich_text_section", "elements": []obj{{"type": "text", "text": text}}}}}}
}

// post posts a message (a reply when thread is set) and returns its ts.
func (s *stream) post(ch, user, text, thread string, extra obj) string {
	ts := s.tick(7)
	ev := obj{
		"type":          "message",
		"channel":       ch,
		"user":          user,
		"text":          text,
		"ts":            ts,
		"event_ts":      ts,
		"channel_type":  "channel",
		"client_msg_id": fmt.Sprintf("%08x-0000-4000-8000-%012x", s.n, s.n),
		"team":          team,
		"blocks":        blocks(text),
	}
	if thread != "" {
		ev["thread_ts"], ev["parent_user_id"] = thread, s.authors[thread]
	}
	for k, v := range extra {
		ev[k] = v
		if v == nil {
			delete(ev, k) // a field this subtype does not carry
		}
	}
	s.authors[ts], s.texts[ts] = user, text
	s.push(ev)
	return ts
}

// inner is a message as message_changed and message_deleted carry it.
func (s *stream) inner(ts string) obj {
	return obj{
		"type":   "message",
		"user":   s.authors[ts],
		"text":   s.texts[ts],
		"ts":     ts,
		"team":   team,
		"blocks": blocks(s.texts[ts]),
	}
}

// edit changes a message's text; numericChannel reproduces the real
// message_changed whose message carried "channel_id": 6147346546.
func (s *stream) edit(ch, ts, text string, numericChannel bool) {
	now := s.tick(11)
	prev := s.inner(ts)
	s.texts[ts] = text
	m := s.inner(ts)
	m["edited"] = obj{"user": s.authors[ts], "ts": now}
	if numericChannel {
		m["channel_id"] = 6147346546
	}
	s.push(obj{
		"type":             "message",
		"subtype":          "message_changed",
		"channel":          ch,
		"hidden":           true,
		"ts":               now,
		"event_ts":         now,
		"channel_type":     "channel",
		"message":          m,
		"previous_message": prev,
	})
}

// unfurl is Slack adding a link preview: a message_changed without
// "edited", its attachments full of numbers.
func (s *stream) unfurl(ch, ts, url, title string) {
	now := s.tick(3)
	m := s.inner(ts)
	m["attachments"] = []obj{{
		"id":           1,
		"ts":           int64(s.at) - 86400,
		"from_url":     url,
		"original_url": url,
		"title":        title,
		"title_link":   url,
		"service_name": "example",
		"image_width":  250,
		"image_height": 250,
		"image_bytes":  14203,
		"fallback":     "example: " + title,
	}}
	s.push(obj{
		"type":             "message",
		"subtype":          "message_changed",
		"channel":          ch,
		"hidden":           true,
		"ts":               now,
		"event_ts":         now,
		"channel_type":     "channel",
		"message":          m,
		"previous_message": s.inner(ts),
	})
}

func (s *stream) del(ch, ts string) {
	now := s.tick(13)
	s.push(obj{
		"type":             "message",
		"subtype":          "message_deleted",
		"channel":          ch,
		"hidden":           true,
		"deleted_ts":       ts,
		"ts":               now,
		"event_ts":         now,
		"channel_type":     "channel",
		"previous_message": s.inner(ts),
	})
}

// join is a member joining: the event, then the channel_join message.
func (s *stream) join(ch, user string) {
	now := s.tick(5)
	s.push(obj{
		"type":         "member_joined_channel",
		"user":         user,
		"channel":      ch,
		"channel_type": "C",
		"team":         team,
		"event_ts":     now,
	})
	s.post(ch, user, "<@"+user+"> has joined the channel", "", obj{
		"subtype":       "channel_join",
		"client_msg_id": nil,
		"blocks":        nil,
	})
}

func (s *stream) leave(ch, user string) {
	now := s.tick(5)
	s.push(obj{
		"type":         "member_left_channel",
		"user":         user,
		"channel":      ch,
		"channel_type": "C",
		"team":         team,
		"event_ts":     now,
	})
	s.post(ch, user, "<@"+user+"> has left the channel", "", obj{
		"subtype":       "channel_leave",
		"client_msg_id": nil,
		"blocks":        nil,
	})
}

func (s *stream) react(kind, ch, ts, user, name string) {
	now := s.tick(17)
	s.push(obj{
		"type":      kind,
		"user":      user,
		"reaction":  name,
		"item_user": s.authors[ts],
		"event_ts":  now,
		"item":      obj{"type": "message", "channel": ch, "ts": ts},
	})
}

func (s *stream) pin(kind, ch, ts, user string) {
	now := s.tick(19)
	msg := s.inner(ts)
	delete(msg, "blocks") // a pinned message comes without its blocks
	msg["permalink"] = "https://praxis.slack.com/archives/" + ch + "/p" + strings.ReplaceAll(ts, ".", "")
	s.push(obj{
		"type":       kind,
		"user":       user,
		"channel_id": ch,
		"item_user":  s.authors[ts],
		"event_ts":   now,
		"pin_count":  1,
		"item": obj{
			"type":       "message",
			"created":    int64(s.at),
			"created_by": user,
			"channel":    ch,
			"message":    msg,
		},
		"pinned_info": obj{"channel": ch, "pinned_by": user, "pinned_ts": int64(s.at)},
	})
}

func (s *stream) rename(ch, name string) {
	now := s.tick(23)
	s.push(obj{
		"type":     "channel_rename",
		"event_ts": now,
		"channel": obj{
			"id":              ch,
			"name":            name,
			"name_normalized": name,
			"created":         t0 - 86400*400,
			"is_channel":      true,
			"is_mpim":         false,
		},
	})
}

func (s *stream) userChange(user, name string) {
	s.tick(29)
	s.push(obj{
		"type":     "user_change",
		"cache_ts": int64(s.at),
		"user": obj{
			"id":        user,
			"team_id":   team,
			"name":      name,
			"deleted":   false,
			"real_name": name,
			"tz":        "Europe/Paris",
			"tz_offset": 7200,
			"is_bot":    false,
			"updated":   int64(s.at),
			"profile": obj{
				"display_name":      name,
				"real_name":         name,
				"status_text":       "",
				"status_emoji":      "",
				"status_expiration": 0,
			},
		},
	})
}
