package llm

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"praxis/bot"
	"praxis/internal/testkit"
)

// TestDraftVocation: the brief goes as quoted data under the vocation's
// instructions, its items cut; the answer comes back as one clean line
// ending with a full stop, its markup gone.
func TestDraftVocation(t *testing.T) {
	f := newFake(t)
	f.SetReply(func(w http.ResponseWriter, _ *http.Request, _ testkit.ModelRequest) {
		answer := `{"vocation": "Share **backup** practice and help each other restore <https://evil.x|fast>"}`
		testkit.Complete(w, answer, 300, 25)
	})
	c := New(testConfig(f), "sk-test", bot.Deps{}, Options{})
	brief := VocationBrief{Channels: []string{"backups", " "}, Subjects: []string{"pgbackrest", strings.Repeat("é", 400)},
		Questions: []string{"How do we restore a snapshot?"}}
	got, err := c.DraftVocation(context.Background(), "fr", brief)
	if want := "Share backup practice and help each other restore."; err != nil || got != want {
		t.Fatalf("got %q, %v, want %q", got, err, want)
	}
	req := f.Last()
	if !strings.Contains(req.Messages[0].Content, "in French") || !strings.Contains(req.Messages[0].Content, "vocation") {
		t.Errorf("got system %q", req.Messages[0].Content)
	}
	var sent VocationBrief
	dec := json.NewDecoder(strings.NewReader(req.Messages[1].Content))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sent); err != nil {
		t.Fatalf("user turn %q: %v", req.Messages[1].Content, err)
	}
	if len(sent.Channels) != 1 || len(sent.Subjects[1]) > maxVocationItem {
		t.Errorf("got data %+v, want the blank channel dropped and the long subject cut", sent)
	}
	if _, err := c.DraftVocation(context.Background(), "en", VocationBrief{Channels: []string{"x"}}); err == nil {
		t.Error("got a vocation drawn from nothing, want an error")
	}
	var none *Client
	if _, err := none.DraftVocation(context.Background(), "en", brief); !errors.Is(err, ErrDisabled) {
		t.Errorf("nil client: got %v, want ErrDisabled", err)
	}
}
