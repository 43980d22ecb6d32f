package record_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// sampleFor names the Slack sample of an event type.
var sampleFor = map[string]string{
	"message":                  "MessagePayload.json",
	"message/message_changed":  "MessageChangedPayload.json",
	"message/message_deleted":  "MessageDeletedPayload.json",
	"message/thread_broadcast": "MessageThreadBroadcastPayload.json",
	"message/file_share":       "MessageFileSharePayload.json",
	"message/channel_join":     "MessageChannelJoinPayload.json",
	"message/channel_leave":    "MessageChannelJoinPayload.json", // no sample of its own: the same shape
	"member_joined_channel":    "MemberJoinedChannelPayload.json",
	"member_left_channel":      "MemberLeftChannelPayload.json",
	"reaction_added":           "ReactionAddedPayload.json",
	"reaction_removed":         "ReactionRemovedPayload.json",
	"pin_added":                "PinAddedPayload.json",
	"pin_removed":              "PinRemovedPayload.json",
	"channel_rename":           "ChannelRenamePayload.json",
	"user_change":              "UserChangePayload.json",
}

// realQuirks are the fields real traffic carries that the samples do not
// document (path → why).
var realQuirks = map[string]string{
	"event.message.channel_id":     "a real message_changed carried a numeric channel_id (issue 12)",
	"event.message.attachments.ts": "an unfurl's attachment dates itself with a number",
}

// opaque are the fields compared as a whole (their kind only): Block Kit
// blocks are of many types, the first of ours need not be the sample's.
var opaque = map[string]bool{"blocks": true}

// TestStreamIsSlackShaped holds the stream to Slack's samples: each field,
// at each level (envelope, event, and the objects inside it), is one the
// sample of its type has, with the same JSON kind (string, number, object…),
// but for the real quirks listed.
func TestStreamIsSlackShaped(t *testing.T) {
	dir := "../../../shared/slack-samples/events"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/slack-samples not present")
	}
	s := communityStream()
	for i, payload := range s.events {
		name, ok := sampleFor[s.types[i]]
		if !ok {
			t.Fatalf("no sample for %s", s.types[i])
		}
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var ours, theirs any
		if err := json.Unmarshal(payload, &ours); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &theirs); err != nil {
			t.Fatal(err)
		}
		var bad []string
		sameShape("", ours, theirs, &bad)
		sort.Strings(bad)
		if len(bad) > 0 {
			t.Errorf("%s (event %d) is not shaped as %s: %s", s.types[i], i, name, strings.Join(bad, "; "))
		}
	}
}

// sameShape notes each field of ours that theirs does not have, or has
// with another JSON kind. Arrays are compared by their first element;
// null and the sample's blanks ("", 123) match any value of the kind.
func sameShape(path string, ours, theirs any, bad *[]string) {
	if quirky(path) || ours == nil || theirs == nil {
		return
	}
	if kind(ours) != kind(theirs) {
		*bad = append(*bad, fmt.Sprintf("%s is %s, Slack's is %s", path, kind(ours), kind(theirs)))
		return
	}
	switch o := ours.(type) {
	case map[string]any:
		th := theirs.(map[string]any)
		for k, v := range o {
			tv, ok := th[k]
			switch {
			case !ok && !quirky(path+"."+k):
				*bad = append(*bad, path+"."+k+" is not in Slack's")
			case ok && opaque[k] && kind(v) != kind(tv) && v != nil:
				*bad = append(*bad, fmt.Sprintf("%s.%s is %s, Slack's is %s", path, k, kind(v), kind(tv)))
			case ok && !opaque[k]:
				sameShape(path+"."+k, v, tv, bad)
			}
		}
	case []any:
		if th := theirs.([]any); len(o) > 0 && len(th) > 0 {
			sameShape(path+"[0]", o[0], th[0], bad)
		}
	}
}

// quirky reports whether a path is one of the real quirks.
func quirky(path string) bool {
	_, ok := realQuirks[strings.TrimPrefix(strings.ReplaceAll(path, "[0]", ""), ".")]
	return ok
}

func kind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}
