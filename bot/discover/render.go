package discover

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"praxis/bot"
)

// Format is how a result is printed.
type Format struct {
	Lang     string // en or fr
	Markdown bool   // else plain text
	Limit    int    // communities shown at most (0: all)
	Source   string // what was read: the export's name, or the database
}

// Print writes the result, best community first.
func Print(w io.Writer, res Result, f Format) error {
	b := bufio.NewWriter(w)
	lang := f.Lang
	title := catalog.T(lang, "title", f.Source, catalog.N(lang, "messages", res.Messages),
		catalog.N(lang, "members", res.Members), catalog.N(lang, "communities", len(res.Communities)),
		decimal(lang, res.Modularity, 2))
	if f.Markdown {
		fmt.Fprintf(b, "# %s\n\n", bot.EscapeMarkdown(title))
	} else {
		fmt.Fprintf(b, "%s\n\n", title)
	}
	if len(res.Communities) == 0 {
		fmt.Fprintln(b, catalog.T(lang, "none", minMessages))
	}
	shown := res.Communities
	if f.Limit > 0 && len(shown) > f.Limit {
		shown = shown[:f.Limit]
	}
	for i, c := range shown {
		head, lines := describeLines(lang, c)
		if f.Markdown {
			fmt.Fprintf(b, "## %d. %s\n\n", i+1, bot.EscapeMarkdown(head))
			for _, l := range lines {
				l, sub := strings.CutPrefix(l, "  ") // a line under the one before
				if sub {
					b.WriteString("  ")
				}
				fmt.Fprintf(b, "- %s\n", bot.EscapeMarkdown(l))
			}
		} else {
			fmt.Fprintf(b, "%d. %s\n", i+1, head)
			for _, l := range lines {
				fmt.Fprintf(b, "   %s\n", l)
			}
		}
		fmt.Fprintln(b)
	}
	if n := len(res.Communities) - len(shown); n > 0 {
		fmt.Fprintln(b, catalog.N(lang, "more", n))
	}
	if res.Quiet > 0 {
		fmt.Fprintln(b, catalog.N(lang, "quiet", res.Quiet))
	}
	return b.Flush()
}

// maxCoreShown bounds the core group's members named on its line (the
// configuration --out writes lists them all).
const maxCoreShown = 8

// maxChannelsShown bounds the channels named on a community's first line.
const maxChannelsShown = 12

// describeLines says what a community is: a heading and its lines.
func describeLines(lang string, c Community) (string, []string) {
	var names, taken []string
	for _, ch := range c.Channels {
		if len(names) < maxChannelsShown {
			names = append(names, "#"+ch.Name)
		}
		if ch.Configured != "" {
			taken = append(taken, fmt.Sprintf("#%s (%s)", ch.Name, ch.Configured))
		}
	}
	if len(c.Channels) > maxChannelsShown {
		names = append(names, "…")
	}
	head := catalog.T(lang, "head", c.Name, catalog.N(lang, "channels", len(c.Channels)), strings.Join(names, ", "))
	lines := []string{catalog.T(lang, "size", catalog.N(lang, "members", c.Members),
		catalog.N(lang, "active", c.Active), c.PerWeek)}
	if len(c.Subjects) > 0 {
		lines = append(lines, catalog.T(lang, "subjects", strings.Join(c.Subjects, ", ")))
	}
	lines = append(lines, coreLine(lang, c.Core))
	lines = append(lines, needLines(lang, c)...)
	if v := quote(c.Vocation); v != "" {
		key := "vocation_line"
		if c.Drafted {
			key = "drafted"
		}
		lines = append(lines, catalog.T(lang, key, v))
	}
	lines = append(lines, valueLine(lang, c))
	if len(taken) > 0 {
		lines = append(lines, catalog.T(lang, "configured", strings.Join(taken, ", ")))
	}
	return head, lines
}

// Brief says in a line what a community is: its channels, core group,
// subjects and how well its questions are met.
func Brief(c Community, lang string) string {
	var names, people []string
	for _, ch := range c.Channels[:min(len(c.Channels), 4)] {
		names = append(names, "#"+ch.Name)
	}
	for _, p := range c.Core[:min(len(c.Core), 3)] {
		people = append(people, p.Label())
	}
	subjects := c.Subjects[:min(len(c.Subjects), 3)]
	return catalog.T(lang, "brief", strings.Join(names, ", "), strings.Join(people, ", "),
		strings.Join(subjects, ", "), met(lang, c.All))
}

// valueLine says what Praxis would add to a community, and why.
func valueLine(lang string, c Community) string {
	return catalog.T(lang, "value", decimal(lang, c.Value, 1), c.PerWeek, percent(lang, c.Unmet))
}

func coreLine(lang string, core []Person) string {
	if len(core) == 0 {
		return catalog.T(lang, "core_none")
	}
	var ps []string
	for _, p := range core[:min(len(core), maxCoreShown)] {
		ps = append(ps, catalog.T(lang, "person", p.Label(), reasons(lang, p)))
	}
	if n := len(core) - maxCoreShown; n > 0 {
		ps = append(ps, catalog.N(lang, "more_people", n))
	}
	return catalog.T(lang, "core", strings.Join(ps, catalog.T(lang, "people_sep")))
}

func needLines(lang string, c Community) []string {
	if c.All.Questions == 0 {
		return []string{catalog.T(lang, "needs_none")}
	}
	out := []string{catalog.T(lang, "needs", met(lang, c.All))}
	for _, n := range c.Needs {
		out = append(out, "  "+catalog.T(lang, "need_line", needName(lang, n.Need), met(lang, n)))
	}
	return out
}

// Label names a person: their name and id, or the id alone.
func (p Person) Label() string {
	if p.Name == "" || p.Name == p.ID {
		return p.ID
	}
	return p.Name + " (" + p.ID + ")"
}

// quote shows Slack text as its author wrote it, on one line.
func quote(s string) string { return bot.Quote(s, bot.Plain, 300, bot.Names{}) }
