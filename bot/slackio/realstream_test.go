package slackio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
)

// realShapedStream returns n Events API callbacks in the proportions of a
// real community's stream, and how many distinct members post them.
func realShapedStream(n int, seed uint64) ([][]byte, int) {
	g := &streamGen{rng: rand.New(rand.NewPCG(seed, 42)), posted: map[string][]string{}}
	for len(g.out) < n {
		g.step()
	}
	return g.out[:n], g.members
}

type streamGen struct {
	rng     *rand.Rand
	out     [][]byte
	members int
	posted  map[string][]string // channel → message ts, oldest first
	clock   int64               // microseconds since 1700000000
}

func (g *streamGen) ts() string {
	g.clock += 1000 + g.rng.Int64N(200000)
	return fmt.Sprintf("%d.%06d", 1700000000+g.clock/1e6, g.clock%1e6)
}

// member returns a member: one in twenty never seen before, else a known
// one (the active few more often than the rest).
func (g *streamGen) member(fresh bool) string {
	if fresh || g.members == 0 || g.rng.IntN(20) == 0 {
		g.members++
		return fmt.Sprintf("U%06d", g.members)
	}
	k := g.members - 1 - int(float64(g.members)*g.rng.Float64()*g.rng.Float64())
	return fmt.Sprintf("U%06d", max(k, 0)+1)
}

func (g *streamGen) earlier(channel string) (string, bool) {
	list := g.posted[channel]
	if len(list) == 0 {
		return "", false
	}
	return list[len(list)-1-g.rng.IntN(min(len(list), 50))], true
}

func (g *streamGen) emit(event map[string]any) {
	id := len(g.out)
	body, _ := json.Marshal(map[string]any{"type": "event_callback", "team_id": "T1", "api_app_id": "A1",
		"event_id": fmt.Sprintf("Ev%08d", id), "event_time": 1700000000 + g.clock/1e6, "event": event})
	g.out = append(g.out, body)
}

func (g *streamGen) step() {
	ch := fmt.Sprintf("C%02d", g.rng.IntN(40))
	parent, hasParent := g.earlier(ch)
	switch r := g.rng.IntN(100); {
	case r < 45 || !hasParent:
		g.message(ch, "")
	case r < 62:
		g.message(ch, parent)
	case r < 74:
		g.emit(map[string]any{"type": "reaction_added", "user": g.member(false), "reaction": "+1", "item_user": "U000001",
			"item": map[string]any{"type": "message", "channel": ch, "ts": parent}, "event_ts": g.ts()})
	case r < 80:
		user := g.member(false)
		g.emit(map[string]any{"type": "message", "subtype": "message_changed", "channel": ch, "hidden": true, "ts": g.ts(),
			"message": map[string]any{
				"type":   "message",
				"user":   user,
				"text":   "edited: " + words(g.rng, 20),
				"ts":     parent,
				"edited": map[string]any{"user": user, "ts": g.ts()},
			},
			"previous_message": map[string]any{"type": "message", "user": user, "text": words(g.rng, 20), "ts": parent}})
	case r < 86: // Slack unfurls a link: the message comes back with attachments, not edited
		user := g.member(false)
		text := "see <https://docs.example.com/page/" + parent + ">"
		g.emit(map[string]any{"type": "message", "subtype": "message_changed", "channel": ch, "hidden": true, "ts": g.ts(),
			"message": map[string]any{
				"type": "message",
				"user": user,
				"text": text,
				"ts":   parent,
				"attachments": []any{
					map[string]any{
						"from_url":     "https://docs.example.com/page/" + parent,
						"title":        "The page",
						"text":         words(g.rng, 30),
						"service_name": "docs",
					},
				},
			},
			"previous_message": map[string]any{"type": "message", "user": user, "text": text, "ts": parent}})
	case r < 89:
		g.emit(map[string]any{
			"type":             "message",
			"subtype":          "message_deleted",
			"channel":          ch,
			"hidden":           true,
			"ts":               g.ts(),
			"deleted_ts":       parent,
			"previous_message": map[string]any{"type": "message", "user": "U000001", "text": "gone", "ts": parent},
		})
	case r < 95:
		ts := g.ts()
		g.emit(map[string]any{
			"type":    "message",
			"subtype": "file_share",
			"channel": ch,
			"user":    g.member(false),
			"text":    "the slides",
			"ts":      ts,
			"files": []any{
				map[string]any{
					"id":          "F" + ts,
					"name":        "slides.pdf",
					"title":       "Slides",
					"url_private": "https://files.example.com/" + ts,
				},
			},
		})
		g.posted[ch] = append(g.posted[ch], ts)
	default: // a newcomer joins: Slack sends the join and its channel_join message
		user := g.member(true)
		ts := g.ts()
		g.emit(map[string]any{
			"type":         "member_joined_channel",
			"user":         user,
			"channel":      ch,
			"channel_type": "C",
			"team":         "T1",
			"event_ts":     ts,
		})
		g.emit(map[string]any{
			"type":    "message",
			"subtype": "channel_join",
			"channel": ch,
			"user":    user,
			"text":    "<@" + user + "> has joined the channel",
			"ts":      ts,
		})
	}
}

func (g *streamGen) message(ch, thread string) {
	ts := g.ts()
	ev := map[string]any{
		"type":         "message",
		"channel":      ch,
		"channel_type": "channel",
		"user":         g.member(false),
		"ts":           ts,
		"text":         words(g.rng, 5+g.rng.IntN(40)),
	}
	if thread != "" {
		ev["thread_ts"] = thread
	}
	if g.rng.IntN(5) == 0 {
		ev["text"] = ev["text"].(string) + " <https://wiki.example.com/p/" + ts + "|the wiki page>"
	}
	g.emit(ev)
	g.posted[ch] = append(g.posted[ch], ts)
}

var vocabulary = []string{
	"deploy", "the", "pipeline", "vault", "token", "rotation", "how", "do", "we", "kubernetes", "helm",
	"chart", "on-call", "alert", "runbook", "review", "merge", "request", "dbt", "model", "latency",
	"p99", "incident", "postmortem", "thanks", "?",
}

func words(rng *rand.Rand, n int) string {
	var b bytes.Buffer
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(vocabulary[rng.IntN(len(vocabulary))])
	}
	return b.String()
}
