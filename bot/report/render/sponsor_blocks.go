package render

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"praxis/bot/report"
)

// blocksPerCommunity is what SponsorBlocks gives each community: its
// figures, its marks and a divider.
const blocksPerCommunity = 3

// SponsorBlocks renders the sponsors' report as Block Kit for a sponsor's
// DM, in its reader's language: a section of figures per community (each
// with its change since the previous month) and a line of its marks. The
// communities that do not fit in a message's 50 blocks are counted at the
// end; `praxis report --sponsor` and its HTML page have them all.
func SponsorBlocks(s *report.Sponsor) []slack.Block {
	if s == nil {
		return nil
	}
	p := sponsorPrinter(s)
	title := p.t("sponsor.title", p.monthName(s.Period))
	bs := []slack.Block{slack.NewHeaderBlock(plain(":handshake: "+title, maxHeaderText))}
	sub := strings.Join([]string{p.span(s.Period), clean(s.TimeZone, 40),
		p.t("sponsor.compared", p.monthName(s.Previous))}, " · ")
	bs = append(bs, slack.NewContextBlock("sponsor_period", mrkdwn(slackEscape(sub))))
	room := (MaxBlocks - len(bs) - 1) / blocksPerCommunity // one left for "and N more"
	for i, c := range s.Communities {
		if i == room && len(s.Communities) > room {
			more := p.n("sponsor.more", len(s.Communities)-room)
			bs = append(bs, slack.NewSectionBlock(mrkdwn(slackEscape(more)), nil, nil,
				slack.SectionBlockOptionBlockID("sponsor_more")))
			break
		}
		bs = append(bs, communityBlocks(c, i, p)...)
	}
	if len(s.Communities) == 0 {
		bs = append(bs, slack.NewSectionBlock(mrkdwn(slackEscape(p.t("sponsor.none"))), nil, nil))
	}
	return bs
}

// communityBlocks are one community's section of figures (ten fields at
// most: the name leads in the text), the line of its marks and a divider.
func communityBlocks(c report.SponsorCommunity, i int, p printer) []slack.Block {
	var fields []*slack.TextBlockObject
	for _, f := range c.Figures[:min(len(c.Figures), maxFields)] {
		value := p.figCell(f).Text
		if f.Key == report.FigCrossedAnswers {
			value = p.crossed(c.Crossing) + " (" + p.change(f) + ")"
		}
		fields = append(fields, mrkdwnText(cut("*"+slackEscape(p.figLabel(f.Key))+"*\n"+slackEscape(value), maxFieldText)))
	}
	head := "*" + slackEscape(clean(c.Community, 100)) + "*"
	if v := clean(c.Vocation, 200); v != "" {
		head += "\n_" + slackEscape(v) + "_"
	}
	head += "\n" + thankedLine(c, p)
	var marks []string
	for _, m := range c.Marks {
		marks = append(marks, p.markLabel(m.Key)+" "+p.markValue(m))
	}
	id := fmt.Sprintf("sponsor_%d", i+1)
	return []slack.Block{
		slack.NewSectionBlock(mrkdwn(head), fields, nil, slack.SectionBlockOptionBlockID(id)),
		slack.NewContextBlock(id+"_marks", mrkdwn(slackEscape(strings.Join(marks, " · ")))),
		slack.NewDividerBlock(),
	}
}

// thankedLine names the members the community thanks for the month, each
// by a mention (Slack shows their name; a mention in the sponsor's DM
// notifies no one), at most five, with how many more.
func thankedLine(c report.SponsorCommunity, p printer) string {
	if len(c.Helpers) == 0 {
		return slackEscape(p.t("sponsor.thanked.none"))
	}
	var names []string
	for _, h := range c.Helpers[:min(len(c.Helpers), 5)] {
		names = append(names, mention(h.Person)+" ("+slackEscape(p.helped(h))+")")
	}
	line := p.t("sponsor.thanked.slack", strings.Join(names, ", "))
	if more := p.more(c.HelpersTotal, min(len(c.Helpers), 5)); more != "" {
		line += " " + slackEscape(more)
	}
	return line
}
