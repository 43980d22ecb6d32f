package slackio

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/metrics"
	"praxis/bot/record"
	"praxis/store"
)

// BenchmarkIngestRealShaped replays a stream shaped like a real community's
// (the mix of nine days of a public Slack community: messages in 40
// channels, thread replies, reactions, edits, link unfurls, deletions, file
// shares, and joins; one event in ten from a member never seen before,
// whose profile Slack's users.info gives after 50–100 ms) through the HTTP
// transport, the receiver and the dispatcher with the real recorder. It
// reports events/s acknowledged and recorded, the ack latency, and how long
// after the first event every new member's profile was stored.
//
//	go test -run='^$' -bench=IngestRealShaped -benchtime=20000x ./bot/slackio/
func BenchmarkIngestRealShaped(b *testing.B) {
	stream, members := realShapedStream(b.N, 1)
	slackAPI := newProfileServer(b, 50*time.Millisecond, 100*time.Millisecond)
	rig := newIngestRig(b, slackAPI.URL+"/api/")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}, Timeout: 10 * time.Second}
	lat := make([]time.Duration, len(stream))
	var next, failed atomic.Int64
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(stream); i = int(next.Add(1) - 1) {
				t0 := time.Now()
				if code := postSigned(client, rig.url+"/slack/events", stream[i]); code != http.StatusOK {
					failed.Add(1)
				}
				lat[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	acked := time.Since(start)
	recorded := rig.waitRecorded(b, start)
	synced := rig.waitProfiles(b, start, members)
	b.StopTimer()
	if failed.Load() > 0 {
		b.Fatalf("%d requests failed", failed.Load())
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	n := float64(len(stream))
	b.ReportMetric(n/acked.Seconds(), "acked/s")
	b.ReportMetric(n/recorded.Seconds(), "recorded/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99_ms")
	b.ReportMetric(synced.Seconds(), "profiles_s")
	b.ReportMetric(float64(members), "members")
	b.ReportMetric(float64(slackAPI.calls.Load()), "users.info")
}

// ingestRig is Praxis's receiving side as `praxis run` wires it: the HTTP
// transport, the receiver waking the dispatcher, the recorder syncing
// profiles through slack-go from apiURL ("": no profiles), 40 channels
// C00–C39 mapped.
type ingestRig struct {
	st  *store.Store
	db  *sql.DB // a second look at the same file
	url string
}

func newIngestRig(tb testing.TB, apiURL string) *ingestRig {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	path := filepath.Join(tb.TempDir(), "p.db")
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		tb.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m := metrics.New()
	byChannel := map[string]string{}
	for c := range 40 {
		byChannel[fmt.Sprintf("C%02d", c)] = fmt.Sprintf("community %d", c%8)
	}
	mapping := bot.NewMapping(byChannel)
	var profiles record.Profiles
	if apiURL != "" {
		profiles = NewDirectory(slack.New("xoxb-bench", slack.OptionAPIURL(apiURL)))
	}
	rec := record.New(st, mapping, profiles, "UPRAXIS", log)
	d := dispatch.New(st, Decode, dispatch.Chain{rec}, m, log, dispatch.Options{Workers: 4})
	recv := NewReceiver(st, mapping, m, log, d.Wake)
	srv := httptest.NewServer(NewHTTP(recv, secret, log).Handler())
	var wg sync.WaitGroup
	for _, run := range []func(context.Context) error{recv.Run, d.Run, rec.Run} {
		wg.Go(func() { run(ctx) })
	}
	tb.Cleanup(func() {
		srv.Close()
		cancel()
		wg.Wait()
		db.Close()
		st.Close()
	})
	return &ingestRig{st: st, db: db, url: srv.URL}
}

// waitRecorded returns how long after start the inbox was last empty.
func (r *ingestRig) waitRecorded(tb testing.TB, start time.Time) time.Duration {
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if n, err := r.st.InboxDepth(context.Background()); err == nil && n == 0 {
			return time.Since(start)
		}
	}
	tb.Fatal("inbox not drained within 5 minutes")
	return 0
}

// waitProfiles returns how long after start every member had a profile.
func (r *ingestRig) waitProfiles(tb testing.TB, start time.Time, members int) time.Duration {
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var n int
		if err := r.db.QueryRow(`SELECT count(*) FROM members WHERE synced_at > 0`).Scan(&n); err == nil && n >= members {
			return time.Since(start)
		}
	}
	tb.Fatal("profiles not synced within 5 minutes")
	return 0
}

func postSigned(client *http.Client, url string, body []byte) int {
	stamp, sig := sign(time.Now(), body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", sig)
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// profileServer answers users.info as Slack does, after a delay between
// lo and hi that depends on the member (the same member, the same delay).
type profileServer struct {
	*httptest.Server
	calls atomic.Int64
}

func newProfileServer(tb testing.TB, lo, hi time.Duration) *profileServer {
	p := &profileServer{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/users.info" {
			http.Error(w, `{"ok":false,"error":"unknown_method"}`, http.StatusNotFound)
			return
		}
		p.calls.Add(1)
		id := r.FormValue("user")
		h := fnv.New32a()
		h.Write([]byte(id))
		time.Sleep(lo + time.Duration(h.Sum32())%(hi-lo+1))
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "user": map[string]any{
			"id": id, "name": "member" + id, "real_name": "Member " + id, "tz": "Europe/Paris", "locale": "fr-FR",
			"profile": map[string]any{"display_name": "m" + id, "real_name": "Member " + id}}})
	}))
	tb.Cleanup(p.Close)
	return p
}

// realShapedStream returns n Events API callbacks in the proportions of a
// real community's stream, and how many distinct members post them.
func realShapedStream(n int, seed uint64) ([][]byte, int) {
	g := &streamGen{rng: rand.New(rand.NewPCG(seed, 42)), posted: map[string][]string{}}
	for len(g.out) < n {
		g.step()
	}
	return g.out[:n], g.members
}

type streamGen struct {
	rng     *rand.Rand
	out     [][]byte
	members int
	posted  map[string][]string // channel → message ts, oldest first
	clock   int64               // microseconds since 1700000000
}

func (g *streamGen) ts() string {
	g.clock += 1000 + g.rng.Int64N(200000)
	return fmt.Sprintf("%d.%06d", 1700000000+g.clock/1e6, g.clock%1e6)
}

// member returns a member: one in twenty never seen before, else a known
// one (the active few more often than the rest).
func (g *streamGen) member(fresh bool) string {
	if fresh || g.members == 0 || g.rng.IntN(20) == 0 {
		g.members++
		return fmt.Sprintf("U%06d", g.members)
	}
	k := g.members - 1 - int(float64(g.members)*g.rng.Float64()*g.rng.Float64())
	return fmt.Sprintf("U%06d", max(k, 0)+1)
}

func (g *streamGen) earlier(channel string) (string, bool) {
	list := g.posted[channel]
	if len(list) == 0 {
		return "", false
	}
	return list[len(list)-1-g.rng.IntN(min(len(list), 50))], true
}

func (g *streamGen) emit(event map[string]any) {
	id := len(g.out)
	body, _ := json.Marshal(map[string]any{"type": "event_callback", "team_id": "T1", "api_app_id": "A1",
		"event_id": fmt.Sprintf("Ev%08d", id), "event_time": 1700000000 + g.clock/1e6, "event": event})
	g.out = append(g.out, body)
}

func (g *streamGen) step() {
	ch := fmt.Sprintf("C%02d", g.rng.IntN(40))
	parent, hasParent := g.earlier(ch)
	switch r := g.rng.IntN(100); {
	case r < 45 || !hasParent:
		g.message(ch, "")
	case r < 62:
		g.message(ch, parent)
	case r < 74:
		g.emit(map[string]any{"type": "reaction_added", "user": g.member(false), "reaction": "+1", "item_user": "U000001",
			"item": map[string]any{"type": "message", "channel": ch, "ts": parent}, "event_ts": g.ts()})
	case r < 80:
		user := g.member(false)
		g.emit(map[string]any{"type": "message", "subtype": "message_changed", "channel": ch, "hidden": true, "ts": g.ts(),
			"message":          map[string]any{"type": "message", "user": user, "text": "edited: " + words(g.rng, 20), "ts": parent, "edited": map[string]any{"user": user, "ts": g.ts()}},
			"previous_message": map[string]any{"type": "message", "user": user, "text": words(g.rng, 20), "ts": parent}})
	case r < 86: // Slack unfurls a link: the message comes back with attachments, not edited
		user := g.member(false)
		text := "see <https://docs.example.com/page/" + parent + ">"
		g.emit(map[string]any{"type": "message", "subtype": "message_changed", "channel": ch, "hidden": true, "ts": g.ts(),
			"message": map[string]any{"type": "message", "user": user, "text": text, "ts": parent, "attachments": []any{map[string]any{
				"from_url": "https://docs.example.com/page/" + parent, "title": "The page", "text": words(g.rng, 30), "service_name": "docs"}}},
			"previous_message": map[string]any{"type": "message", "user": user, "text": text, "ts": parent}})
	case r < 89:
		g.emit(map[string]any{"type": "message", "subtype": "message_deleted", "channel": ch, "hidden": true, "ts": g.ts(), "deleted_ts": parent,
			"previous_message": map[string]any{"type": "message", "user": "U000001", "text": "gone", "ts": parent}})
	case r < 95:
		ts := g.ts()
		g.emit(map[string]any{"type": "message", "subtype": "file_share", "channel": ch, "user": g.member(false), "text": "the slides", "ts": ts,
			"files": []any{map[string]any{"id": "F" + ts, "name": "slides.pdf", "title": "Slides", "url_private": "https://files.example.com/" + ts}}})
		g.posted[ch] = append(g.posted[ch], ts)
	default: // a newcomer joins: Slack sends the join and its channel_join message
		user := g.member(true)
		ts := g.ts()
		g.emit(map[string]any{"type": "member_joined_channel", "user": user, "channel": ch, "channel_type": "C", "team": "T1", "event_ts": ts})
		g.emit(map[string]any{"type": "message", "subtype": "channel_join", "channel": ch, "user": user, "text": "<@" + user + "> has joined the channel", "ts": ts})
	}
}

func (g *streamGen) message(ch, thread string) {
	ts := g.ts()
	ev := map[string]any{"type": "message", "channel": ch, "channel_type": "channel", "user": g.member(false), "ts": ts, "text": words(g.rng, 5+g.rng.IntN(40))}
	if thread != "" {
		ev["thread_ts"] = thread
	}
	if g.rng.IntN(5) == 0 {
		ev["text"] = ev["text"].(string) + " <https://wiki.example.com/p/" + ts + "|the wiki page>"
	}
	g.emit(ev)
	g.posted[ch] = append(g.posted[ch], ts)
}

var vocabulary = []string{"deploy", "the", "pipeline", "vault", "token", "rotation", "how", "do", "we", "kubernetes", "helm", "chart",
	"on-call", "alert", "runbook", "review", "merge", "request", "dbt", "model", "latency", "p99", "incident", "postmortem", "thanks", "?"}

func words(rng *rand.Rand, n int) string {
	var b bytes.Buffer
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(vocabulary[rng.IntN(len(vocabulary))])
	}
	return b.String()
}
