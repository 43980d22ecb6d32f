package slackedge

import (
	"strings"

	"github.com/slack-go/slack"

	"praxis/bot/blockkit"
	"praxis/bot/home"
	"praxis/bot/i18n"
	"praxis/bot/recognition"
)

// maxRecordCommunities is how many communities the record lists by name.
const maxRecordCommunities = 10

// recordBlocks are the member's help this quarter: their figures, by
// community, and what they are read from.
func recordBlocks(s *home.State, p printer) []slack.Block {
	r := s.Record
	bs := []slack.Block{slack.NewDividerBlock(), slack.NewHeaderBlock(plain(p.t("record")))}
	if r.Answered+r.Helps() == 0 {
		return append(bs, section(p.t("r_none")))
	}
	fields := []*slack.TextBlockObject{mrkdwn(p.t("r_answered", r.Answered)), mrkdwn(p.t("r_accepted", r.Accepted)),
		mrkdwn(p.t("r_thanked", r.Thanked)), mrkdwn(p.t("r_people", r.People))}
	bs = append(bs, slack.NewSectionBlock(nil, fields, nil))
	var lines []string
	for _, c := range r.Communities[:min(len(r.Communities), maxRecordCommunities)] {
		figures := p.n("r_c_answered", c.Answered)
		if f := recognition.Figures(p.lang, c.Helper); f != "" {
			figures += ", " + f
		}
		lines = append(lines, p.t("r_community", esc(c.Community), figures))
	}
	if n := len(r.Communities) - maxRecordCommunities; n > 0 {
		lines = append(lines, p.n("r_more", n))
	}
	if len(lines) > 0 {
		bs = append(bs, section(blockkit.CutBytes(strings.Join(lines, "\n"), maxSection)))
	}
	since := i18n.Month(p.lang, r.From.Month())
	return append(bs, contextText(p.t("r_note", since)))
}
