package llm

import (
	"context"
	"errors"
	"strings"

	"praxis/prompts"
)

// What DraftVocation sends and keeps.
const (
	maxVocationItems  = 12
	maxVocationItem   = 300 // bytes of each channel, purpose, subject or question
	maxVocationOutput = 250 // bytes of the vocation returned
)

// VocationBrief is what the model reads to draft a community's vocation,
// for `praxis discover`: its channels' names and purposes, its distinctive
// words and the openings of its most answered questions (no author).
type VocationBrief struct {
	Channels  []string `json:"channels"`
	Purposes  []string `json:"purposes"`
	Subjects  []string `json:"subjects"`
	Questions []string `json:"questions"`
}

// DraftVocation asks the model for a community's vocation in lang (en or
// fr): one line of plain text, at most 250 bytes, ending with a full stop,
// cleaned as a drafted question is (no markup, link, mention or emphasis).
// Any error (ErrDisabled, ErrBudget, a timeout, an answer that is not
// {"vocation": "…"} or plain text, or nothing left once cleaned) means:
// keep the extractive vocation.
func (c *Client) DraftVocation(ctx context.Context, lang string, b VocationBrief) (string, error) {
	if c == nil {
		return "", ErrDisabled
	}
	for _, l := range []*[]string{&b.Channels, &b.Purposes, &b.Subjects, &b.Questions} {
		var kept []string
		for _, s := range *l {
			if s = strings.TrimSpace(truncate(s, maxVocationItem)); s != "" && len(kept) < maxVocationItems {
				kept = append(kept, s)
			}
		}
		*l = kept
	}
	if len(b.Subjects)+len(b.Questions)+len(b.Purposes) == 0 {
		return "", errors.New("llm vocation draft: nothing to draw from")
	}
	t := task{name: "vocation", maxTokens: 120, system: prompts.Vocation(lang)}
	return ask(ctx, c, t, b, func(s string) (string, error) {
		return parseOne(s, "vocation", func(s string) string { return cleanLine(s, maxVocationOutput, ".") })
	})
}
