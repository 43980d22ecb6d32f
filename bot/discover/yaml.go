package discover

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"praxis/bot"
)

// maxFacilitators is how many of a core group are proposed as
// facilitators: its best scored; the whole core group is proposed as
// experts.
const maxFacilitators = 2

// WriteConfig writes the communities found as a Praxis configuration to
// edit (see config.example.yaml), which `praxis check-config` accepts: each
// with its channels (the ones not configured already), a vocation, its
// core group's best as facilitators and all of it as experts on its
// subjects, its subjects as topics, its language. Names go in comments;
// the file holds ids.
func WriteConfig(w io.Writer, res Result, lang string) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# %s\n", catalog.T(lang, "yaml_head"))
	b.WriteString("# Secrets come from the environment: SLACK_BOT_TOKEN and SLACK_APP_TOKEN (socket mode).\n\n")
	fmt.Fprintf(b, "slack:\n  mode: socket\n\nlanguage: %s\n\ncommunities:", lang)
	names := map[string]int{}
	written := 0
	for i, c := range res.Communities {
		var ids, labels []string
		for _, ch := range c.Channels {
			if ch.Configured == "" {
				ids, labels = append(ids, ch.ID), append(labels, "#"+ch.Name)
			}
		}
		if len(ids) == 0 {
			fmt.Fprintf(b, "\n  # %s\n", comment(catalog.T(lang, "yaml_taken", "#"+c.Name)))
			continue
		}
		written++
		name := c.Name
		if names[name]++; names[name] > 1 {
			name = fmt.Sprintf("%s %d", name, names[name])
		}
		fmt.Fprintf(b, "\n  # %d. %s\n", i+1, comment(valueLine(lang, c)))
		fmt.Fprintf(b, "  - name: %s\n", bot.YAMLString(name))
		if v := quote(c.Vocation); v != "" {
			fmt.Fprintf(b, "    vocation: %s\n", bot.YAMLString(v))
		}
		fmt.Fprintf(b, "    channels: %s  # %s\n", bot.YAMLList(ids), comment(strings.Join(labels, ", ")))
		writePeople(b, c)
		fmt.Fprintf(b, "    language: %s\n", c.Language)
	}
	if written == 0 {
		b.WriteString(" []\n")
	}
	return b.Flush()
}

// writePeople writes a community's facilitators, topics and experts.
func writePeople(b *bufio.Writer, c Community) {
	core := c.Core
	if len(core) > 0 {
		lead := core[:min(maxFacilitators, len(core))]
		fmt.Fprintf(b, "    facilitators: %s  # %s\n", bot.YAMLList(ids(lead)), comment(labels(lead)))
	}
	topics := c.Subjects[:min(5, len(c.Subjects))]
	if len(topics) > 0 {
		fmt.Fprintf(b, "    topics: %s\n", bot.YAMLList(topics))
	}
	if len(core) == 0 || len(topics) == 0 {
		return
	}
	b.WriteString("    experts:\n")
	for _, p := range core {
		fmt.Fprintf(b, "      - user: %s  # %s\n        topics: %s\n", bot.YAMLString(p.ID), comment(p.Label()),
			bot.YAMLList(topics[:min(3, len(topics))]))
	}
}

func ids(ps []Person) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

func labels(ps []Person) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Label()
	}
	return strings.Join(out, ", ")
}

// comment makes text safe in a YAML comment: one line.
func comment(s string) string { return quote(s) }
