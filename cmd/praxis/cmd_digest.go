package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"praxis/bot/config"
	"praxis/bot/digest"
	"praxis/store"
)

func cmdDigest(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "digest", "digest --member U… [--as-of DATE] [--format text|blocks] [--config FILE] [--db PATH]\n\n"+
		"Previews a member's digest, without sending it: the week (or day, for a daily digest) before --as-of,\n"+
		"as the hourly job would build it, items already sent and muted channels left out.")
	member := fs.String("member", "", "the member's Slack user ID (required)")
	asOf := fs.String("as-of", "", "end of the digest's window: YYYY-MM-DD (midnight UTC) or RFC 3339 (default now)")
	format := fs.String("format", "text", "text or blocks (Block Kit JSON, as sent)")
	cfgPath := fs.String("config", "", "configuration file (default $PRAXIS_CONFIG or praxis.yaml; optional with --db)")
	dbPath := fs.String("db", "", "database file (default: the configuration's, else praxis.db)")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if *member == "" || fs.NArg() > 0 {
		return fmt.Errorf("%w: digest takes --member U… and no arguments", errUsage)
	}
	if *format != "text" && *format != "blocks" {
		return fmt.Errorf("%w: --format is text or blocks", errUsage)
	}
	to := time.Now().UTC()
	if *asOf != "" {
		t, err := parseAsOf(*asOf)
		if err != nil {
			return fmt.Errorf("%w: --as-of: %v", errUsage, err)
		}
		to = t
	}
	var cfg *config.Config
	if c, err := loadFileConfig(configPath(*cfgPath, e), e); err == nil {
		cfg = c
	} else if *cfgPath != "" || *dbPath == "" || !errors.Is(err, os.ErrNotExist) {
		return err
	}
	eng, st, err := openEngine(ctx, e, *cfgPath, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Member(ctx, *member); errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: no member %s in the database", errUsage, *member)
	}
	opts := digest.Options{Experts: eng}
	if cfg != nil {
		opts.Communities = digest.FromConfig(cfg.Communities, storeChannels(ctx, st))
	}
	b := digest.New(st, opts)
	daily := false
	if p, err := st.DigestPrefs(ctx); err == nil && p[*member].Frequency == config.FrequencyDaily {
		daily = true
	}
	from := to.AddDate(0, 0, -7)
	if daily {
		from = to.AddDate(0, 0, -1)
	}
	d, err := b.Build(ctx, *member, from, to)
	if err != nil {
		return err
	}
	if d.Empty() {
		fmt.Fprintf(e.stdout, "Nothing to send to %s for %s – %s: no digest.\n", *member, from.Format(time.DateOnly), to.Format(time.DateOnly))
		return nil
	}
	if *format == "blocks" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"channel": *member, "text": d.Text(), "blocks": d.Blocks(daily)})
	}
	_, err = fmt.Fprint(e.stdout, d.Text())
	return err
}

// parseAsOf reads a date (midnight UTC) or an RFC 3339 instant.
func parseAsOf(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, errors.New("use YYYY-MM-DD or RFC 3339")
	}
	return t.UTC(), nil
}

// storeChannels resolves a configuration's channel reference (an ID or a
// #name) against the channels the database knows.
func storeChannels(ctx context.Context, st *store.Store) func(string) (string, bool) {
	byName := map[string]string{}
	cs, _ := st.Communities(ctx)
	for _, c := range cs {
		for id, name := range c.Channels {
			byName[id], byName[strings.ToLower(name)] = id, id
		}
	}
	return func(ref string) (string, bool) {
		id, ok := byName[strings.ToLower(strings.TrimPrefix(strings.TrimSpace(ref), "#"))]
		if !ok {
			id, ok = byName[strings.TrimSpace(ref)]
		}
		return id, ok
	}
}
