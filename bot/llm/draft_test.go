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

func TestDraftQuestion(t *testing.T) {
	f := newFake(t)
	f.SetReply(func(w http.ResponseWriter, _ *http.Request, _ testkit.ModelRequest) {
		testkit.Complete(w, `{"question": "Which habit helps you review **infrastructure** changes safely"}`, 300, 25)
	})
	c := New(testConfig(f), "sk-test", bot.Deps{}, Options{})
	brief := QuestionBrief{
		Community:     "Security guild",
		Vocation:      "Ship secure software.",
		RecentThreads: []string{"How do we review Terraform plans?", "  ", strings.Repeat("é", 400)},
		Avoid:         []string{"What tool saved you time?"},
	}
	got, err := c.DraftQuestion(context.Background(), "fr", brief)
	if want := "Which habit helps you review infrastructure changes safely?"; err != nil || got != want {
		t.Fatalf("got %q, %v, want %q", got, err, want)
	}
	req := f.Last()
	if !strings.Contains(req.Messages[0].Content, "in French") || req.MaxTokens != 120 {
		t.Errorf("got system %q, max_tokens %d", req.Messages[0].Content, req.MaxTokens)
	}
	var sent QuestionBrief
	dec := json.NewDecoder(strings.NewReader(req.Messages[1].Content))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sent); err != nil {
		t.Fatalf("user turn %q: %v", req.Messages[1].Content, err)
	}
	if len(sent.RecentThreads) != 2 || len(sent.RecentThreads[1]) > maxDraftThread || sent.Avoid[0] != brief.Avoid[0] {
		t.Errorf("got data %+v, want the blank thread dropped and the long one cut", sent)
	}
	if _, err := c.DraftQuestion(context.Background(), "en", QuestionBrief{Community: "x"}); err == nil {
		t.Error("got a draft from no thread, want an error")
	}
	var nilClient *Client
	if _, err := nilClient.DraftQuestion(context.Background(), "en", brief); !errors.Is(err, ErrDisabled) {
		t.Errorf("nil client: got %v, want ErrDisabled", err)
	}
}

// Whatever the model writes, what gets posted cannot link, mention or
// broadcast.
func TestParseDraft(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"question": "What did you automate this month?"}`, "What did you automate this month?"},
		{`What did you automate this month`, "What did you automate this month?"},
		{`"Quel outil vous a fait gagner du temps ?"`, "Quel outil vous a fait gagner du temps?"},
		{`{"question": "<!channel> what is your <https://evil.example|favourite> tool?"}`, "what is your tool?"},
		{`{"question": "Ask <@U123> about https://evil.example/x now"}`, "Ask about now?"},
		{`{"question": "line one\nline two"}`, "line one line two?"},
		{`{"question": "@here ` + strings.Repeat("word ", 80) + `"}`, strings.TrimSpace(strings.Repeat("word ", 49)) + "?"},
		{`{"question": "ok", "extra": 1}`, ""},
		{`{"question": 3}`, ""},
		{"```json\n{}\n```", ""},
		{`{"question": "<https://x.y>"}`, ""},
	} {
		in, want := tc.in, tc.want
		got, err := parseDraft(in)
		if want == "" {
			if err == nil {
				t.Errorf("parseDraft(%q) = %q, want an error", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("parseDraft(%q) = %q, %v, want %q", in, got, err, want)
		}
		if strings.ContainsAny(got, "<>|*`\n") || len(got) > maxQuestionOutput {
			t.Errorf("parseDraft(%q) = %q: markup or too long", in, got)
		}
	}
}

func FuzzParseDraft(f *testing.F) {
	f.Add(`{"question": "<!here> hi https://a.b"}`)
	f.Add("plain \xff text")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseDraft(s)
		if err != nil {
			return
		}
		if strings.ContainsAny(got, "<>|`\n") || bareURL.MatchString(got) || strings.Contains(got, " @") ||
			len(got) > maxQuestionOutput || !strings.HasSuffix(got, "?") {
			t.Fatalf("parseDraft(%q) = %q", s, got)
		}
	})
}
