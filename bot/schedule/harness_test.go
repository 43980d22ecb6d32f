package schedule

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"praxis/bot"
	"praxis/internal/testkit"
	"praxis/store"
)

// utc and zone are testkit's, by short names: these tests name many
// instants.
var (
	utc  = testkit.UTC
	zone = testkit.Zone
)

// harness drives schedulers on a fake clock over a real SQLite file.
type harness struct {
	t      *testing.T
	clk    *testkit.Clock
	path   string
	st     *store.Store
	waits  chan wait
	parked map[string]wait // by scheduler/job: the wait it is in
}

type wait struct {
	who    string // label/job
	reason string // next, retry, poll
	until  time.Time
}

func newHarness(t *testing.T, start time.Time) *harness {
	h := &harness{t: t, clk: testkit.NewClock(start), path: filepath.Join(t.TempDir(), "praxis.db"),
		waits: make(chan wait, 10000), parked: map[string]wait{}}
	h.st = h.openStore()
	return h
}

// openStore opens the database again, as another process would.
func (h *harness) openStore() *store.Store {
	h.t.Helper()
	return testkit.StoreAt(h.t, h.path, h.clk.Now)
}

// scheduler returns a scheduler on the fake clock whose waits the harness
// follows under label.
func (h *harness) scheduler(label string, st *store.Store, opts Options, jobs ...Job) *Scheduler {
	h.t.Helper()
	opts.After = h.clk.After
	log := slog.New(slog.NewTextHandler(h.t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := New(st, bot.Deps{Now: h.clk.Now, Log: log}, opts)
	s.onWait = func(job, reason string, until time.Time) {
		h.waits <- wait{who: label + "/" + job, reason: reason, until: until}
	}
	for _, j := range jobs {
		if err := s.Add(j); err != nil {
			h.t.Fatal(err)
		}
	}
	return s
}

// start runs s until the returned stop is called (or the test ends); stop
// returns Run's error.
func (h *harness) start(s *Scheduler) (stop func() error) {
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.Run(ctx) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-errc:
			case <-time.After(20 * time.Second):
				h.t.Error("Run did not return after its context ended")
			}
		})
		return err
	}
	h.t.Cleanup(func() { stop() })
	return stop
}

// park waits (in real time) until n job loops are waiting on the clock, and
// returns their waits, earliest first.
func (h *harness) park(n int) []wait {
	h.t.Helper()
	for len(h.parked) < n {
		select {
		case w := <-h.waits:
			h.parked[w.who] = w
		case <-time.After(20 * time.Second):
			h.t.Fatalf("got %d job loops waiting, want %d: %v", len(h.parked), n, h.parked)
		}
	}
	ws := make([]wait, 0, len(h.parked))
	for _, w := range h.parked {
		ws = append(ws, w)
	}
	slices.SortFunc(ws, func(a, b wait) int { return a.until.Compare(b.until) })
	return ws
}

// advance moves the clock to t, releasing the waits due by then.
func (h *harness) advance(t time.Time) {
	for who, w := range h.parked {
		if !w.until.After(t) {
			delete(h.parked, who)
		}
	}
	h.clk.Set(t)
}

// step waits until n loops wait, then moves the clock to the earliest wait
// and returns it.
func (h *harness) step(n int) wait {
	h.t.Helper()
	w := h.park(n)[0]
	h.advance(w.until)
	return w
}

// forget drops the waits of a scheduler that was stopped.
func (h *harness) forget(label string) {
	for who := range h.parked {
		if len(who) > len(label) && who[:len(label)+1] == label+"/" {
			delete(h.parked, who)
		}
	}
	// Drain what it reported while stopping.
	for {
		select {
		case w := <-h.waits:
			if len(w.who) > len(label) && w.who[:len(label)+1] == label+"/" {
				continue
			}
			h.parked[w.who] = w
		default:
			return
		}
	}
}

// call is one invocation of a job's Fn.
type call struct {
	job string
	key string
	at  time.Time // the period's instant
	now time.Time // the clock when it started
}

// recorder records calls.
type recorder struct {
	mu    sync.Mutex
	calls []call
}

func (r *recorder) add(job string, p Period, now time.Time) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, call{job: job, key: p.Key, at: p.At, now: now})
	return len(r.calls)
}

func (r *recorder) list() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.calls)
}

func (r *recorder) keys() []string {
	var ks []string
	for _, c := range r.list() {
		ks = append(ks, c.key)
	}
	return ks
}

// runs returns a job's runs by period key.
func runs(t *testing.T, st *store.Store, job string) map[string]store.JobRun {
	t.Helper()
	rs, err := st.JobRuns(context.Background(), job, 1000)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]store.JobRun{}
	for _, r := range rs {
		m[r.Period] = r
	}
	return m
}

// gate is a job that blocks until released, counting how many of its runs
// are in progress at once.
type gate struct {
	rec     recorder
	clk     *testkit.Clock
	started chan string
	release chan struct{}
	active  atomic.Int32
	most    atomic.Int32
	once    sync.Once
}

// open releases every run, now and later.
func (g *gate) open() { g.once.Do(func() { close(g.release) }) }

func newGate(clk *testkit.Clock) *gate {
	return &gate{clk: clk, started: make(chan string, 100), release: make(chan struct{})}
}

func (g *gate) fn(ctx context.Context, p Period) error {
	n := g.active.Add(1)
	defer g.active.Add(-1)
	for {
		m := g.most.Load()
		if n <= m || g.most.CompareAndSwap(m, n) {
			break
		}
	}
	g.rec.add("", p, g.clk.Now())
	g.started <- p.Key
	<-g.release
	return nil
}

func (g *gate) waitStart(t *testing.T) string {
	t.Helper()
	select {
	case k := <-g.started:
		return k
	case <-time.After(20 * time.Second):
		t.Fatal("job did not start")
		return ""
	}
}
