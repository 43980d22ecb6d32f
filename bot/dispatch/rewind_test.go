package dispatch_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
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
	path := filepath.Join(t.TempDir(), "p.db")
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	dir := testkit.Directory(map[string]string{"C1": "Security"})
	d := dispatch.New(st, slackio.Decode, record.New(st, dir, nil, "", bot.Deps{Log: log}),
		bot.Deps{Log: log, Metrics: metrics.New()}, dispatch.Options{Workers: 1, Rescan: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() { cancel(); <-done }()

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
