package record_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/expert"
	"praxis/bot/expert/slackedge"
	"praxis/bot/record"
	"praxis/bot/slackio"
	"praxis/internal/testkit"
	"praxis/store"
)

// arrivals is how many seeded orders of each kind the property test tries
// (go test ./bot/record -run ArrivalOrder -args -arrivals=1000).
var arrivals = flag.Int("arrivals", 25, "seeded arrival orders of each kind to replay")

// Slack does not promise the order of events and redelivers late what was
// not acknowledged. Recording must give the same store whatever the order
// of arrival: the community's recorded stream is replayed in order, then in
// seeded random permutations (-arrivals), with 10% of the events delivered late,
// and with redeliveries, through the transport's receiver (inbox,
// deduplication) and the dispatcher's recorder and question tracker; each
// store's canonical dump must be the in-order one.
func TestRecordingIgnoresArrivalOrder(t *testing.T) {
	s := communityStream()
	want := replay(t, s.events)
	checkInOrder(t, want)
	n := *arrivals
	if testing.Short() {
		n = min(n, 8)
	}
	for seed := range uint64(n) {
		rng := rand.New(rand.NewPCG(seed, 12))
		for _, d := range []struct {
			name  string
			order func(*rand.Rand, [][]byte) [][]byte
		}{{"shuffled", shuffled}, {"late10", late10}, {"redelivered", redelivered}} {
			got := replay(t, d.order(rng, s.events))
			if got != want {
				t.Fatalf("%s, seed %d: the store differs from the in-order one:\n%s", d.name, seed, diff(want, got))
			}
		}
	}
}

// shuffled delivers the events in any order.
func shuffled(rng *rand.Rand, evs [][]byte) [][]byte {
	out := append([][]byte(nil), evs...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// late10 delivers one event in ten late: from a few events to the end of
// the stream later, as Slack's retries of an event not acknowledged.
func late10(rng *rand.Rand, evs [][]byte) [][]byte {
	var out, held [][]byte
	var due []int
	for i, ev := range evs {
		if rng.IntN(10) == 0 {
			held, due = append(held, ev), append(due, i+1+rng.IntN(len(evs)))
		} else {
			out = append(out, ev)
		}
		for k := 0; k < len(held); k++ {
			if due[k] <= i {
				out = append(out, held[k])
				held, due = append(held[:k], held[k+1:]...), append(due[:k], due[k+1:]...)
				k--
			}
		}
	}
	return append(out, held...)
}

// redelivered delivers the events shuffled, a fifth of them twice (Slack
// retrying an event whose acknowledgement was lost), the second time later.
func redelivered(rng *rand.Rand, evs [][]byte) [][]byte {
	out := shuffled(rng, evs)
	for _, ev := range evs {
		if rng.IntN(5) == 0 {
			i := rng.IntN(len(out) + 1)
			out = append(out[:i], append([][]byte{ev}, out[i:]...)...)
		}
	}
	return out
}

var mapping = map[string]string{c1: "Platform", c2: "Data"}

// replay delivers payloads, in the order given, to a fresh store, and
// records them as run does: the receiver stores each in the inbox (and
// drops what is not for Praxis), then the dispatcher's handlers (recorder,
// question tracker) apply them in inbox order, in batches. It returns the
// store's canonical dump.
func replay(t *testing.T, payloads [][]byte) string {
	t.Helper()
	ctx := context.Background()
	now := time.Unix(t0+86400, 0).UTC()
	path := filepath.Join(t.TempDir(), "p.db")
	st := testkit.StoreAt(t, path, func() time.Time { return now })
	if _, err := st.SyncCommunities(ctx, []store.Community{
		{Name: "Platform", Language: "en", Timezone: "UTC", Channels: map[string]string{c1: "platform"}},
		{Name: "Data", Language: "en", Timezone: "UTC", Channels: map[string]string{c2: "data"}},
	}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m := testkit.Directory(mapping)
	eng := expert.New(st, bot.Deps{Now: func() time.Time { return now }}, expert.Options{})
	if err := eng.Load(ctx); err != nil {
		t.Fatal(err)
	}
	rec := record.New(st, m, nil, "U0PRAXIS", bot.Deps{Log: log})
	handlers := dispatch.Chain{rec, slackedge.NewTracker(eng, st, m, "U0PRAXIS", nil)}
	receive(t, st, m, log, payloads)
	drain(t, st, handlers)
	return dump(t, path)
}

// receive hands each payload to the transport's receiver, as a delivery.
func receive(t *testing.T, st *store.Store, m *bot.Directory, log *slog.Logger, payloads [][]byte) {
	ctx, cancel := context.WithCancel(context.Background())
	recv := slackio.NewReceiver(st, m, bot.Deps{Log: log}, slackio.ReceiverOptions{})
	done := make(chan struct{})
	go func() { recv.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	for _, p := range payloads {
		if out, err := recv.Receive(ctx, "http", p); out == slackio.Failed || out == slackio.Malformed {
			t.Fatalf("got %v, %v for %s", out, err, p)
		}
	}
}

// drain processes the inbox as the dispatcher does: in order, in batches,
// each event in its own savepoint.
func drain(t *testing.T, st *store.Store, h dispatch.Handler) {
	ctx := context.Background()
	var after int64
	for {
		rows, err := st.PendingInbox(ctx, after, 16)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			return
		}
		ids, evs, steps := make([]int64, len(rows)), make([]bot.Event, len(rows)), make([]dispatch.Step, len(rows))
		for i, r := range rows {
			if evs[i], err = slackio.Decode(r.Payload); err != nil {
				t.Fatal(err)
			}
			ids[i], after = r.ID, r.ID
			if steps[i], err = h.Prepare(ctx, evs[i]); err != nil {
				t.Fatal(err)
			}
		}
		errs, err := st.ProcessBatch(ctx, ids, func(i int, tx *store.Tx) error { return steps[i].Run(ctx, tx) })
		if err != nil {
			t.Fatal(err)
		}
		for i, err := range errs {
			if err != nil {
				t.Fatalf("event %s: %v", evs[i].ID, err)
			}
		}
	}
}

// dumped are the tables recording writes, each row without what records
// arrival (row ids, the inbox, updated_at, processed_at), in a fixed order.
var dumped = []struct{ name, query string }{
	{"messages", `SELECT channel_id, ts, thread_ts, user_id, text, subtype, is_bot, edited_ts, deleted, posted_at, erased
		FROM messages ORDER BY 1, 2`},
	{"full-text index", `SELECT m.channel_id, m.ts, m.id IN (SELECT rowid FROM messages_fts) AS indexed,
		m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'terraform OR runbook') AS matched
		FROM messages m ORDER BY 1, 2`},
	{"reactions", `SELECT channel_id, message_ts, user_id, name, item_user, added_at FROM reactions ORDER BY 1, 2, 3, 4`},
	{"reaction_removals", `SELECT channel_id, message_ts, user_id, name, removed_at
		FROM reaction_removals ORDER BY 1, 2, 3, 4`},
	{"resources", `SELECT kind, url, title, user_id, channel_id, message_ts, shared_at, version
		FROM resources ORDER BY 5, 6, 2`},
	{"channel_members", `SELECT channel_id, member_id, joined_at, left_at FROM channel_members ORDER BY 1, 2`},
	{"membership_events", `SELECT channel_id, member_id, kind, ts, at FROM membership_events ORDER BY 1, 2, 5, 3`},
	{"members", `SELECT id, name, real_name, display_name, is_bot, deleted, first_seen, last_seen
		FROM members ORDER BY 1`},
	{"pins", `SELECT channel_id, message_ts, pinned_by, pinned_at FROM pins ORDER BY 1, 2`},
	{"pin_removals", `SELECT channel_id, message_ts, removed_at FROM pin_removals ORDER BY 1, 2`},
	{"channels", `SELECT id, name, renamed_at, community_id FROM channels ORDER BY 1`},
	{"questions", `SELECT channel_id, ts, asker, asked_at, why, first_answer_at, first_answerer, resolved_at, resolution,
		routed_at, escalated_at, closed FROM questions ORDER BY 1, 2`},
	{"question_acts", `SELECT channel_id, message_ts, user_id, kind, at FROM question_acts ORDER BY 1, 2, 3, 4`},
}

// dump writes the tables recording fills as text, one line a row.
func dump(t *testing.T, path string) string {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, d := range dumped {
		rows, err := db.Query(d.query)
		if err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
		cols, _ := rows.Columns()
		fmt.Fprintf(&b, "== %s\n", d.name)
		vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if i > 0 {
					b.WriteString(" | ")
				}
				fmt.Fprintf(&b, "%s=%v", cols[i], v)
			}
			b.WriteString("\n")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return b.String()
}

// diff shows the lines only one of two dumps has.
func diff(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var out []string
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

// checkInOrder checks that the in-order store, which every other is held
// to, is itself right on what arrival order used to change.
func checkInOrder(t *testing.T, d string) {
	t.Helper()
	for _, want := range []string{
		// The rekey docs link is shared when its reply is posted, not when Slack unfurled it.
		"url=https://developer.hashicorp.com/vault/docs/commands/operator/rekey | title=the rekey docs | user_id=" + bob +
			" | channel_id=" + c1 + " | message_ts=1790000026.000000 | shared_at=1790000026000",
		// Frank left C1 and came back (the event first, the channel_join message seven seconds later: one join).
		"channel_id=" + c1 + " | member_id=" + frank + " | joined_at=1790001010000 | left_at=<nil>",
		// Eve joined C2, then left it.
		"channel_id=" + c2 + " | member_id=" + eve + " | joined_at=1790000363000 | left_at=1790001022000",
		// Q1 thanked by Alice after Bob's answer; Q2 accepted (Dave's ✅ on Eve's reply, taken back
		// later); Q3 solved (Eve ticked her own question); Q4 deleted; Q5 thanked in French.
		"first_answerer=" + bob + " | resolved_at=1790000053000 | resolution=thanked",
		"first_answerer=" + carol + " | resolved_at=1790000129000 | resolution=accepted",
		"first_answerer=" + alice + " | resolved_at=1790000351000 | resolution=solved",
		"ts=1790001056.000000 | asker=" + carol + " | asked_at=1790001056000 | why=question_mark" +
			" | first_answer_at=<nil> | first_answerer= | resolved_at=<nil> | resolution=" +
			" | routed_at=<nil> | escalated_at=<nil> | closed=1",
		"first_answerer=" + bob + " | resolved_at=1790001090000 | resolution=thanked",
		// Added, removed, added again: there; pinned, unpinned, pinned again by Dave.
		"message_ts=1790000164.000000 | user_id=" + bob + " | name=eyes",
		"message_ts=1790000164.000000 | pinned_by=" + dave,
		// The later rename.
		"id=" + c2 + " | name=data-platform",
		// The wiki page's newest label.
		"url=https://wiki.example.com/runbook | title=the runbook wiki",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("the in-order store lacks %q:\n%s", want, d)
		}
	}
	for _, never := range []string{c9, "maybe restart it?", "oops", "6147346546"} {
		if strings.Contains(d, never) {
			t.Errorf("the in-order store holds %q, want it nowhere", never)
		}
	}
}
