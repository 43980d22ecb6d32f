package history

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/record"
	"praxis/bot/slackio"
	"praxis/internal/slackemu"
	"praxis/internal/testkit"
	"praxis/store"
)

type bfRig struct {
	emu *slackemu.Server
	st  *store.Store
	dir *slackio.Directory
	bf  *Backfiller
}

// newBFRig is a workspace whose history exists in the emulator but was
// never delivered to Praxis (no subscription), as after an outage.
func newBFRig(t testing.TB, rate float64, page int) *bfRig {
	t.Helper()
	emu := slackemu.New(slackemu.Options{Subscriptions: []string{"app_home_opened"}})
	t.Cleanup(emu.Close)
	emu.AddUser(slackemu.User{ID: "U01", Name: "alice"})
	emu.AddUser(slackemu.User{ID: "U02", Name: "bob"})
	emu.AddChannel(slackemu.Channel{ID: "C01", Name: "security", Members: []string{"U01", "U02", "UPRAXIS"}})
	st := testkit.Store(t, nil)
	dir := slackio.NewDirectory(emu.Client())
	mapping := testkit.Directory(map[string]string{"C01": "Security"})
	rec := record.New(st, mapping, nil, "UPRAXIS", bot.Deps{})
	bf := NewBackfiller(st, dir, []Write{rec.Record}, mapping, bot.Deps{}, BackfillOptions{Rate: rate, PageSize: page})
	return &bfRig{emu: emu, st: st, dir: dir, bf: bf}
}

func TestBackfillFetchesHistoryAndThreads(t *testing.T) {
	ctx := context.Background()
	r := newBFRig(t, 1000, 50)
	if err := r.bf.Prime(ctx); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 120; i++ {
		ts := r.emu.UserMessage("C01", "U01", fmt.Sprintf("question %d?", i))
		if i%10 == 0 {
			reply := r.emu.UserMessage("C01", "U02", "answer", slackemu.InThread(ts))
			r.emu.React("C01", reply, "U01", "white_check_mark")
		}
	}
	n, err := r.bf.Channel(ctx, "C01")
	if err != nil || n != 120 {
		t.Fatalf("got %d read, %v; want the 120 top-level messages", n, err)
	}
	s := stats(t, r.st)
	if s.Messages != 132 || s.Replies != 12 || s.Reactions != 12 {
		t.Fatalf("got %+v, want 120 questions, 12 answers, 12 reactions", s)
	}
	// A reply to an old thread while Praxis was away: its parent is not in
	// the new history, the active-threads sweep finds it.
	old, _ := r.st.ActiveThreads(ctx, "C01", r.st.Now().Add(-time.Hour))
	calls := r.emu.Calls("conversations.history")
	r.emu.UserMessage("C01", "U02", "late answer", slackemu.InThread(old[0]))
	if _, err := r.bf.Channel(ctx, "C01"); err != nil {
		t.Fatal(err)
	}
	if s := stats(t, r.st); s.Replies != 13 {
		t.Fatalf("got %d replies, want the late answer back-filled", s.Replies)
	}
	if got := r.emu.Calls("conversations.history") - calls; got != 1 {
		t.Fatalf("got %d history calls for one new message, want 1 (resume from the checkpoint)", got)
	}
	// The next run starts from the newest top-level message, never from a
	// reply: a message posted during a run, after its history was read but
	// before a newer reply, must still be read next time.
	cp, err := r.st.Backfill(ctx, "C01")
	if err != nil {
		t.Fatal(err)
	}
	if top, _ := r.st.LatestTopLevelTS(ctx, "C01"); cp.DoneUntil != top {
		t.Fatalf("got the checkpoint at %s, want the newest top-level message %s", cp.DoneUntil, top)
	}
}

// failing fails every call after the first n.
type failing struct {
	Source
	n int
}

func (f *failing) History(ctx context.Context, ch, oldest, cursor string,
	limit int) ([]slackio.Message, string, error) {
	if f.n == 0 {
		return nil, "", errors.New("connection reset")
	}
	f.n--
	return f.Source.History(ctx, ch, oldest, cursor, limit)
}

func TestBackfillResumesAfterACrash(t *testing.T) {
	ctx := context.Background()
	r := newBFRig(t, 1000, 50)
	if err := r.bf.Prime(ctx); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		r.emu.UserMessage("C01", "U01", fmt.Sprintf("message %d", i))
	}
	r.bf.src = &failing{Source: r.dir, n: 2}
	if _, err := r.bf.Channel(ctx, "C01"); err == nil {
		t.Fatal("got no error, want the failure after two pages")
	}
	cp, _ := r.st.Backfill(ctx, "C01")
	if !cp.InProgress() || cp.Cursor == "" {
		t.Fatalf("got %+v, want a run in progress with its cursor", cp)
	}
	if s := stats(t, r.st); s.Messages != 100 {
		t.Fatalf("got %d messages, want the two pages recorded", s.Messages)
	}
	r.bf.src = r.dir
	before := r.emu.Calls("conversations.history")
	if _, err := r.bf.Channel(ctx, "C01"); err != nil {
		t.Fatal(err)
	}
	if got := r.emu.Calls("conversations.history") - before; got != 2 {
		t.Fatalf("got %d calls to finish, want 2 (resumed at the cursor)", got)
	}
	if s := stats(t, r.st); s.Messages != 200 {
		t.Fatalf("got %d messages, want 200", s.Messages)
	}
}

// BenchmarkBackfill reads 100,000 messages from the emulator, which limits
// conversations.history to 50 calls/s as Slack limits its tiers; the
// back-fill is configured with the same rate. It reports the time against
// the floor the limit imposes (pages / rate).
//
//	go test -run=^$ -bench=Backfill -benchtime=1x ./bot/history/
func BenchmarkBackfill(b *testing.B) {
	const n, rate, page = 100_000, 50.0, 200
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		r := newBFRig(b, rate, page)
		for j := 0; j < n; j++ {
			r.emu.UserMessage("C01", "U01", "message")
		}
		r.emu.SetRateLimit("conversations.history", rate, 5) // Slack tolerates short bursts
		if err := r.bf.Prime(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		got, err := r.bf.Channel(context.Background(), "C01")
		elapsed := time.Since(start)
		if err != nil || got != n {
			b.Fatalf("read %d, %v", got, err)
		}
		floor := time.Duration(float64(n/page-1) / rate * float64(time.Second))
		b.ReportMetric(elapsed.Seconds(), "s")
		b.ReportMetric(floor.Seconds(), "floor_s")
		b.ReportMetric(100*floor.Seconds()/elapsed.Seconds(), "pct_of_limit")
		b.ReportMetric(float64(r.emu.Calls("conversations.history")-n/page), "429s")
	}
}

// A replica back-fills the channels of the shards it holds, and leaves the
// others' to them.
func TestBackfillKeepsToTheShardsHeld(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	emu := slackemu.New(slackemu.Options{Subscriptions: []string{"app_home_opened"}})
	t.Cleanup(emu.Close)
	emu.AddUser(slackemu.User{ID: "U01", Name: "alice"})
	for _, c := range []string{"C01", "C02"} {
		emu.AddChannel(slackemu.Channel{ID: c, Name: "guild-" + c, Members: []string{"U01", "UPRAXIS"}})
	}
	st := testkit.Store(t, nil)
	mapping := testkit.Directory(map[string]string{"C01": "Security", "C02": "Data"})
	rec := record.New(st, mapping, nil, "UPRAXIS", bot.Deps{})
	// C01 comes first in a run; only C02's shard is this replica's.
	bf := NewBackfiller(st, slackio.NewDirectory(emu.Client()), []Write{rec.Record}, mapping, bot.Deps{},
		BackfillOptions{Rate: 1000, Holds: func(shard int) bool { return shard == store.Shard("C02") }})
	if store.Shard("C01") == store.Shard("C02") {
		t.Fatal("pick two channels of different shards")
	}
	if err := bf.Prime(ctx); err != nil {
		t.Fatal(err)
	}
	emu.UserMessage("C01", "U01", "posted while away, in another replica's channel")
	emu.UserMessage("C02", "U01", "posted while away, in this replica's channel")
	done := make(chan struct{})
	go func() { bf.Run(ctx); close(done) }()
	bf.Kick()
	latest := func(c string) string {
		ts, err := st.LatestTopLevelTS(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		return ts
	}
	testkit.WaitFor(t, 10*time.Second, "this replica's channel back-filled", func() bool { return latest("C02") != "" })
	if ts := latest("C01"); ts != "" {
		t.Errorf("another replica's channel: back-filled up to %s, want nothing", ts)
	}
	cancel()
	<-done
}
