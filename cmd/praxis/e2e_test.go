package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"praxis/cmd/internal/app"
	"praxis/internal/logbuf"
	"praxis/internal/slackemu"
	"praxis/internal/testkit"
	"praxis/store"
)

// world is one emulated workspace with Praxis's configuration for it,
// sharing one clock with the emulator.
type world struct {
	emu    *slackemu.Server
	dir    string
	config string
	db     string
	admin  string
	env    map[string]string
	now    func() time.Time // Slack's and Praxis's clock: opts.Now, else from testStart
	jobs   bool             // run the scheduled jobs (off unless a test turns them on)
	// idle is the poster's longest sleep (app.Deps.PosterIdle); 0:
	// production's.
	idle time.Duration
}

func newWorld(t *testing.T, mode string, opts slackemu.Options) *world {
	t.Helper()
	w := &world{dir: t.TempDir(), now: opts.Now}
	if w.now == nil {
		w.now = clockFrom(testStart(t))
		opts.Now = w.now
	}
	w.db = testkit.Database(t)
	w.admin = freeAddr(t)
	listen := ""
	if mode == "http" {
		listen = freeAddr(t)
		opts.EventsURL = "http://" + listen + "/slack/events"
	}
	if opts.AckTimeout == 0 {
		opts.AckTimeout = 500 * time.Millisecond
	}
	if opts.PingInterval == 0 {
		opts.PingInterval = time.Second
	}
	w.emu = slackemu.New(opts)
	t.Cleanup(w.emu.Close)
	for _, u := range []slackemu.User{
		{ID: "U01", Name: "alice", RealName: "Alice Martin", TZ: "Europe/Paris", Locale: "fr-FR"},
		{ID: "U02", Name: "bob", RealName: "Bob Stone", TZ: "America/New_York", Locale: "en-US"},
		{ID: "U03", Name: "chloe", RealName: "Chloé Durand", TZ: "Europe/Paris", Locale: "fr-FR"},
		{ID: "U04", Name: "dan", RealName: "Dan Newcomer", TZ: "Europe/London", Locale: "en-GB"},
	} {
		w.emu.AddUser(u)
	}
	w.emu.AddChannel(slackemu.Channel{ID: "C01", Name: "security", Members: []string{"U01", "U02", "U03", "UPRAXIS"}})
	w.emu.AddChannel(slackemu.Channel{ID: "C02", Name: "random", Members: []string{"U01", "U02", "UPRAXIS"}})
	w.emu.AddChannel(slackemu.Channel{ID: "C03", Name: "data-guild", Members: []string{"U02", "U03", "UPRAXIS"}})
	cfg := fmt.Sprintf(`slack:
  mode: %s
  listen: %q
  api_url: %q
database:
  %s
admin:
  listen: %q
log:
  level: debug
  format: text
outbox:
  rate_per_second: 50
  burst: 5
communities:
  - name: Security guild
    vocation: Keep our systems and people safe.
    channels: ["#security"]
    facilitators: ["U01"]
  - name: Data guild
    vocation: Share data engineering practice.
    channels: ["C03"]
    facilitators: ["U02"]
    language: fr
`, mode, listen, w.emu.APIURL(), databaseKey(w.db), w.admin)
	w.config = filepath.Join(w.dir, "praxis.yaml")
	if err := os.WriteFile(w.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	w.env = map[string]string{
		"SLACK_BOT_TOKEN":      "xoxb-emulator",
		"SLACK_APP_TOKEN":      "xapp-emulator",
		"SLACK_SIGNING_SECRET": "emulator-secret",
	}
	return w
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// bot is Praxis running in-process through run().
type runningBot struct {
	cancel context.CancelFunc
	done   chan error
	logs   *logbuf.Buffer
}

func (w *world) start(t *testing.T) *runningBot {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	b := &runningBot{cancel: cancel, done: make(chan error, 1), logs: &logbuf.Buffer{}}
	e := env{getenv: func(k string) string { return w.env[k] }, stdout: b.logs, stderr: b.logs,
		deps: app.Deps{Now: w.now, NoJobs: !w.jobs, PosterIdle: w.idle}}
	go func() { b.done <- runEnv(ctx, e, []string{"run", "--config", w.config}) }()
	t.Cleanup(func() { b.stop(t) })
	w.waitHealthy(t, b)
	return b
}

func (b *runningBot) stop(t *testing.T) {
	t.Helper()
	if b.cancel == nil {
		return
	}
	b.cancel()
	b.cancel = nil
	select {
	case err := <-b.done:
		if err != nil {
			t.Errorf("run returned %v\nlogs:\n%s", err, b.logs)
		}
	case <-time.After(15 * time.Second):
		t.Errorf("run did not stop within 15s\nlogs:\n%s", b.logs)
	}
}

func (w *world) waitHealthy(t *testing.T, b *runningBot) {
	t.Helper()
	testkit.WaitFor(t, 15*time.Second, "praxis healthy", func() bool {
		select {
		case err := <-b.done:
			b.cancel()
			b.cancel = nil
			t.Fatalf("run ended early: %v\nlogs:\n%s", err, b.logs)
		default:
		}
		resp, err := httpGet("http://" + w.admin + "/healthz")
		return err == nil && resp == 200
	})
}

// open reads the bot's database (on SQLite, WAL lets a reader in beside
// the running bot), on the world's clock.
func (w *world) open(t *testing.T) *store.Store {
	t.Helper()
	return testkit.StoreAt(t, w.db, w.now)
}

func (w *world) stats(t *testing.T) store.Stats {
	t.Helper()
	st, err := w.open(t).Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// settled waits until the emulator has every event acknowledged and the bot
// has processed its inbox.
func (w *world) settled(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := w.emu.WaitAcked(ctx); err != nil {
		t.Fatalf("events not acknowledged: %v", err)
	}
	st := w.open(t)
	testkit.WaitFor(t, 20*time.Second, "inbox drained", func() bool {
		n, err := st.InboxDepth(context.Background())
		return err == nil && n == 0
	})
}

func rawCount(t *testing.T, db, q string, args ...any) int {
	t.Helper()
	var n int
	rawScan(t, db, q, &n, args...)
	return n
}

func rawString(t *testing.T, db, q string, args ...any) string {
	t.Helper()
	var s string
	rawScan(t, db, q, &s, args...)
	return s
}

func TestE2ERecordsMappedChannelsOnly(t *testing.T) {
	for _, mode := range []string{"socket", "http"} {
		t.Run(mode, func(t *testing.T) {
			w := newWorld(t, mode, slackemu.Options{})
			b := w.start(t)
			e := w.emu
			q := e.UserMessage("C01", "U01", "How do we rotate the KMS keys? <https://wiki.example.com/kms|KMS runbook>")
			r1 := e.UserMessage("C01", "U02", "With the runbook, every 90 days", slackemu.InThread(q))
			e.UserMessage("C01", "U03", "And log it", slackemu.InThread(q), slackemu.Broadcast())
			e.React("C01", r1, "U01", "white_check_mark")
			e.EditMessage("C01", r1, "U02", "With the runbook, every 90 days (automated)")
			gone := e.UserMessage("C01", "U03", "oops wrong channel")
			e.DeleteMessage("C01", gone)
			e.Join("C01", "U04")
			e.UserMessage("C03", "U03", "Qui connaît dbt ?")
			e.UserMessage("C02", "U01", "lunch anyone?") // not a community channel
			e.RenameChannel("C01", "security-guild")
			w.settled(t)

			st := w.stats(t)
			if st.Messages != 4 || st.Replies != 2 || st.Deleted != 1 ||
				st.Reactions != 1 || st.Resources != 1 || st.Joins != 1 {
				t.Fatalf("got %+v", st)
			}
			if n := rawCount(t, w.db, `SELECT count(*) FROM messages WHERE channel_id = 'C02'`); n != 0 {
				t.Fatalf("got %d messages from an unmapped channel, want 0", n)
			}
			inboxHolds := `SELECT count(*) FROM inbox WHERE payload LIKE '%lunch anyone%'`
			if store.IsPostgres(w.db) { // a BYTEA there, which LIKE does not read
				inboxHolds = `SELECT count(*) FROM inbox WHERE position(CAST('lunch anyone' AS BYTEA) IN payload) > 0`
			}
			if n := rawCount(t, w.db, inboxHolds); n != 0 {
				t.Fatalf("got an unmapped channel's event stored in the inbox")
			}
			if n := rawCount(t, w.db, `SELECT count(*) FROM messages WHERE ts = ? AND text LIKE '%automated%'`, r1); n != 1 {
				t.Fatalf("got the edit not recorded")
			}
			if n := rawCount(t, w.db, `SELECT count(*) FROM channels WHERE id = 'C01' AND name = 'security-guild'`); n != 1 {
				t.Fatalf("got the rename not recorded")
			}
			// Profiles follow the recording, fetched in the background.
			members := w.open(t)
			testkit.WaitFor(t, 10*time.Second, "U01's profile synced from users.info", func() bool {
				m, err := members.Member(context.Background(), "U01")
				return err == nil && m.TZ == "Europe/Paris" && m.Locale == "fr-FR"
			})
			metrics := httpBody(t, "http://"+w.admin+"/metrics")
			wants := map[string]string{
				"praxis_events_dropped_unmapped_total": "1",
				"praxis_inbox_depth":                   "0",
				"praxis_events_failed_total":           "0",
			}
			for name, want := range wants {
				if got := metricValue(metrics, name); got != want {
					t.Errorf("got %s = %q, want %s", name, got, want)
				}
			}
			if strings.Contains(b.logs.String(), "xoxb-emulator") || strings.Contains(b.logs.String(), "xapp-emulator") {
				t.Error("a token appears in the logs")
			}
		})
	}
}

func TestE2ERedeliveredEventStoredOnce(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	w.start(t)
	payload := []byte(`{"type":"event_callback","event_id":"EvDUP1","event_time":1700000000,"event":{"type":"message",` +
		`"channel":"C01","user":"U02","text":"hello twice","ts":"1700000000.000100"}}`)
	for i := 0; i < 3; i++ {
		if err := w.emu.DeliverRaw(payload); err != nil {
			t.Fatal(err)
		}
	}
	w.settled(t)
	if n := rawCount(t, w.db, `SELECT count(*) FROM inbox WHERE event_id = 'EvDUP1'`); n != 1 {
		t.Fatalf("got %d inbox rows, want 1", n)
	}
	if n := rawCount(t, w.db, `SELECT count(*) FROM messages WHERE text = 'hello twice'`); n != 1 {
		t.Fatalf("got %d messages, want 1", n)
	}
}

// A slash command is answered as soon as its event's transaction commits:
// the poster, which would otherwise sleep an hour, is woken by the store.
func TestE2ESlashCommandAnswered(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	w.idle = time.Hour
	w.start(t)
	w.emu.UserMessage("C01", "U02", "first post")
	w.settled(t)
	if err := w.emu.SlashCommand("U02", "C01", "status"); err != nil {
		t.Fatal(err)
	}
	testkit.WaitFor(t, 10*time.Second, "the answer", func() bool { return len(w.emu.Posted()) > 0 })
	p := w.emu.Posted()[0]
	if !p.Ephemeral || p.User != "U02" || !strings.Contains(p.Text, "Security guild") {
		t.Fatalf("got %+v, want an ephemeral status of the Security guild for U02", p)
	}
}

func TestE2EDroppedSocketLosesNothing(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	w.start(t)
	for i := 0; i < 20; i++ {
		w.emu.UserMessage("C01", "U01", fmt.Sprintf("before %d", i))
		if i%5 == 0 {
			w.emu.DropConnections()
		}
	}
	w.emu.SendDisconnect()
	for i := 0; i < 20; i++ {
		w.emu.UserMessage("C01", "U02", fmt.Sprintf("after %d", i))
	}
	w.settled(t)
	if st := w.stats(t); st.Messages != 40 {
		t.Fatalf("got %d messages, want 40", st.Messages)
	}
	if n := rawCount(t, w.db, `SELECT count(*) FROM inbox`); n != 40 {
		t.Fatalf("got %d inbox rows, want 40 (each event once)", n)
	}
}

// metricValue reads one unlabelled sample from a Prometheus exposition.
func metricValue(exposition, name string) string {
	for _, line := range strings.Split(exposition, "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			return v
		}
	}
	return ""
}

func httpBody(t *testing.T, url string) string {
	t.Helper()
	resp, err := httpClient.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func httpGet(url string) (int, error) {
	c := &httpClient
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
