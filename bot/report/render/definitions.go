package render

// A facilitator opens the HTML page from a Slack DM, often on a phone,
// away from Praxis's repository: the page explains its own figures. Each
// figure's label links to its definition in the page's "How these are
// counted" section; docs/metrics.md keeps the formulas for administrators.

// definition is a figure the page can explain: ID is its anchor and its
// catalog keys ("def.<ID>" its name, "def.<ID>.text" how it is counted);
// Metrics is the words of docs/metrics.md that define it, which a test
// finds there, so that the page and the reference speak of the same things.
type definition struct {
	ID      string
	Metrics string
}

// definitions are the figures the page explains, in no particular order:
// the page lists those it shows, in the order it shows them.
var definitions = []definition{
	{"active_members", "**Active**"},
	{"new_members", "**New**"},
	{"messages", "The headline **messages** figure"},
	{"questions_asked", "**Asked**"},
	{"answered_percent", "**Answered %**"},
	{"median_first_answer_hours", "**Median**"},
	{"p90_first_answer_hours", "**p90**"},
	{"open_questions", "**Open questions**"},
	{"open_this_period", "`Counts.OpenThisPeriod`"},
	{"resources", "**Resources**"},
	{"members", "**Total**"},
	{"returning", "**Returning**"},
	{"gone_quiet", "**Gone quiet**"},
	{"levels", "### Engagement levels"},
	{"top_messages", "**Messages**: top-level"},
	{"replies", "**Replies**"},
	{"reactions", "**Reactions**"},
	{"resolved", "**Resolved**"},
	{"waiting", "the age in calendar hours"},
	{"slipping", "**Slipping**"},
	{"accepted", "**Accepted**"},
	{"thanked", "**Thanked**"},
	{"answers", "**Answers**"},
	{"absence_factor", "**Contributor absence factor**"},
	{"nudges_sent", "**Sent**"},
	{"nudged_contributed", "**The comparison**"},
	{"holdout_contributed", "`holdout` (recorded, never sent)"},
	{"lift", "**Lift**"},
	{"connected", "**connected** (`connected`)"},
	{"shared_interests", "**shared interests** (`shared_interests`)"},
	{"cooperation", "**cooperation** (`cooperation`)"},
	{"shared_resources", "**shared resources** (`shared_resources`)"},
	{"collective_learning", "**collective learning** (`collective_learning`)"},
	{"shared_culture", "**shared culture** (`shared_culture`)"},
	// The sponsors' report's own.
	{"crossed_answers", "`crossed_answers`"},
	{"new_contributors", "`new_contributors`"},
	{"crossing_answers", "For each answer (as above)"},
	{"crossing_known", "**known** counts"},
	{"crossing_teams", "**across teams**"},
	{"crossing_sites", "**across sites**"},
	{"thanked_helpers", "Thanked this month"},
}

// entry is one definition as the page shows it, in the report's language.
type entry struct {
	ID, Title, Text string
}

// pageDefinitions are the definitions of the figures d shows, in the order
// the page first shows them, each once.
func pageDefinitions(d doc) []entry {
	var out []entry
	seen := map[string]bool{}
	add := func(id string) {
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		out = append(out, entry{ID: id, Title: d.p.t("def." + id), Text: d.p.t("def." + id + ".text")})
	}
	for _, s := range d.Sections {
		for _, pt := range s.Parts {
			add(pt.Def)
			for _, f := range pt.Facts {
				add(f.Def)
			}
			if pt.Table == nil || len(pt.Table.Rows) == 0 {
				continue
			}
			for _, id := range pt.Table.HeadDef {
				add(id)
			}
			for _, row := range pt.Table.Rows {
				if len(row) > 0 {
					add(row[0].Def)
				}
			}
		}
	}
	return out
}

// DefID is the HTML id of the definition id in this community's section.
func (d doc) DefID(id string) string { return d.Anchor + "-def-" + id }

// DefAt is the definition the page links to after line i of the part's
// Lines: its Def, after the last line only (one link for the part).
func (pt part) DefAt(i int) string {
	if i == len(pt.Lines)-1 {
		return pt.Def
	}
	return ""
}
