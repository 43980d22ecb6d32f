// Package privacy is what Praxis stores about a member, as they may see,
// export and erase it, and the retention of message text: the model and
// computation behind members' privacy. A member's summary counts what is
// stored about them with the retention in force; their export is all of
// it as one JSON document, the same whether they ask for it in Slack or an
// administrator runs `praxis member export`; the hourly retention job
// erases old message text. What forgetting and pausing erase or stop is
// the store's work (store.Tx.Forget, Pause). The commands and buttons
// that show these to a member are the Slack edge, bot/privacy/slackedge.
package privacy

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"praxis/bot"
	"praxis/store"
)

// Options configure a Privacy.
type Options struct {
	// Retention: message text older than this is erased by the job; 0
	// keeps it (config retention.message_text).
	Retention time.Duration
}

// Privacy reads what is stored about members and erases old message text.
type Privacy struct {
	st   *store.Store
	d    bot.Deps // its logger records what retention erased
	opts Options
}

// New returns a Privacy.
func New(st *store.Store, d bot.Deps, opts Options) *Privacy {
	return &Privacy{st: st, d: d.For("privacy"), opts: opts}
}

// Summary is what is stored about a member, counted, and how long their
// messages keep their text.
type Summary struct {
	store.PrivacySummary
	// RetentionDays is Options.Retention in whole days, rounded up: a
	// member is told the longest their words are kept; 0 keeps them.
	RetentionDays int
}

// Summary counts what is stored about member.
func (p *Privacy) Summary(ctx context.Context, member string) (Summary, error) {
	s, err := p.st.PrivacySummary(ctx, member)
	if err != nil {
		return Summary{}, err
	}
	days := 0
	if r := p.opts.Retention; r > 0 {
		days = int((r + 23*time.Hour) / (24 * time.Hour))
	}
	return Summary{PrivacySummary: s, RetentionDays: days}, nil
}

// Export is everything stored about member as an indented JSON document
// ending in a newline.
func (p *Privacy) Export(ctx context.Context, member string) ([]byte, error) {
	d, err := p.st.MemberData(ctx, member)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", member, err)
	}
	return append(b, '\n'), nil
}
