package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"praxis/prompts"
)

// What DraftQuestion sends and keeps.
const (
	maxDraftThreads   = 12
	maxDraftThread    = 300 // bytes of each thread's opening message
	maxDraftAvoid     = 8
	maxQuestionOutput = 250 // bytes of the question returned
)

// QuestionBrief is what the model reads to draft a question of the week:
// the community's name and purpose, the opening messages of its busiest
// recent threads (no author), and questions already asked.
type QuestionBrief struct {
	Community     string   `json:"community"`
	Vocation      string   `json:"vocation"`
	RecentThreads []string `json:"recent_threads"`
	Avoid         []string `json:"avoid"`
}

// DraftQuestion asks the model for a community's question of the week in
// lang (en or fr), drawn from the brief. The answer is one line of plain
// text, at most 250 bytes, ending with a question mark: any Slack markup
// (<…>: links, mentions, broadcasts), URL, Markdown emphasis or code is
// removed, since the text is posted in a channel as is. Any error
// (ErrDisabled, ErrBudget, a timeout, an answer that is not {"question":
// "…"} or plain text, or nothing left once cleaned) means: ask the next
// question of the configured list.
func (c *Client) DraftQuestion(ctx context.Context, lang string, b QuestionBrief) (string, error) {
	if c == nil {
		return "", ErrDisabled
	}
	var threads []string
	for _, t := range b.RecentThreads {
		if t = strings.TrimSpace(truncate(t, maxDraftThread)); t != "" && len(threads) < maxDraftThreads {
			threads = append(threads, t)
		}
	}
	if len(threads) == 0 {
		return "", errors.New("llm question draft: no recent thread to draw from")
	}
	b.RecentThreads, b.Avoid = threads, b.Avoid[:min(len(b.Avoid), maxDraftAvoid)]
	t := task{name: "question_of_the_week", maxTokens: 120, system: prompts.QuestionOfTheWeek(lang)}
	return ask(ctx, c, t, b, parseDraft)
}

// parseDraft reads {"question": STRING} or plain text, and cleans it.
func parseDraft(s string) (string, error) { return parseOne(s, "question", cleanQuestion) }

// parseOne reads {key: STRING} or plain text, and cleans it with clean.
func parseOne(s, key string, clean func(string) string) (string, error) {
	errDraft := fmt.Errorf(`answer is neither {%q: "…"} nor plain text`, key)
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") {
		var v map[string]json.RawMessage
		dec := json.NewDecoder(strings.NewReader(s))
		if err := dec.Decode(&v); err != nil || len(v) != 1 {
			return "", errDraft
		}
		if _, err := dec.Token(); err != io.EOF {
			return "", errDraft
		}
		var q string
		if err := json.Unmarshal(v[key], &q); err != nil {
			return "", errDraft
		}
		s = q
	} else if strings.HasPrefix(s, "`") {
		return "", errDraft
	}
	if s = clean(s); s == "" {
		return "", errors.New(key + " empty once cleaned")
	}
	return s, nil
}

// cleanQuestion makes a drafted question safe to post (cleanLine), at most
// maxQuestionOutput bytes with a question mark at the end.
func cleanQuestion(s string) string { return cleanLine(s, maxQuestionOutput, "?") }

// cleanLine makes a drafted line safe to post: no Slack markup or URL at
// all (nothing the model writes may link, mention or broadcast), no
// Markdown emphasis, no control or format character, no surrounding
// quotes, one line, at most max bytes, end at the end. Removing is done
// again until nothing changes, so that what is left cannot join into a
// URL. It is still text: whoever shows it escapes it.
func cleanLine(s string, max int, end string) string {
	s = stripFormat(truncate(s, maxCleaned))
	for {
		prev := s
		for m := ""; m != s; { // nested markup: the inner first, then the outer
			m, s = s, slackMarkup.ReplaceAllString(s, "")
		}
		s = strings.ReplaceAll(bareURL.ReplaceAllString(s, ""), "://", " ")
		s = strings.Map(func(r rune) rune {
			switch {
			case r == '*' || r == '_' || r == '~' || r == '`' || r == '<' || r == '>' || r == '|':
				return -1
			case unicode.IsControl(r) || unicode.IsSpace(r):
				return ' '
			}
			return r
		}, s)
		if s == prev {
			break
		}
	}
	var words []string
	for _, w := range strings.Fields(s) {
		if !strings.HasPrefix(w, "@") { // @here, @channel, @someone: never
			words = append(words, w)
		}
	}
	s = strings.Trim(strings.Join(words, " "), `"'«» “”`)
	s = strings.TrimSpace(strings.TrimLeft(s, "#!&"))
	if !strings.ContainsFunc(s, unicode.IsLetter) {
		return ""
	}
	if len(s) > max-len(end) {
		s = truncate(s, max-len(end))
		if sp := strings.LastIndexByte(s, ' '); sp > len(s)/2 {
			s = s[:sp]
		}
	}
	s = strings.TrimRight(s, " .,;:!?")
	return s + end
}
