package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"praxis/docs/realdata/internal/exporttest"
	"praxis/docs/realdata/slackexport"
)

// Two conversations interleaved in the channel, as the data set has them.
const chatXML = `<?xml version='1.0' encoding='utf-8'?>
<slack>
  <team_domain>clojurians</team_domain>
  <channel_name>clojure</channel_name>
  <start_date>2019-01-01T00:00:00.000000</start_date>
  <end_date>2019-01-02T00:00:00.000000</end_date>
  <message conversation_id="1">
    <ts>2019-01-01T10:00:00.000100</ts>
    <user>Alix</user>
    <text>how do I read a file lazily?</text>
  </message>
  <message conversation_id="2">
    <ts>2019-01-01T10:01:00.000200</ts>
    <user>Brain</user>
    <text>anyone at the conj?</text>
  </message>
  <message conversation_id="1">
    <ts>2019-01-01T10:02:00.000300</ts>
    <user>Otelia</user>
    <text>&lt;@Alix&gt; line-seq over a reader</text>
  </message>
  <message conversation_id="1">
    <ts>2019-01-01T10:05:00.000400</ts>
    <user>Alix</user>
    <text>thanks &lt;@Otelia&gt;!</text>
  </message>
</slack>
`

func TestConversationsBecomeThreads(t *testing.T) {
	src := filepath.Join(t.TempDir(), "chat.xml")
	if err := os.WriteFile(src, []byte(chatXML), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		replies int
	}{
		{"threads", nil, 2},
		{"flat", []string{"-flat"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "export")
			if err := run(append(tc.args, src, out), io.Discard); err != nil {
				t.Fatal(err)
			}
			st, sum := exporttest.Import(t, out)
			if sum.Messages != 4 || sum.Replies != tc.replies || sum.Members != 3 {
				t.Errorf("got %d messages, %d replies, %d members; want 4, %d, 3",
					sum.Messages, sum.Replies, sum.Members, tc.replies)
			}
			var users []slackexport.User
			if err := readJSONFile(filepath.Join(out, "users.json"), &users); err != nil {
				t.Fatal(err)
			}
			id := map[string]string{}
			for _, u := range users {
				id[u.Name] = u.ID
			}
			parent := "1546336800.000100" // 2019-01-01T10:00:00Z
			got := exporttest.ReadThread(t, st, channelID(t, out), parent)
			want := exporttest.Thread{{TS: parent, ThreadTS: parent, User: id["Alix"]},
				{TS: "1546336920.000300", ThreadTS: parent, User: id["Otelia"]},
				{TS: "1546337100.000400", ThreadTS: parent, User: id["Alix"]}}
			if tc.replies == 0 {
				want = exporttest.Thread{{TS: parent, User: id["Alix"]}}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("thread as imported (-want +got):\n%s", diff)
			}
			var day []slackexport.Message
			if err := readJSONFile(filepath.Join(out, "clojure", "2019-01-01.json"), &day); err != nil {
				t.Fatal(err)
			}
			if w := "<@" + id["Alix"] + "> line-seq over a reader"; len(day) != 4 || day[2].Text != w {
				t.Errorf("got %d messages, the third %q; want 4, %q (the mention by id)", len(day), day[2].Text, w)
			}
		})
	}
}

func channelID(t *testing.T, out string) string {
	t.Helper()
	var channels []struct{ ID string }
	if err := readJSONFile(filepath.Join(out, "channels.json"), &channels); err != nil || len(channels) != 1 {
		t.Fatalf("channels.json: %v, %d channels", err, len(channels))
	}
	return channels[0].ID
}

func readJSONFile(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
