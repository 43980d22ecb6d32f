package render

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"praxis/bot/report"
)

// Block Kit limits: Slack refuses a message that goes over any of them.
// MaxBlocks is exported for the deliverer, which fills a message's room
// left by the report with native charts.
const (
	MaxBlocks       = 50
	maxSectionText  = 3000
	maxFieldText    = 2000
	maxFields       = 10
	maxHeaderText   = 150
	maxContextItems = 10
	// maxListed is how many items of a list the DM shows; the full report
	// (HTML, text) has them all.
	maxListed = 5
	// Data visualization limits.
	maxChartTitle  = 50
	maxChartLabel  = 20
	maxChartPoints = 20
	maxAxisLabel   = 50
)

// Blocks renders the report as compact Block Kit for a facilitator's DM, in
// the report's language, with its trends as Slack's native charts
// (data_visualization blocks). Slack takes two charts a message: Messages
// sends the others after the report.
func Blocks(r *report.Report) []slack.Block { return reportBlocks(r, true) }

// BlocksWithoutCharts is Blocks without the data_visualization blocks, for
// workspaces that refuse them: the delivery then uploads ChartPNG images.
func BlocksWithoutCharts(r *report.Report) []slack.Block { return reportBlocks(r, false) }

// ChartBlocks are the report's trends alone as Slack's native charts: the
// deliverer puts what fits after BlocksWithoutCharts and sends the rest in
// messages of their own.
func ChartBlocks(r *report.Report) []slack.Block { return chartBlocks(r, newPrinter(r)) }

func reportBlocks(r *report.Report, charts bool) []slack.Block {
	if r == nil {
		return nil
	}
	p := newPrinter(r)
	title := p.t("title", clean(r.Community, 100), clean(r.Period.Label, 40))
	bs := []slack.Block{slack.NewHeaderBlock(plain(":bar_chart: "+title, maxHeaderText))}
	if span := p.span(r.Period); span != "" {
		bs = append(bs, slack.NewContextBlock("report_period", mrkdwn(slackEscape(span+" · "+clean(r.TimeZone, 40)))))
	}
	// What to do this week leads; the figures and the long tail follow.
	for _, s := range []*slack.SectionBlock{weekBlock(r, p), newcomersBlock(r, p), quietBlock(r, p), helpersBlock(r, p)} {
		if s != nil {
			bs = append(bs, s)
		}
	}
	bs = append(bs, slack.NewDividerBlock())
	bs = append(bs, headlineBlocks(r, p)...)
	bs = append(bs, slack.NewContextBlock("report_absence", mrkdwnText(slackEscape(p.absence(r.Risk.AbsenceFactor)))))
	for _, s := range []*slack.SectionBlock{olderBlock(r, p), nudgesBlock(r, p)} {
		if s != nil {
			bs = append(bs, s)
		}
	}
	if m := marksBlock(r, p); m != nil {
		bs = append(bs, m)
	}
	if charts {
		bs = append(bs, chartBlocks(r, p)...)
	}
	if len(bs) > MaxBlocks {
		bs = bs[:MaxBlocks]
	}
	return bs
}

// headlineBlocks are the headline figures as section fields, ten a section.
func headlineBlocks(r *report.Report, p printer) []slack.Block {
	var out []slack.Block
	for chunk := range slices.Chunk(r.Headline, maxFields) {
		var fields []*slack.TextBlockObject
		for _, f := range chunk {
			value := p.value(f.Value, f.Unit, f.Missing)
			s := "*" + slackEscape(p.figLabel(f.Key)) + "*\n" + slackEscape(value) + "   " + slackEscape(p.change(f))
			fields = append(fields, mrkdwnText(cut(s, maxFieldText)))
		}
		out = append(out, slack.NewSectionBlock(nil, fields, nil, slack.SectionBlockOptionBlockID("report_headline")))
	}
	if len(out) > 1 { // block ids must be unique in a message
		for i, b := range out {
			b.(*slack.SectionBlock).BlockID = "report_headline_" + string(rune('a'+i%26))
		}
	}
	return out
}

// weekBlock lists the period's questions still unanswered, in the report's
// order (escalated first, then those Praxis asked members about), with
// what Praxis did about each.
func weekBlock(r *report.Report, p printer) *slack.SectionBlock {
	week, _ := splitOpen(r.Questions.Open)
	total := max(r.Counts.OpenThisPeriod, len(week))
	if total == 0 {
		return listBlock("report_open", p.t("act.questions"), []string{slackEscape(p.t("act.questions_none"))}, 0, p)
	}
	lines := openLines(week, p)
	for i, o := range week[:len(lines)] {
		if f := p.followUp(o); f != "—" {
			lines[i] += " · " + slackEscape(f)
		}
	}
	title := p.t("act.questions") + " (" + p.num(float64(total)) + ")"
	return listBlock("report_open", title, lines, total-len(lines), p)
}

// olderBlock is the long tail: the open questions asked before the period,
// oldest first, with their true count.
func olderBlock(r *report.Report, p printer) *slack.SectionBlock {
	_, older := splitOpen(r.Questions.Open)
	total := max(r.Counts.OpenQuestions-r.Counts.OpenThisPeriod, len(older))
	if total == 0 {
		return nil
	}
	lines := openLines(older, p)
	title := p.t("sec.older") + " (" + p.num(float64(total)) + ")"
	return listBlock("report_older", title, lines, total-len(lines), p)
}

// openLines are the first maxListed open questions, one line each.
func openLines(open []report.OpenQuestion, p printer) []string {
	var lines []string
	for _, o := range open[:min(len(open), maxListed)] {
		q := slackLink(o.Permalink, clean(o.Text, 100))
		lines = append(lines, q+" — "+p.t("blocks.in", mention(o.Asker), slackChannel(o))+", "+p.age(o.AgeHours))
	}
	return lines
}

func helpersBlock(r *report.Report, p printer) *slack.SectionBlock {
	if len(r.TopHelpers) == 0 {
		return nil
	}
	var lines []string
	for _, h := range r.TopHelpers[:min(len(r.TopHelpers), maxListed)] {
		lines = append(lines, mention(h.Person)+" — "+p.helperLine(h.Accepted, h.Thanked, h.Answers))
	}
	total := max(r.Counts.TopHelpers, len(r.TopHelpers))
	return listBlock("report_helpers", p.t("act.thank"), lines, total-len(lines), p)
}

// quietBlock names the members gone quiet, each with their usual rhythm
// and their recent one.
func quietBlock(r *report.Report, p printer) *slack.SectionBlock {
	s := r.Risk.Slipping
	total := max(r.Counts.Slipping, len(s))
	if total == 0 {
		return nil
	}
	var lines []string
	for _, x := range s[:min(len(s), maxListed)] {
		baseline, recent := p.t("per_week", p.num(x.Baseline)), p.t("per_week", p.num(x.Recent))
		lines = append(lines, mention(x.Person)+" "+p.t("slipping.line", baseline, recent))
	}
	return listBlock("report_quiet", p.t("act.quiet"), lines, total-len(lines), p)
}

func newcomersBlock(r *report.Report, p printer) *slack.SectionBlock {
	waiting := waitingNewcomers(r.Newcomers)
	total := max(r.Counts.NewcomersWaiting, len(waiting))
	if total == 0 {
		return nil
	}
	var lines []string
	for _, n := range waiting[:min(len(waiting), maxListed)] {
		lines = append(lines, mention(n.Person)+" — "+slackLink(n.Permalink, p.t("blocks.newcomer", p.date(n.JoinedAt))))
	}
	return listBlock("report_newcomers", p.t("blocks.newcomers"), lines, total-len(lines), p)
}

func nudgesBlock(r *report.Report, p printer) *slack.SectionBlock {
	e := r.Nudges
	if e.Sent == 0 && e.Nudged == 0 && e.Holdout == 0 {
		return nil
	}
	var s string
	if e.Significant && e.Nudged > 0 && e.Holdout > 0 {
		pct := func(k, n int) string { return p.value(100*float64(k)/float64(n), "percent", false) }
		s = p.t("nudges.summary", pct(e.NudgedContributed, e.Nudged), p.count("n.members", e.Nudged),
			pct(e.HoldoutContributed, e.Holdout), p.count("n.members", e.Holdout), p.lift(e))
	} else {
		s = p.t("nudges.summary_nd", p.count("n.sent", e.Sent), p.count("n.nudged", e.Nudged),
			p.count("n.held_out", e.Holdout))
	}
	text := mrkdwnText(cut(slackEscape(s), maxSectionText))
	return slack.NewSectionBlock(text, nil, nil, slack.SectionBlockOptionBlockID("report_nudges"))
}

// marksBlock puts the six marks, each with its change, in one context block.
func marksBlock(r *report.Report, p printer) *slack.ContextBlock {
	var els []slack.MixedElement
	for _, m := range r.Marks[:min(len(r.Marks), maxContextItems)] {
		value, change := p.value(m.Value, m.Unit, false), p.diff(m.Value-m.Previous, true, m.Unit)
		s := "*" + slackEscape(p.markLabel(m.Key)) + "* " + slackEscape(value) + " " + slackEscape(change)
		els = append(els, mrkdwnText(cut(s, maxFieldText)))
	}
	if len(els) == 0 {
		return nil
	}
	return slack.NewContextBlock("report_marks", els...)
}

// listBlock is a section: a bold title and bulleted lines, as many as fit
// in a section's text, then "…and N more".
func listBlock(id, title string, lines []string, more int, p printer) *slack.SectionBlock {
	text := "*" + slackEscape(title) + "*"
	for i, l := range lines {
		rest := ""
		if left := len(lines) - i - 1 + more; left > 0 {
			rest = "\n" + p.t("list.more", left)
		}
		if len(text)+len(l)+3+len(rest) > maxSectionText {
			text += "\n" + p.t("list.more", len(lines)-i+more)
			more = 0
			break
		}
		text += "\n• " + l
	}
	if more > 0 {
		text += "\n" + p.t("list.more", more)
	}
	return slack.NewSectionBlock(mrkdwnText(cut(text, maxSectionText)), nil, nil, slack.SectionBlockOptionBlockID(id))
}

var (
	slackUserID    = regexp.MustCompile(`^[UW][A-Z0-9]{2,20}$`)
	slackChannelID = regexp.MustCompile(`^[CG][A-Z0-9]{2,20}$`)
)

// mention is <@U…>, which Slack shows as the member's current name; a
// name when the ID does not look like Slack's.
func mention(x report.Person) string {
	if slackUserID.MatchString(x.ID) {
		return "<@" + x.ID + ">"
	}
	return slackEscape(personName(x))
}

func slackChannel(o report.OpenQuestion) string {
	if slackChannelID.MatchString(o.Channel) {
		return "<#" + o.Channel + ">"
	}
	return "#" + slackEscape(channelName(o))
}

// slackLink is <url|text>, or the text alone when url is not a safe link.
func slackLink(url, text string) string {
	text = strings.ReplaceAll(slackEscape(text), "|", "¦")
	if u := safeURL(url); u != "" {
		return "<" + u + "|" + text + ">"
	}
	return text
}

// slackEscape escapes what Slack's mrkdwn reads as markup: &, < and >.
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(clean(s, 1000))
}

func mrkdwn(s string) *slack.TextBlockObject { return mrkdwnText(cut(s, maxSectionText)) }

func mrkdwnText(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

func plain(s string, max int) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, cut(clean(s, max), max), true, false)
}

// cut shortens s to at most max runes, ending it with "…".
func cut(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}
