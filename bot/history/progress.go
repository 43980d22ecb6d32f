package history

import (
	"fmt"
	"io"
	"strings"
	"time"

	"praxis/store"
)

// progress shows an import advancing: a bar redrawn in place on a
// terminal, a plain line every few seconds otherwise.
type progress struct {
	w        io.Writer
	terminal bool
	total    int
	files    int
	messages int
	start    time.Time
	last     time.Time
	every    time.Duration
}

func newProgress(w io.Writer, terminal bool, total int) *progress {
	every := 5 * time.Second
	if terminal {
		every = 200 * time.Millisecond
	}
	now := time.Now()
	return &progress{
		w:        w,
		terminal: terminal,
		total:    total,
		start:    now,
		last:     now,
		every:    every,
	}
}

// step counts messages written, and a day file done when it was the last
// part of one.
func (p *progress) step(fileDone bool, messages int) {
	if fileDone {
		p.files++
	}
	p.messages += messages
	if p.w == nil || time.Since(p.last) < p.every {
		return
	}
	p.last = time.Now()
	p.draw()
}

func (p *progress) draw() {
	elapsed := time.Since(p.start)
	rate := float64(p.messages) / max(elapsed.Seconds(), 1e-3)
	eta := p.eta(elapsed)
	if !p.terminal {
		fmt.Fprintf(p.w, "import: %d/%d day files, %d messages, %.0f messages/s%s\n",
			p.files, p.total, p.messages, rate, eta)
		return
	}
	const width = 30
	filled := 0
	if p.total > 0 {
		filled = width * p.files / p.total
	}
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d files  %d messages  %.0f/s%s   ",
		strings.Repeat("█", filled), strings.Repeat("·", width-filled), p.files, p.total, p.messages, rate, eta)
}

// eta is ", ETA 3m20s" while day files remain, ", done" once all are,
// and nothing before the first day file: there is nothing to estimate from.
func (p *progress) eta(elapsed time.Duration) string {
	switch {
	case p.files >= p.total:
		return ", done"
	case p.files == 0:
		return ""
	}
	left := time.Duration(float64(elapsed) * float64(p.total-p.files) / float64(p.files))
	return ", ETA " + left.Round(time.Second).String()
}

func (p *progress) done() {
	if p.w == nil {
		return
	}
	p.draw()
	if p.terminal {
		fmt.Fprintln(p.w)
	}
}

// Report writes the summary for a person.
func (s Summary) Report(w io.Writer) {
	fmt.Fprintf(w, "Imported %d channels and %d members in %s:\n",
		s.Channels, s.Members, s.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "  %d messages (%d thread replies), %d bot messages, %d reactions, %d links and files, "+
		"%d joins, from %d day files\n",
		s.Messages, s.Replies, s.BotMessages, s.Reactions, s.Resources, s.Joins, s.DayFiles)
	if s.Capped > 0 {
		fmt.Fprintf(w, "  %d message texts longer than Slack allows, cut to %d characters\n", s.Capped, store.MaxTextChars)
	}
	if s.Memberships > 0 {
		fmt.Fprintf(w, "  %d channel memberships from the export's channel lists (readers included)\n", s.Memberships)
	}
	if len(s.Skipped) > 0 {
		fmt.Fprintln(w, "Skipped or noted:")
		for _, k := range sortedKeys(s.Skipped) {
			fmt.Fprintf(w, "  %6d  %s\n", s.Skipped[k], k)
		}
	}
	if len(s.Errors) > 0 {
		fmt.Fprintf(w, "%d problem(s); the rest was imported:\n", len(s.Errors))
		for _, e := range s.Errors {
			fmt.Fprintf(w, "  %s\n", e)
		}
	}
}
