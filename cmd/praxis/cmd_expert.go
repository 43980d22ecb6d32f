package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"praxis/bot"
	"praxis/bot/expert"
	"praxis/bot/i18n"
	"praxis/cmd/internal/app"
	"praxis/store"
)

func cmdExpert(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "expert", "expert [--config FILE] [--db PATH] [--community NAME] [--limit N] "+
		"[--format text|json] [--lang en|fr] [--explain] \"question\"\n"+
		"       praxis expert --batch [--limit N] [--explain] < queries.jsonl\n\n"+
		"Finds the members who know, from the recorded history, with the reasons and the past threads.\n"+
		"--batch reads one JSON object per line, "+
		"{\"id\": \"…\", \"text\": \"…\", \"channel\": \"C… or name\", \"asker\": \"U…\",\n"+
		"\"ts\": \"1700000000.000100\"}, and writes one per query: "+
		"{\"id\": \"…\", \"ranked\": [{\"user\": \"U…\", \"score\": 0.87,\n"+
		"\"reasons\": [\"…\"]}, …]}, or {\"id\": \"…\", \"error\": \"…\"}. "+
		"With \"ts\", the query is ranked with what was known\n"+
		"at that instant only (its own thread left out), so a whole history can be replayed question by question.")
	cfgPath := fs.String("config", "", offlineConfigHelp)
	dbPath := fs.String("db", "", offlineDBHelp)
	community := fs.String("community", "", "prefer this community's experts (default: all communities)")
	limit := fs.Int("limit", 3, "people to suggest")
	format := fs.String("format", "text", "text or json")
	lang := fs.String("lang", "en", "language of the reasons: en or fr")
	batch := fs.Bool("batch", false, "read JSON-lines queries from stdin")
	explain := fs.Bool("explain", false, "show what each feature of the ranking adds to each person's score")
	words, stop, err := parseQuestion(fs, e, args)
	if stop {
		return err
	}
	question := strings.TrimSpace(strings.Join(words, " "))
	switch {
	case *format != "text" && *format != "json":
		return fmt.Errorf("%w: --format is text or json", errUsage)
	case *limit < 1:
		return fmt.Errorf("%w: --limit is how many people to suggest: 1 or more, not %d", errUsage, *limit)
	case !slices.Contains(i18n.Languages, *lang):
		return fmt.Errorf("%w: --lang is one of %s, not %q", errUsage, strings.Join(i18n.Languages, ", "), *lang)
	case *batch && question != "":
		return fmt.Errorf("%w: --batch reads its questions from stdin: give no question on the command line", errUsage)
	case !*batch && question == "":
		return fmt.Errorf("%w: expert takes a question, e.g. praxis expert \"how do we rotate TLS certificates?\" "+
			"(or --batch)", errUsage)
	}
	core, off, err := openCore(ctx, e, *cfgPath, *dbPath)
	if err != nil {
		return err
	}
	eng, st := core.Engine, off.st
	defer st.Close()
	if *community != "" {
		if err := knownCommunity(ctx, st, *community); err != nil {
			return err
		}
	}
	now := time.Now()
	names := newPeople(st)
	if *batch {
		return expertBatch(ctx, eng, e.stdin(), e.stdout, batchOptions{
			community: *community,
			limit:     *limit,
			lang:      *lang,
			explain:   *explain,
			now:       now,
			names:     names,
		})
	}
	q := expert.Query{Text: question, Community: *community, Limit: *limit, Explain: *explain}
	res, err := eng.Rank(ctx, q)
	if err != nil {
		return err
	}
	if *format == "json" {
		return json.NewEncoder(e.stdout).Encode(batchLine(ctx, "", res, *lang, now, names))
	}
	printResult(ctx, e.stdout, res, *lang, now, names)
	return nil
}

// parseQuestion parses flags wherever they are, before or after the
// question's words ("kubernetes --limit 1"), and returns the words; after
// "--", everything is words.
func parseQuestion(fs *flag.FlagSet, e env, args []string) (words []string, stop bool, err error) {
	for {
		if stop, err := parse(fs, e, args); stop {
			return nil, true, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return words, false, nil
		}
		if i := len(args) - len(rest) - 1; i >= 0 && args[i] == "--" {
			return append(words, rest...), false, nil
		}
		words, args = append(words, rest[0]), rest[1:]
	}
}

// openCore opens the configuration and the store (see openOffline) and
// builds on them what run answers members with (app.LoadCore), with the
// configuration's topics and experts.
func openCore(ctx context.Context, e env, cfgPath, dbPath string) (app.Core, offline, error) {
	off, err := openOffline(ctx, e, cfgPath, dbPath, store.Options{})
	if err != nil {
		return app.Core{}, offline{}, err
	}
	core, err := app.LoadCore(ctx, off.cfg, off.st, off.comms, "", bot.Deps{})
	if err != nil {
		off.st.Close()
		return app.Core{}, offline{}, err
	}
	return core, off, nil
}

// knownCommunity checks a --community name against the store.
func knownCommunity(ctx context.Context, st *store.Store, name string) error {
	cs, err := st.Communities(ctx)
	if err != nil {
		return err
	}
	var names []string
	for _, c := range cs {
		if strings.EqualFold(c.Name, name) {
			return nil
		}
		names = append(names, c.Name)
	}
	return fmt.Errorf("%w: no community %q (known: %s)", errUsage, name, strings.Join(names, ", "))
}

type batchQuery struct {
	ID      string `json:"id"`
	Text    string `json:"text"`
	Channel string `json:"channel,omitempty"` // an id, a name or #name
	Asker   string `json:"asker,omitempty"`
	TS      string `json:"ts,omitempty"` // rank as of this instant (a Slack ts)
}

// batchOptions are what --batch applies to every query.
type batchOptions struct {
	community string
	limit     int
	lang      string
	explain   bool
	now       time.Time
	names     *people
}

// query turns a batch line into a query; a channel Praxis does not map or
// a ts it cannot read is the line's error.
func (o batchOptions) query(eng *expert.Engine, b batchQuery) (expert.Query, error) {
	q := expert.Query{Text: b.Text, Asker: b.Asker, Community: o.community, Limit: o.limit, Explain: o.explain}
	if b.Channel != "" {
		id, ok := eng.Channel(b.Channel)
		if !ok {
			return q, fmt.Errorf("unknown channel %q: not one Praxis maps (an id, a name or #name)", b.Channel)
		}
		q.Channel = id
	}
	if b.TS != "" {
		at, ok := store.ParseTS(b.TS)
		if !ok {
			return q, fmt.Errorf("ts %q is not a Slack timestamp (1700000000.000100)", b.TS)
		}
		q.At, q.ThreadTS = at, b.TS
	}
	return q, nil
}

// batchWindow is how many lines --batch reads before it ranks them, on
// every core, and writes their answers in order.
const batchWindow = 256

// expertBatch answers JSON-lines queries, in the order they came: a bad
// line gets an error line and the rest goes on.
func expertBatch(ctx context.Context, eng *expert.Engine, in io.Reader, out io.Writer, o batchOptions) error {
	r := bufio.NewReaderSize(in, 64<<10)
	w := bufio.NewWriter(out)
	defer w.Flush()
	enc := json.NewEncoder(w)
	line := 0
	for {
		items, eof, err := readBatch(r, eng, o, &line)
		if err != nil {
			return err
		}
		if err := rankBatch(ctx, eng, items, o); err != nil {
			return err
		}
		for _, it := range items {
			if err := enc.Encode(it.out); err != nil {
				return err
			}
		}
		if eof {
			return nil
		}
	}
}

// batchItem is one line of --batch: its answer, or the query to rank for it.
type batchItem struct {
	id    string
	query *expert.Query
	out   resultJSON
}

// readBatch reads up to batchWindow lines; eof reports the input's end.
func readBatch(r *bufio.Reader, eng *expert.Engine, o batchOptions,
	line *int) (items []batchItem, eof bool, err error) {
	fail := func(id, why string) batchItem {
		return batchItem{out: resultJSON{ID: id, Error: why, Ranked: []rankedJSON{}}}
	}
	for len(items) < batchWindow {
		b, rerr := r.ReadSlice('\n')
		long := errors.Is(rerr, bufio.ErrBufferFull)
		for errors.Is(rerr, bufio.ErrBufferFull) { // a line too long to be a query: skip the rest of it
			_, rerr = r.ReadSlice('\n')
		}
		last := errors.Is(rerr, io.EOF)
		if rerr != nil && !last {
			return nil, false, rerr
		}
		if len(b) == 0 && last {
			return items, true, nil
		}
		*line++
		if long {
			items = append(items, fail(fmt.Sprintf("line %d", *line), "line longer than 64 KiB"))
			continue
		}
		raw := strings.TrimSpace(string(b))
		if raw == "" {
			continue
		}
		var q batchQuery
		if err := json.Unmarshal([]byte(raw), &q); err != nil {
			items = append(items, fail(fmt.Sprintf("line %d", *line), "not a JSON object: "+err.Error()))
			continue
		}
		query, err := o.query(eng, q)
		if err != nil {
			items = append(items, fail(q.ID, err.Error()))
			continue
		}
		items = append(items, batchItem{id: q.ID, query: &query})
	}
	return items, false, nil
}

// rankBatch ranks the items' queries on every core.
func rankBatch(ctx context.Context, eng *expert.Engine, items []batchItem, o batchOptions) error {
	next := make(chan int)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				it := &items[i]
				res, err := eng.Rank(ctx, *it.query)
				if err != nil {
					errs <- err
					return
				}
				now := o.now
				if !it.query.At.IsZero() {
					now = it.query.At
				}
				it.out = batchLine(ctx, it.id, res, o.lang, now, o.names)
			}
		}()
	}
	var err error
feed:
	for i := range items {
		if items[i].query == nil {
			continue
		}
		select {
		case next <- i:
		case err = <-errs:
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	return err
}
