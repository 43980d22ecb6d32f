package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"praxis/bot/report"
	"praxis/bot/report/render/rendertest"
)

// FuzzRender puts odd strings and numbers everywhere a report carries
// outside data: no format panics, Text stays within its columns, CSV and
// JSON parse back (and no CSV text cell runs as a formula), and the Slack
// blocks stay within Block Kit's limits.
func FuzzRender(f *testing.F) {
	long := strings.Repeat("Lorem ipsum <b>dolor</b> & sit amet | ", 1100) // 40 kB
	f.Add("Léa", "How do we rotate TLS?", "https://example.slack.com/archives/C1/p1", "2026-W47", "", "en", 3.5)
	f.Add("\xff\xfe\xfd", "bad \xc3\x28 utf-8", "\xffhttp://x", "\xff", "\xfe", "\xff", math.NaN())
	f.Add(long, long, long, long, long, long, math.Inf(1))
	f.Add("<script>alert(1)</script>", "\x1b[31mred\x1b[0m \u202egnp.exe", "javascript:alert(1)",
		"W1", "percent", "fr", -1e300)
	f.Add("%s %d %!", "|a|b|\n# heading\n- item", "https://x.test/a(b)|c", "", "hours", "fr-FR", 1e300)
	f.Add("", "", "", "2026-W47", "points", "", 0.0)
	f.Add("=1+1", "+cmd", "@SUM(A1)", "-W47", "\tunit", "\ren", -3.0)
	f.Fuzz(func(t *testing.T, name, text, link, week, unit, lang string, v float64) {
		r := rendertest.Sample("en")
		r.Language, r.Community, r.Period.Label, r.TimeZone = lang, name, week, name
		r.Headline = append(r.Headline, report.Figure{Key: name, Value: v, Previous: -v, Unit: unit})
		r.Questions.Open = append(r.Questions.Open, report.OpenQuestion{Asker: report.Person{ID: name, Name: name},
			Channel: text, ChannelName: name, Text: text, AgeHours: v, Permalink: link})
		r.Newcomers = append(r.Newcomers,
			report.Newcomer{Person: report.Person{ID: link, Name: text}, Posted: true, Permalink: link})
		r.TopHelpers = append(r.TopHelpers, report.Helper{Person: report.Person{Name: name}})
		r.Risk.Slipping = append(r.Risk.Slipping,
			report.Slipping{Person: report.Person{Name: text}, Baseline: v, Recent: v / 2})
		r.Risk.Bridges = append(r.Risk.Bridges,
			report.Bridge{Person: report.Person{Name: name}, Communities: []string{text, name}})
		r.Members.Core = append(r.Members.Core, report.Person{Name: name})
		r.Members.Moves = append(r.Members.Moves, report.Move{From: report.Level(name), To: report.Level(text), Count: 2})
		r.Marks = append(r.Marks, report.Mark{Key: text, Value: v, Unit: unit, Trend: []float64{v, 0, -v}})
		r.Nudges.Lift, r.Nudges.PValue = v, v
		r.Trends.Weeks[3], r.Trends.Weeks[4] = week, week // duplicates too
		r.Trends.MedianResponseHours[5] = v
		rs := []*report.Report{r, rendertest.Empty("fr")} // charts are the slow part: one report has them

		for _, f := range Formats {
			if f == HTML && testing.Short() {
				continue
			}
			var b bytes.Buffer
			err := Render(&b, rs, f)
			finite := !math.IsNaN(v) && !math.IsInf(v, 0)
			if err != nil && (f != JSON || finite) {
				t.Fatalf("%s: %v", f, err)
			}
			switch {
			case f == Text:
				for _, l := range strings.Split(b.String(), "\n") {
					if textWidth(l) > textColumns && !strings.HasPrefix(strings.TrimSpace(l), "http") {
						t.Fatalf("text line of %d columns: %q", textWidth(l), l)
					}
				}
			case f == CSV:
				rows, err := csv.NewReader(&b).ReadAll()
				if err != nil {
					t.Fatalf("CSV does not parse back: %v", err)
				}
				for _, row := range rows {
					for _, i := range []int{0, 1, 4, 8} { // the text cells
						if c := row[i]; c != "" && strings.IndexByte("=+-@\t\r", c[0]) >= 0 {
							t.Fatalf("CSV cell %q would run as a formula", c)
						}
					}
				}
			case f == JSON && err == nil:
				var back []*report.Report
				if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back) != 2 {
					t.Fatalf("JSON does not parse back: %v", err)
				}
			}
		}
		_ = Summary(r)
		bs := Blocks(r)
		if len(bs) > MaxBlocks {
			t.Fatalf("%d blocks", len(bs))
		}
		_, back := blocksJSON(t, bs)
		checkMarkup(t, back)
	})
}
