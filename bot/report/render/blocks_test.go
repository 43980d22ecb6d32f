package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"praxis/bot/report"
	"praxis/bot/report/render/rendertest"
)

// blocksJSON marshals blocks as a message's "blocks" and reads them back
// with slack-go, as a Slack client would.
func blocksJSON(t *testing.T, bs []slack.Block) (string, slack.Blocks) {
	t.Helper()
	b, err := json.Marshal(slack.Blocks{BlockSet: bs})
	if err != nil {
		t.Fatal(err)
	}
	var back slack.Blocks
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("slack-go cannot read the blocks back: %v", err)
	}
	if len(back.BlockSet) != len(bs) {
		t.Fatalf("%d blocks read back, want %d", len(back.BlockSet), len(bs))
	}
	for i := range bs {
		if back.BlockSet[i].BlockType() != bs[i].BlockType() {
			t.Errorf("block %d: %s read back as %s", i, bs[i].BlockType(), back.BlockSet[i].BlockType())
		}
	}
	// The same JSON without \u003c for <, so that the tests read.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(bs); err != nil {
		t.Fatal(err)
	}
	return buf.String(), back
}

func TestBlocksContent(t *testing.T) {
	out, back := blocksJSON(t, Blocks(rendertest.Sample("en")))
	for _, want := range []string{
		`"type":"header"`, `:bar_chart: Platform guild — 2026-W47`,
		`*Active members*\n42   ▲ +3`, `*Questions answered*\n78.5%   ▲ +8.5 pts`, `*Median first answer*\n3.5 h   —`,
		`*New questions without an answer (3)*\n• <https://example.slack.com/archives/C0HELP/p1700000500000200|` +
			`Helm chart values: override per environment?> — <@U0ASK2> in <#C0HELP>, 21 h · escalated, 2 members asked\n`,
		`<https://example.slack.com/archives/C0PLAT/p1700000000000100|` +
			`How do we rotate TLS certificates on the edge proxies?> — <@U0ASK1> in <#C0PLAT>, 4 d\n…and 1 more`,
		`*Older open questions (24)*\n• <https://example.slack.com/archives/C0PLAT/p1696000000000300|` +
			`Who owns the legacy VPN?> — <@U0ASK3> in <#C0PLAT>, 41 d\n…and 23 more`,
		`*Helpers to thank*`, `…and 3 more`,
		`<@U0HELP1> — 4 accepted, 6 thanked, 9 answers`,
		`*Members gone quiet*\n• <@U0SLIP1> usually 6/week, lately 0.5/week`,
		`"block_id":"report_absence"`, `Half of the messages came from 4 members (absence factor).`,
		`*Newcomers waiting for a reply*\n` +
			`• <@U0NEW2> — <https://example.slack.com/archives/C0PLAT/p1700001000000400|joined Nov 19, 2026>`,
		`Nudges: 45% of the nudged (40 members) contributed vs 23.7% of the held out (38 members): ▲ +21.3 pts (p = 0.021).`,
		`*Connected* 64% ▲ +4 pts`, `*Shared culture* 75% = 0 pts`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("blocks lack %q", want)
		}
	}
	if strings.Contains(out, "U0NEW1") || strings.Contains(out, "U0NEW3") {
		t.Error("newcomers who got a reply, or did not post, are listed as waiting")
	}
	var charts []*slack.DataVisualizationBlock
	for _, b := range back.BlockSet {
		if c, ok := b.(*slack.DataVisualizationBlock); ok {
			charts = append(charts, c)
		}
	}
	if len(charts) != 3 {
		t.Fatalf("%d charts, want 3", len(charts))
	}
	for _, c := range charts {
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", c.Title, err)
		}
	}
	bar, ok := charts[1].Chart.(*slack.DataVisualizationBarChart)
	lastAnswered := slack.DataVisualizationDataPoint{Label: "2026-W47", Value: 11}
	if !ok || len(bar.Series) != 2 || bar.Series[0].Name != "Asked" || bar.Series[1].Data[11] != lastAnswered {
		t.Errorf("questions chart: %+v", charts[1].Chart)
	}
	med := charts[2].Chart.(*slack.DataVisualizationLineChart)
	if n := len(med.AxisConfig.Categories); n != 10 {
		t.Errorf("median chart has %d weeks, want the 10 with an answer", n)
	}
	without := BlocksWithoutCharts(rendertest.Sample("en"))
	if len(without) != len(back.BlockSet)-3 {
		t.Errorf("without charts: %d blocks, want %d", len(without), len(back.BlockSet)-3)
	}
	for _, b := range without {
		if b.BlockType() == slack.MBTDataVisualization {
			t.Error("BlocksWithoutCharts has a chart")
		}
	}
}

func TestBlocksFrench(t *testing.T) {
	out, back := blocksJSON(t, Blocks(rendertest.Sample("fr")))
	checkMarkup(t, back)
	for _, want := range []string{
		`*Membres actifs*\n42   ▲ +3`, `*Nouvelles questions sans réponse (3)*`, `dans <#C0PLAT>, 4 j`,
		`*Questions plus anciennes en attente (24)*`, `…et 23 de plus`, `signalée aux animateurs, 2 membres sollicités`,
		`"title":"Délai médian de première réponse (heures ouvrées)"`, `"name":"Avec réponse"`,
		"Relances : 45\u00a0% des relancés (40 membres)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("blocks lack %q", want)
		}
	}
}

// A report far bigger than a DM: Block Kit's limits still hold.
func TestBlocksLimits(t *testing.T) {
	r := rendertest.Sample("en")
	long := strings.Repeat("A very long name & <tag> ", 400)
	r.Community = long
	r.Period.Label = long
	r.Questions.Open = nil
	for i := range 300 {
		r.Questions.Open = append(r.Questions.Open, report.OpenQuestion{
			Asker: report.Person{ID: fmt.Sprintf("U%05d", i), Name: long}, Channel: "C0PLAT", Text: long,
			AgeHours: float64(i), Permalink: "https://example.slack.com/archives/C0PLAT/p" + strings.Repeat("1", 1500),
		})
	}
	for i := range 40 {
		r.TopHelpers = append(r.TopHelpers, report.Helper{Person: report.Person{ID: "not an id", Name: long}, Answers: i})
		r.Risk.Slipping = append(r.Risk.Slipping, report.Slipping{Person: report.Person{Name: long}, Baseline: 5})
		r.Newcomers = append(r.Newcomers, report.Newcomer{Person: report.Person{Name: long}, Posted: true})
		r.Headline = append(r.Headline, report.Figure{Key: long, Unit: long})
		r.Marks = append(r.Marks, report.Mark{Key: long})
	}
	r.Trends.Weeks = nil
	for i := range 40 {
		r.Trends.Weeks = append(r.Trends.Weeks, fmt.Sprintf("%s week %d", long, i%3))
		r.Trends.Active = append(r.Trends.Active, i)
	}
	bs := Blocks(r)
	out, back := blocksJSON(t, bs)
	if len(bs) > MaxBlocks {
		t.Errorf("%d blocks, Slack takes %d", len(bs), MaxBlocks)
	}
	runes := utf8.RuneCountInString
	for i, b := range back.BlockSet {
		switch b := b.(type) {
		case *slack.HeaderBlock:
			if n := runes(b.Text.Text); n > maxHeaderText {
				t.Errorf("header of %d characters", n)
			}
		case *slack.SectionBlock:
			if b.Text != nil && runes(b.Text.Text) > maxSectionText {
				t.Errorf("block %d: section text of %d characters", i, runes(b.Text.Text))
			}
			if len(b.Fields) > maxFields {
				t.Errorf("block %d: %d fields", i, len(b.Fields))
			}
			for _, f := range b.Fields {
				if runes(f.Text) > maxFieldText {
					t.Errorf("block %d: field of %d characters", i, runes(f.Text))
				}
			}
		case *slack.ContextBlock:
			if n := len(b.ContextElements.Elements); n > maxContextItems {
				t.Errorf("block %d: %d context elements", i, n)
			}
		case *slack.DataVisualizationBlock:
			if err := b.Validate(); err != nil {
				t.Errorf("block %d: %v", i, err)
			}
		}
	}
	for _, want := range []string{"…and ", "A very long name &amp; &lt;tag&gt;"} {
		if !strings.Contains(out, want) {
			t.Errorf("blocks lack %q", want)
		}
	}
	checkMarkup(t, back)
	if !strings.Contains(out, `<@U00000>`) || strings.Contains(out, `<@U00299>`) {
		t.Error("want the open questions in the report's order, and not all 300")
	}
}

func TestMention(t *testing.T) {
	for _, c := range []struct {
		p    report.Person
		want string
	}{
		{report.Person{ID: "U0123ABC", Name: "Léa"}, "<@U0123ABC>"},
		{report.Person{ID: "W0123ABC"}, "<@W0123ABC>"},
		{report.Person{ID: "U01>|<!channel", Name: "Eve <!channel>"}, "Eve &lt;!channel&gt;"},
		{report.Person{ID: "", Name: ""}, ""},
	} {
		if got := mention(c.p); got != c.want {
			t.Errorf("mention(%+v) = %q, want %q", c.p, got, c.want)
		}
	}
	if got := slackLink("javascript:alert(1)", "x|y"); got != "x¦y" {
		t.Errorf("got %q", got)
	}
}

// slackMarkup is what Praxis itself writes between < and >: mentions,
// channels and links.
var slackMarkup = regexp.MustCompile(`<@[UW][A-Z0-9]+>|<#[CG][A-Z0-9]+>|<https?://[^<>|\s]+\|[^<>]*>`)

// checkMarkup fails when some mrkdwn text has a < or > that is not
// Praxis's own markup: outside text reached Slack unescaped.
func checkMarkup(t *testing.T, bs slack.Blocks) {
	t.Helper()
	var texts []string
	for _, b := range bs.BlockSet {
		switch b := b.(type) {
		case *slack.SectionBlock:
			if b.Text != nil {
				texts = append(texts, b.Text.Text)
			}
			for _, f := range b.Fields {
				texts = append(texts, f.Text)
			}
		case *slack.ContextBlock:
			for _, e := range b.ContextElements.Elements {
				if x, ok := e.(*slack.TextBlockObject); ok {
					texts = append(texts, x.Text)
				}
			}
		}
	}
	if len(texts) < 5 {
		t.Fatalf("%d texts found, the walk is broken", len(texts))
	}
	for _, s := range texts {
		if rest := slackMarkup.ReplaceAllString(s, ""); strings.ContainsAny(rest, "<>") {
			t.Errorf("unescaped markup in %.200q", rest)
		}
	}
}
