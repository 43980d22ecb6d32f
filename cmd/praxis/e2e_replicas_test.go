package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx", to read the database as it is

	"praxis/internal/logbuf"
	"praxis/internal/pgtest"
	"praxis/internal/slackemu"
	"praxis/internal/testkit"
	"praxis/store"
)

// Three replicas of praxis run share one PostgreSQL database and the
// emulator (a Socket Mode connection each, events spread across them),
// while messages, mentions and the scheduled jobs flow; one replica at a
// time is killed with SIGKILL at random instants and started again, every
// other time armed to die by itself at one of the data path's crash points
// (an event stored and not acknowledged, prepared and not committed, a
// message Slack accepted and the outbox not told). In the end every event
// Slack delivered is stored once and applied once, every message Praxis
// sent reached Slack once, and every job ran once for its period: the
// weekly reports, a member's digest and a ritual due at the start among
// them, each sent once.
func TestE2EReplicasSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("three processes for half a minute")
	}
	w := newWorld(t, "socket", slackemu.Options{})
	url := w.db // on PostgreSQL already; on SQLite, a PostgreSQL database of the test's own
	if !store.IsPostgres(url) {
		url = pgtest.Database(t)
	}
	seed := rand.Uint64()
	t.Logf("seed %d (kills are drawn from it)", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	seedDigest(t, url)
	g := newReplicaGroup(t, w, url)
	for i := range 3 {
		g.start(t, i, "")
	}
	g.waitSplit(t, 3)

	var traffic sync.WaitGroup
	var posted []string // "channel ts" of every user message
	var mentions int
	traffic.Add(1)
	go func() {
		defer traffic.Done()
		channels := []string{"C01", "C03"} // the mapped ones
		for i := range 200 {
			c := channels[i%len(channels)]
			text := fmt.Sprintf("message %d about rotating secrets", i)
			if i%8 == 0 { // 25 mentions, at most 9 a member: within dispatch.ThrottleBurst
				text, mentions = "<@UPRAXIS> status", mentions+1
			}
			ts := w.emu.UserMessage(c, []string{"U01", "U02", "U03"}[i%3], text)
			posted = append(posted, c+" "+ts)
			time.Sleep(40 * time.Millisecond)
		}
	}()
	points := []string{"after-store", "after-prepare", "after-send"}
	for round := range 6 { // kill one at a random instant, start it again
		time.Sleep(time.Duration(200+rng.IntN(1200)) * time.Millisecond)
		g.restartCrashed(t)
		victim := rng.IntN(3)
		g.kill(t, victim)
		time.Sleep(time.Duration(rng.IntN(800)) * time.Millisecond)
		point := ""
		if round%2 == 0 {
			point = points[rng.IntN(len(points))]
		}
		g.start(t, victim, point)
	}
	traffic.Wait()
	time.Sleep(time.Second) // an armed replica may still reach its point
	for g.restartCrashed(t) > 0 || g.disarm(t) > 0 {
	}
	g.settled(t, 60*time.Second)
	t.Logf("replicas died at their crash points: %v", g.crashed)

	db := g.db
	for _, p := range posted {
		c, ts, _ := strings.Cut(p, " ")
		if n := pgCount(t, db, `SELECT count(*) FROM messages WHERE channel_id = $1 AND ts = $2`, c, ts); n != 1 {
			t.Errorf("message %s stored %d times, want once", p, n)
		}
	}
	if n := pgCount(t, db, `SELECT count(*) FROM inbox WHERE last_error <> ''`); n != 0 {
		t.Errorf("%d events failed", n)
	}
	checkSentOnce(t, w.emu, db)
	if n := pgCount(t, db, `SELECT count(*) FROM outbox WHERE key LIKE 'reply:%'`); n != mentions {
		t.Errorf("%d mentions answered, want %d (%d members told to slow down)", n, mentions,
			pgCount(t, db, `SELECT count(*) FROM outbox WHERE key LIKE 'slow:%'`))
	}
	t.Logf("%d messages, %d mentions, %d outbox rows, %d job runs, %d deliveries by the emulator", len(posted),
		mentions, pgCount(t, db, `SELECT count(*) FROM outbox`), pgCount(t, db, `SELECT count(*) FROM job_runs`),
		w.emu.Deliveries())
	var runs string
	if err := db.QueryRow(`SELECT coalesce(string_agg(job || ' ' || period, ', ' ORDER BY job), '') FROM job_runs`).
		Scan(&runs); err != nil {
		t.Fatal(err)
	}
	var kinds string
	if err := db.QueryRow(`SELECT string_agg(k || ' ' || n, ', ' ORDER BY k) FROM (SELECT split_part(key, ':', 1) AS k,
		count(*) AS n FROM outbox GROUP BY 1) x`).Scan(&kinds); err != nil {
		t.Fatal(err)
	}
	t.Logf("job runs: %s; messages: %s", runs, kinds)
	// The weekly reports, the digests and the ritual are due at the start
	// (testStart): one run each, its messages posted once (checkSentOnce).
	for _, due := range []struct {
		job  string
		runs int
	}{{"report:%", 2}, {"digest", 1}, {"ritual:%", 1}} {
		n := pgCount(t, db, `SELECT count(*) FROM job_runs WHERE job LIKE $1 AND status = 'done'`, due.job)
		if n != due.runs {
			t.Errorf("%s ran %d times, want %d", due.job, n, due.runs)
		}
	}
	if n := pgCount(t, db, `SELECT count(*) FROM outbox WHERE key LIKE 'ritual:%' AND status = 'sent'`); n != 1 {
		t.Errorf("the question of the week sent %d times, want once", n)
	}
	if n := pgCount(t, db, `SELECT count(*) FROM outbox WHERE key LIKE 'digest:U01:%' AND status = 'sent'`); n != 1 {
		t.Errorf("alice's digest sent %d times, want once", n)
	}
	if n := pgCount(t, db, `SELECT count(*) FROM (SELECT job, period FROM job_runs GROUP BY job, period
		HAVING count(*) > 1) x`); n != 0 {
		t.Errorf("%d job periods run more than once", n)
	}
}

// checkSentOnce checks that every message Praxis posted reached Slack
// once: each outbox key posted once, each sent row posted.
func checkSentOnce(t *testing.T, emu *slackemu.Server, db *sql.DB) {
	t.Helper()
	byKey := map[string]int{}
	for _, p := range emu.Posted() {
		if p.Method != "chat.postMessage" || len(p.Metadata) == 0 {
			continue
		}
		var md struct {
			EventPayload struct {
				Key string `json:"key"`
			} `json:"event_payload"`
		}
		if err := json.Unmarshal(p.Metadata, &md); err != nil {
			t.Fatal(err)
		}
		byKey[md.EventPayload.Key]++
	}
	for k, n := range byKey {
		if n != 1 {
			t.Errorf("message %s posted %d times, want once", k, n)
		}
	}
	sent := pgCount(t, db, `SELECT count(*) FROM outbox WHERE method = 'chat.postMessage' AND status = 'sent'`)
	if sent != len(byKey) {
		t.Errorf("%d messages recorded sent, %d posted", sent, len(byKey))
	}
	// A file a replica uploaded and died before recording cannot be looked
	// up: it is parked rather than risk a double (at most once, by design).
	const notSent = `FROM outbox WHERE status <> 'sent' AND NOT (status = 'dead' AND method = 'files.upload'
		AND last_error LIKE 'in doubt; a file upload cannot be checked%')`
	if n := pgCount(t, db, `SELECT count(*) `+notSent); n != 0 {
		var which string
		if err := db.QueryRow(`SELECT string_agg(key || ' ' || method || ' ' || status || ': ' || last_error, '; ') ` +
			notSent).Scan(&which); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%d outbox messages not sent: %s", n, which)
	}
	if n := pgCount(t, db, `SELECT count(*) FROM outbox WHERE status = 'dead'`); n > 0 {
		t.Logf("%d file uploads in doubt parked, not sent again", n)
	}
}

// seedDigest stores, before the replicas start, a thread of the day before
// in #security and its members as Slack knows them: alice (in Paris, not
// in the thread) is due a digest of it at the start (see weeklyRitual).
func seedDigest(t *testing.T, url string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.OpenDB(ctx, url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	members := []store.Member{{ID: "U01", Name: "alice", TZ: "Europe/Paris"}, {ID: "U02", Name: "bob",
		TZ: "America/New_York"}, {ID: "U03", Name: "chloe", TZ: "Europe/Paris"}}
	if err := st.ImportMembers(ctx, members); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportChannelMembers(ctx, map[string][]string{"C01": {"U01", "U02", "U03"}}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, time.November, 29, 15, 0, 0, 0, time.UTC)
	question := store.Message{ChannelID: "C01", TS: "1795964400.000100", ThreadTS: "1795964400.000100", UserID: "U02",
		Text: "How do we rotate TLS certificates?", PostedAt: at}
	answer := store.Message{ChannelID: "C01", TS: "1795968000.000100", ThreadTS: question.TS, UserID: "U03",
		Text: "With cert-manager.", PostedAt: at.Add(time.Hour)}
	if err := st.Batch(ctx, func(tx *store.Tx) error {
		return errors.Join(tx.PutMessage(ctx, question), tx.PutMessage(ctx, answer))
	}); err != nil {
		t.Fatal(err)
	}
}

// weeklyRitual is the security guild's question of the week, due when the
// test starts (testStart: a Monday, 08:30 UTC), and its daily digest, at
// 09:00 in each member's time zone (08:00 UTC in Paris).
const weeklyRitual = `    digest: { frequency: daily, hour: 9 }
    rituals:
      - kind: question_of_the_week
        schedule: "30 8 * * MON"
        questions: ["What tool saved you time this week?"]
`

// replicaGroup is three praxis run processes on one database, each with
// its own admin address.
type replicaGroup struct {
	w       *world
	db      *sql.DB
	configs [3]string
	admins  [3]string
	mu      sync.Mutex
	procs   [3]*exec.Cmd
	logs    [3]*logbuf.Buffer
	armed   [3]string        // the crash point it was started with, or ""
	exited  [3]chan struct{} // closed when the process ends
	crashed []string         // the crash points replicas died at
}

func newReplicaGroup(t *testing.T, w *world, url string) *replicaGroup {
	t.Helper()
	g := &replicaGroup{w: w}
	base, err := os.ReadFile(w.config)
	if err != nil {
		t.Fatal(err)
	}
	for i := range g.configs {
		g.admins[i] = freeAddr(t)
		cfg := strings.Replace(string(base), databaseKey(w.db), databaseKey(url), 1)
		cfg = strings.Replace(cfg, "    facilitators: [\"U01\"]\n", "    facilitators: [\"U01\"]\n"+weeklyRitual, 1)
		cfg = strings.Replace(cfg, fmt.Sprintf("  listen: %q\n", w.admin), fmt.Sprintf("  listen: %q\n", g.admins[i]), 1)
		g.configs[i] = filepath.Join(w.dir, fmt.Sprintf("replica%d.yaml", i))
		if err := os.WriteFile(g.configs[i], []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if g.db, err = sql.Open("pgx", url); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		for i, p := range g.procs {
			if p != nil {
				p.Process.Kill()
				<-g.exited[i]
				if t.Failed() {
					t.Logf("replica %d logs:\n%s", i, g.logs[i])
				}
			}
		}
		g.db.Close()
	})
	return g
}

// start runs replica i, on the test's clock as it reads now, with the
// scheduled jobs on and short leases, armed to die at point ("": not), and
// waits until it is healthy (or, armed, has died already).
func (g *replicaGroup) start(t *testing.T, i int, point string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "run", "--config", g.configs[i])
	cmd.Env = append(os.Environ(), "PRAXIS_TEST_AS_MAIN=1", "PRAXIS_TEST_JOBS=1", "PRAXIS_TEST_REPLICA_TTL=1500ms",
		"PRAXIS_FAULT_CRASH="+point, "PRAXIS_TEST_NOW="+g.w.now().Format(time.RFC3339Nano))
	for k, v := range g.w.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	logs := &logbuf.Buffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	g.mu.Lock()
	g.procs[i], g.logs[i], g.armed[i], g.exited[i] = cmd, logs, point, exited
	g.mu.Unlock()
	testkit.WaitFor(t, 30*time.Second, fmt.Sprintf("replica %d healthy", i), func() bool {
		select {
		case <-exited:
			return point != ""
		default:
		}
		code, err := httpGet("http://" + g.admins[i] + "/healthz")
		return err == nil && code == 200
	})
}

// restartCrashed starts again, unarmed, the replicas that died at their
// crash point, and says how many.
func (g *replicaGroup) restartCrashed(t *testing.T) int {
	t.Helper()
	n := 0
	for i := range g.procs {
		select {
		case <-g.exited[i]:
		default:
			continue
		}
		if code := g.procs[i].ProcessState.ExitCode(); code != 75 {
			t.Fatalf("replica %d ended with status %d, want 75 (its crash point)\n%s", i, code, g.logs[i])
		}
		g.crashed = append(g.crashed, g.armed[i])
		g.start(t, i, "")
		n++
	}
	return n
}

// disarm kills and starts again, unarmed, the replicas still armed.
func (g *replicaGroup) disarm(t *testing.T) int {
	t.Helper()
	n := 0
	for i, armed := range g.armed {
		if armed != "" {
			g.kill(t, i)
			g.start(t, i, "")
			n++
		}
	}
	return n
}

// kill sends SIGKILL to replica i and waits for it to be gone (it may
// have died at its crash point already).
func (g *replicaGroup) kill(t *testing.T, i int) {
	t.Helper()
	select {
	case <-g.exited[i]:
		if code := g.procs[i].ProcessState.ExitCode(); code != 75 {
			t.Fatalf("replica %d ended with status %d, want 75 (its crash point)\n%s", i, code, g.logs[i])
		}
		g.crashed = append(g.crashed, g.armed[i])
		return
	default:
	}
	if err := g.procs[i].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-g.exited[i]
}

// waitSplit waits until n replicas hold the shards between them.
func (g *replicaGroup) waitSplit(t *testing.T, n int) {
	t.Helper()
	testkit.WaitFor(t, 30*time.Second, fmt.Sprintf("%d replicas sharing the shards", n), func() bool {
		return pgCount(t, g.db, `SELECT count(DISTINCT holder) FROM leases`) == n &&
			pgCount(t, g.db, `SELECT count(*) FROM leases`) == 64
	})
}

// settled waits until Slack has nothing unacknowledged, every stored event
// is processed and every message is sent or parked.
func (g *replicaGroup) settled(t *testing.T, within time.Duration) {
	t.Helper()
	testkit.WaitFor(t, within, "every event applied and every message sent", func() bool {
		return g.w.emu.Pending() == 0 &&
			pgCount(t, g.db, `SELECT count(*) FROM inbox WHERE processed_at IS NULL`) == 0 &&
			pgCount(t, g.db, `SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')`) == 0
	})
}

func pgCount(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var n int
	if err := db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}
