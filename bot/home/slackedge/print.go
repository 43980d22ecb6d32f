package slackedge

import (
	"math"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/blockkit"
	"praxis/bot/report"
)

// The view's words and Block Kit pieces: numbers, units and changes in
// the member's language, and the small block builders the sections share.

// printer says things in one language.
type printer struct{ lang string }

func (p printer) t(key string, args ...any) string { return catalog.T(p.lang, key, args...) }

// n is the sentence for the count n, in its plural form (i18n.Catalog.N).
func (p printer) n(key string, n int, args ...any) string { return catalog.N(p.lang, key, n, args...) }

func (p printer) figLabel(key string) string {
	if l := p.t("fig." + key); l != "" {
		return l
	}
	return key
}

// num is v as an integer when it is one, else with one decimal, with the
// language's decimal mark.
func (p printer) num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if p.lang == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (p printer) value(f report.Figure) string {
	if f.Missing || math.IsNaN(f.Value) || math.IsInf(f.Value, 0) {
		return "—"
	}
	return p.unit(p.num(f.Value), f.Unit)
}

func (p printer) unit(n, unit string) string {
	switch unit {
	case "percent":
		return p.t("percent", n)
	case "hours":
		return p.t("hours", n)
	}
	return n
}

// change is a figure's change since the week before: "▲ +3", "▼ −2 h", "= 0".
func (p printer) change(f report.Figure) string {
	d, ok := f.Change()
	if !ok || math.IsNaN(d) || math.IsInf(d, 0) {
		return ""
	}
	unit := f.Unit
	if unit == "percent" {
		unit = "" // a change of a percentage is in points
	}
	n := p.unit(p.num(math.Abs(d)), unit)
	switch {
	case math.Abs(d) < 0.05:
		return "= " + n
	case d > 0:
		return "▲ +" + n
	}
	return "▼ −" + n
}

func (p printer) hours(h float64) string {
	if math.IsNaN(h) || h < 0 {
		return "—"
	}
	return p.t("hours", p.num(math.Round(h)))
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, blockkit.CutBytes(s, 75), false, false)
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, blockkit.CutBytes(s, maxSection), false, false)
}

func section(text string) *slack.SectionBlock { return slack.NewSectionBlock(mrkdwn(text), nil, nil) }

func contextText(text string) *slack.ContextBlock { return slack.NewContextBlock("", mrkdwn(text)) }

func option(value, text string) *slack.OptionBlockObject {
	return slack.NewOptionBlockObject(value, plain(text), nil)
}

func selectSection(text, actionID string, options []*slack.OptionBlockObject, initial string) *slack.SectionBlock {
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, actionID, options...)
	for _, o := range options {
		if o.Value == initial {
			sel.InitialOption = o
		}
	}
	return slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(sel))
}

func buttonSection(text, actionID, value, label string) *slack.SectionBlock {
	button := slack.NewButtonBlockElement(actionID, value, plain(label))
	return slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(button))
}

// esc escapes what Slack's mrkdwn reads as markup.
func esc(s string) string { return bot.Escape(s) }
