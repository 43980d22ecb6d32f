package dispatch_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the same file, written as another replica would

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/metrics"
	"praxis/bot/record"
	"praxis/bot/slackio"
	"praxis/internal/testkit"
	"praxis/store"
)

// On PostgreSQL, inbox row ids are drawn as rows are inserted and
// transactions commit in another order: a row below what the dispatcher
// has read may appear after it read past it. Woken from that row's id (the
// replicas' notification says it), the dispatcher reads it at once, not at
// its next rescan. The late row is written here by hand, with the id it
// would have had.
func TestRowsCommittedLateAreReadFromTheirID(t *testing.T) {
	st, path, rec := rewindStore(t)
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	d := runDispatcher(t, st, rec, dispatch.Options{Workers: 1, Rescan: time.Hour})

	insert := func(id int64) {
		t.Helper()
		event := fmt.Sprintf(`{"type":"message","channel":"C1","user":"U1","text":"m%d","ts":"1700000000.%06d"}`, id, id)
		if _, err := raw.Exec(`INSERT INTO inbox(id, event_id, source, payload, received_at) VALUES (?, ?, 'test', ?, 0)`,
			id, fmt.Sprintf("Ev%d", id), cb(fmt.Sprintf("Ev%d", id), event)); err != nil {
			t.Fatal(err)
		}
	}
	pending := func() int {
		n, err := st.InboxDepth(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	insert(100)
	d.Wake()
	testkit.WaitFor(t, 5*time.Second, "row 100 processed", func() bool { return pending() == 0 })
	insert(50) // committed after 100 was read
	d.Wake()
	time.Sleep(300 * time.Millisecond)
	if pending() != 1 {
		t.Fatal("a wake with no id read below the cursor: this test shows nothing")
	}
	d.WakeFrom(50)
	testkit.WaitFor(t, 5*time.Second, "row 50 processed once announced", func() bool { return pending() == 0 })
}

// counting prepares events with the recorder and counts, per event, how
// often it was prepared; an event whose text is "fail" fails.
type counting struct {
	rec dispatch.Handler
	mu  sync.Mutex
	n   map[string]int
}

func (c *counting) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	c.mu.Lock()
	c.n[ev.ID]++
	c.mu.Unlock()
	time.Sleep(50 * time.Microsecond) // a Prepare takes time: rows finish while the pump reads
	if ev.Text == "fail" {
		return nil, errors.New("refused")
	}
	return c.rec.Prepare(ctx, ev)
}

// Woken again and again from the inbox's start (as notifications of rows
// committed late do under load), the dispatcher reads the same rows many
// times: each event is still prepared once (a Prepare may call the language
// model, or take a member's request from their bucket), and an event that
// failed waits for the rescan, not for the next wake, before it is tried
// again.
func TestRewindsPrepareEachEventOnce(t *testing.T) {
	st, _, rec := rewindStore(t)
	h := &counting{rec: rec, n: map[string]int{}}
	var items []store.InboxItem
	for i := range 400 {
		text := "words"
		if i == 7 {
			text = "fail"
		}
		event := fmt.Sprintf(`{"type":"message","channel":"C%d","user":"U1","text":%q,"ts":"1700000000.%06d"}`,
			1+i%2, text, i)
		items = append(items, store.InboxItem{EventID: fmt.Sprintf("Ev%d", i), Source: "test",
			Payload: []byte(cb(fmt.Sprintf("Ev%d", i), event))})
	}
	if _, err := st.PutInbox(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	d := runDispatcher(t, st, h, dispatch.Options{Workers: 2, MaxAttempts: 5, Rescan: time.Hour})
	testkit.WaitFor(t, 20*time.Second, "399 events recorded", func() bool {
		d.WakeFrom(0)
		time.Sleep(200 * time.Microsecond)
		n, err := st.InboxDepth(context.Background())
		return err == nil && n == 1
	})
	for range 200 { // the failed one, read again and again
		d.WakeFrom(0)
		time.Sleep(200 * time.Microsecond)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for id, n := range h.n {
		if n != 1 {
			t.Errorf("%s prepared %d times, want once", id, n)
		}
	}
}

// rewindStore opens a store in a file of the test's (at path) and the
// recorder of its channels C1 and C2.
func rewindStore(t *testing.T) (st *store.Store, path string, rec dispatch.Handler) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "p.db")
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	dir := testkit.Directory(map[string]string{"C1": "Security", "C2": "Data"})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return st, path, record.New(st, dir, nil, "", bot.Deps{Log: log})
}

// runDispatcher runs a dispatcher of h on st until the test ends.
func runDispatcher(t *testing.T, st *store.Store, h dispatch.Handler, opts dispatch.Options) *dispatch.Dispatcher {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	d := dispatch.New(st, slackio.Decode, h, bot.Deps{Log: log, Metrics: metrics.New()}, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return d
}
