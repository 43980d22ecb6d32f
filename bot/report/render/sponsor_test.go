package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"praxis/bot/blockkit"
	"praxis/bot/report"
	"praxis/bot/report/render/rendertest"
	"praxis/internal/golden"
)

func renderSponsor(t *testing.T, s *report.Sponsor, f Format) string {
	t.Helper()
	var b bytes.Buffer
	if err := RenderSponsor(&b, s, f); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSponsorText checks the English and French text of the sponsors'
// report against their golden files (go test -update rewrites them): the
// French is read as French people write it.
func TestSponsorText(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			golden.Check(t, "sponsor_"+lang+".txt", renderSponsor(t, rendertest.Sponsor(lang, 2), Text))
		})
	}
}

func TestSponsorContent(t *testing.T) {
	tests := []struct {
		lang string
		f    Format
		want []string
	}{
		{"en", Text, []string{"Communities of practice — November 2026", "Changes are against October 2026.",
			"1240 (▲ +40, +3.3%)", "87.5% (▲ +7.5 pts)", "2.5 h (▼ −1 h)", "— (—)", "41 (62%)"}},
		{"fr", Text, []string{"Communautés de pratique — novembre 2026", "Évolutions par rapport à octobre 2026.",
			"1240 (▲ +40, +3,3\u00a0%)", "Réponses entre équipes ou sites", "Arrivants devenus contributeurs"}},
		{"en", Markdown, []string{"## Communities of practice — November 2026", "| Figure | Platform guild | Data &amp; ML |",
			"[docs/metrics.md](docs/metrics.md)"}},
		{"fr", HTML, []string{`<html lang="fr">`, "<title>Communautés de pratique — novembre 2026</title>",
			"data-label=\"Platform guild\">1240 (▲ &#43;40, &#43;3,3\u00a0%)", "Data &amp; ML", "max-width: 40rem",
			"@media print",
			// The page defines its figures, each label linking to its
			// definition: a sponsor opens it from a DM, away from docs/.
			`<a href="#sponsors-def-crossed_answers">Réponses entre équipes ou sites</a>`,
			`<dt id="sponsors-def-crossed_answers">`, `<a href="#sponsors-def-crossing_known">`,
			`<dt id="sponsors-def-shared_culture">`, "Comment ces chiffres sont calculés",
			"Alice &lt;Ops&gt; Martin : 3 réponses acceptées", `<dt id="sponsors-def-thanked_helpers">`}},
	}
	for _, tt := range tests {
		out := renderSponsor(t, rendertest.Sponsor(tt.lang, 2), tt.f)
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s %s: %q missing from\n%s", tt.lang, tt.f, w, out)
			}
		}
	}
	if html := renderSponsor(t, rendertest.Sponsor("en", 2), HTML); strings.Contains(html, `href="docs/`) {
		t.Errorf("the sponsors' page links to the repository, which a DM's reader cannot open")
	}
	var back report.Sponsor
	if err := json.Unmarshal([]byte(renderSponsor(t, rendertest.Sponsor("en", 2), JSON)), &back); err != nil ||
		len(back.Communities) != 2 || back.Communities[0].Crossing.Any != 41 {
		t.Errorf("JSON read back: %+v, %v", back.Communities, err)
	}
	// Three communities a table: five make two, each headed.
	five := renderSponsor(t, rendertest.Sponsor("en", 5), Text)
	if !strings.Contains(five, "Communities 4 to 5 of 5\n  Figure  ") ||
		strings.Count(five, "Communities 1 to 3 of 5") != 2 {
		t.Errorf("five communities: want two tables of figures and two of marks, headed\n%s", five)
	}
	if err := RenderSponsor(&bytes.Buffer{}, rendertest.Sponsor("en", 2), CSV); err == nil {
		t.Error("CSV: got no error, want one naming the formats")
	}
}

// TestSponsorBlocksFit checks that a sponsors' report of any size fits
// Slack's limits as it is (blockkit.FitBlocks changes nothing), the
// communities left out counted.
func TestSponsorBlocksFit(t *testing.T) {
	for _, n := range []int{0, 1, 2, 15, 16, 60} {
		for _, lang := range []string{"en", "fr"} {
			bs := SponsorBlocks(rendertest.Sponsor(lang, n))
			raw, err := json.Marshal(bs)
			if err != nil {
				t.Fatal(err)
			}
			if _, notes, err := blockkit.FitBlocks(raw, blockkit.InMessage); err != nil || len(notes) > 0 {
				t.Errorf("%d communities, %s: over Slack's limits: %v %v", n, lang, notes, err)
			}
			more := strings.Contains(string(raw), "sponsor_more")
			if wantMore := n > (MaxBlocks-3)/blocksPerCommunity; more != wantMore {
				t.Errorf("%d communities: \"and N more\" %v, want %v", n, more, wantMore)
			}
		}
	}
	out, _ := blocksJSON(t, SponsorBlocks(rendertest.Sponsor("fr", 2)))
	for _, want := range []string{`:handshake: Communautés de pratique — novembre 2026`, `*Data &amp; ML*`,
		`_Run the platform &lt;well&gt; &amp; share how._`, "*Réponses entre équipes ou sites*\\n41 (62\u00a0%) (▲ +8)",
		"*Membres*\\n1240 (▲ +40, +3,3\u00a0%)",
		// The month's thanked helpers, by mention (a mention in a DM notifies no one).
		":raised_hands: Remerciés ce mois-ci : <@U0ALICE> (3 réponses acceptées, 1 remerciement, " +
			"4 personnes aidées), <@U0BOB> (1 remerciement, 1 personne aidée) …et 12 de plus",
		"Aucune réponse acceptée ni remerciée ce mois-ci."} {
		if !strings.Contains(out, want) {
			t.Errorf("%q missing from\n%s", want, out)
		}
	}
}

// The sponsors' page is the reports' page: on a 412 px phone each table
// stacks its cells under their column's name (a community's, in the
// side-by-side tables), and it prints as they do.
func TestSponsorHTMLReadsOnAPhone(t *testing.T) {
	page := renderSponsor(t, rendertest.Sponsor("fr", 3), HTML)
	if m := titleTag.FindStringSubmatch(page); m == nil || m[1] != "Communautés de pratique — novembre 2026" {
		t.Errorf("title: got %q", m)
	}
	if narrow := screenMax.FindStringSubmatch(page); narrow == nil || !strings.Contains(cssBlock(page, narrow[0]),
		`td[data-label]::before { content: attr(data-label) ": ";`) {
		t.Error("no narrow layout with each cell's column name")
	}
	if !strings.Contains(cssBlock(page, "@media print"), "thead { display: table-header-group; }") {
		t.Error("print: table heads are not repeated")
	}
	if n := checkCellLabels(t, page); n != 3 {
		t.Errorf("got %d tables, want 3", n)
	}
}
