package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	digestedge "praxis/bot/digest/slackedge"
	"praxis/store"
)

func cmdDigest(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "digest", "digest --member U… [--as-of DATE] [--format text|blocks] "+
		"[--config FILE] [--db PATH]\n\n"+
		"Previews a member's digest, without sending it, as the hourly job would build it at --as-of: the window\n"+
		"since their last digest (a day, a week or a month back when there was none), items already sent and\n"+
		"muted channels left out, the coming rituals, and the model's summaries when an LLM is configured.")
	member := fs.String("member", "", "the member's Slack user ID (required)")
	asOfFlag := fs.String("as-of", "", "end of the digest's window: YYYY-MM-DD (midnight UTC) or RFC 3339 (default now)")
	format := fs.String("format", "text", "text or blocks (Block Kit JSON, as sent)")
	cfgPath := fs.String("config", "", offlineConfigHelp)
	dbPath := fs.String("db", "", offlineDBHelp)
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if *member == "" || fs.NArg() > 0 {
		return fmt.Errorf("%w: digest takes --member U… and no arguments", errUsage)
	}
	if *format != "text" && *format != "blocks" {
		return fmt.Errorf("%w: --format is text or blocks", errUsage)
	}
	to, err := asOf(*asOfFlag)
	if err != nil {
		return err
	}
	// The preview shows what the member would get: the model's summaries
	// too, the questions their experts could answer.
	core, off, err := openCore(ctx, e, *cfgPath, *dbPath)
	if err != nil {
		return err
	}
	st := off.st
	defer st.Close()
	if _, err := st.Member(ctx, *member); errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: no member %s in the database", errUsage, *member)
	}
	plan, d, err := core.DigestPlans.Preview(ctx, *member, to)
	if err != nil {
		return err
	}
	if d.Empty() {
		from, to := plan.From.Format(time.DateOnly), plan.To.Format(time.DateOnly)
		fmt.Fprintf(e.stdout, "Nothing to send to %s for %s – %s: no digest.\n", *member, from, to)
		return nil
	}
	if *format == "blocks" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"channel": *member, "text": d.Text(), "blocks": digestedge.Blocks(d, plan.Freq)})
	}
	_, err = fmt.Fprint(e.stdout, d.Text())
	return err
}
