package llm

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"praxis/prompts"
)

// What Summarize sends and keeps: a thread's first messages, each cut, and
// an answer of one or two sentences.
const (
	maxSummaryMessages = 20
	maxSummaryText     = 800 // bytes per message
	maxSummaryBytes    = 400 // of the summary returned
)

// Message is one message of a thread, as the model reads it.
type Message struct {
	Author string `json:"author"`
	Text   string `json:"text"`
}

// Summarize asks the model for one or two sentences summarising a Slack
// thread (oldest message first) in lang (en or fr), citing only what the
// thread says. The messages are sent as quoted JSON data, the first 20, each
// cut at 800 bytes. The answer is plain text on one line, at most 400 bytes;
// a link or Slack markup (<…>) that no message holds is removed. Any error
// (ErrDisabled, ErrBudget, a timeout, a server error, a refusal, an answer
// that is neither {"summary": "…"} nor plain text, or nothing left once
// cleaned) means: use an extractive summary instead.
func (c *Client) Summarize(ctx context.Context, lang string, thread []Message) (string, error) {
	if c == nil {
		return "", ErrDisabled
	}
	var data struct {
		Messages []Message `json:"messages"`
	}
	var blank = true
	for _, m := range thread[:min(len(thread), maxSummaryMessages)] {
		m.Text = truncate(m.Text, maxSummaryText)
		blank = blank && strings.TrimSpace(m.Text) == ""
		data.Messages = append(data.Messages, m)
	}
	if blank {
		return "", errors.New("llm summary: nothing to summarise")
	}
	t := task{name: "thread_summary", maxTokens: 200, system: prompts.ThreadSummary(lang)}
	return ask(ctx, c, t, data, func(s string) (string, error) { return parseSummary(s, data.Messages) })
}

// MaxConcurrent is how many requests the Client sends at once, for callers
// sizing their own workers; 0 for a nil Client.
func (c *Client) MaxConcurrent() int {
	if c == nil {
		return 0
	}
	return cap(c.slots)
}

var errSummary = errors.New(`answer is neither {"summary": "…"} nor plain text`)

// parseSummary reads the answer: exactly {"summary": STRING}, or plain text
// when it does not start with "{" (servers without JSON mode); then cleans
// it against the thread.
func parseSummary(s string, thread []Message) (string, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") {
		dec := json.NewDecoder(strings.NewReader(s))
		var tok [4]json.Token
		for i := range tok {
			t, err := dec.Token()
			if err != nil {
				return "", errSummary
			}
			tok[i] = t
		}
		v, ok := tok[2].(string)
		_, err := dec.Token()
		if err != io.EOF || tok[0] != json.Delim('{') || tok[1] != "summary" || !ok || tok[3] != json.Delim('}') {
			return "", errSummary
		}
		s = v
	} else if strings.HasPrefix(s, "`") {
		return "", errSummary
	}
	var in strings.Builder
	for _, m := range thread {
		in.WriteString(m.Text)
		in.WriteByte('\n')
	}
	if s = clean(s, in.String()); s == "" {
		return "", errors.New("summary empty once cleaned")
	}
	return s, nil
}

var (
	// slackMarkup is Slack's <…>: links, mentions, <!channel>.
	slackMarkup = regexp.MustCompile(`<[^<>]*>`)
	// bareURL is a URL or www. address, up to a space or markup.
	bareURL = regexp.MustCompile(`(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>()\[\]"'` + "`" + `]+`)
)

// maxCleaned bounds the model's text that is cleaned: a summary of one or
// two sentences is far shorter, and cleaning costs more as it grows.
const maxCleaned = 2048

// clean makes the model's text safe to show: one line; no control or
// format character (bidi overrides such as U+202E); any <…> or URL that
// input does not hold removed, again until nothing changes (removing
// <x> from <!chan<x>nel> must not leave <!channel>); at most
// maxSummaryBytes, cut at a word. What is kept is in Slack's form, like the
// thread: the digest quotes it (bot.Quote) when it renders it.
func clean(s, input string) string {
	s = stripFormat(truncate(s, maxCleaned))
	for {
		prev := s
		s = slackMarkup.ReplaceAllStringFunc(s, func(m string) string {
			if strings.Contains(input, m) {
				return m
			}
			return ""
		})
		s = bareURL.ReplaceAllStringFunc(s, func(m string) string {
			u := strings.TrimRight(m, ".,;:!?")
			if strings.Contains(input, u) {
				return m
			}
			return m[len(u):]
		})
		s = strings.Join(strings.Fields(s), " ")
		s = strings.NewReplacer("( )", "", "()", "", " .", ".", " ,", ",").Replace(s)
		if s == prev {
			break
		}
	}
	if len(s) > maxSummaryBytes {
		cut := truncate(s, maxSummaryBytes-len("…"))
		if sp := strings.LastIndexByte(cut, ' '); sp > len(cut)/2 {
			cut = cut[:sp]
		}
		s = cut + "…"
	}
	return strings.TrimSpace(s)
}

// stripFormat drops what a model could write to change how the text around
// it reads rather than what it says: control characters (but spacing) and
// format characters (bidi embeddings, overrides and isolates, invisible
// marks), keeping only the joiners that emoji and some scripts need; and
// invalid UTF-8.
func stripFormat(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u200c' || r == '\u200d' || r == '\t' || r == '\n' || r == '\r':
			return r
		case r == utf8.RuneError || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) ||
			unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, s)
}
