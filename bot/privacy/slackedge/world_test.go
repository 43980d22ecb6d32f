package slackedge

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/outbox"
	"praxis/bot/privacy"
	"praxis/bot/record"
	"praxis/bot/slackio"
	"praxis/internal/testkit"
	"praxis/store"
)

// world is a store and the bot's data path for it: the real dispatcher
// decoding Slack payloads from the inbox, the recorder, the command
// responder with Commands' routes, as cmd/internal/app wires them.
type world struct {
	st       *store.Store
	path     string // the database file
	cmds     *Commands
	disp     *dispatch.Dispatcher
	mu       sync.Mutex
	now      time.Time
	n        int
	erasures int // commits the store told its followers erased words of members (see store.Changes)
}

var start = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

func newWorld(t *testing.T, retention time.Duration) *world {
	t.Helper()
	w := &world{now: start, path: filepath.Join(t.TempDir(), "p.db")}
	st, err := store.Open(context.Background(), w.path, store.Options{Now: w.clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w.st = st
	data := testkit.Community("Data guild", "C02")
	data.Language = "fr"
	mapping := bot.NewDirectory([]bot.Community{testkit.Community("Security guild", "C01"), data}, testkit.Community(""),
		record.People(st))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st.OnCommit(func(c store.Changes) {
		if c.Erased && c.People {
			w.mu.Lock()
			w.erasures++
			w.mu.Unlock()
		}
	})
	d := bot.Deps{Now: w.clock, Log: log}
	w.cmds = NewCommands(privacy.New(st, d, privacy.Options{Retention: retention}), d)
	resp, err := command.New(st, mapping, w.cmds.Routes()...)
	if err != nil {
		t.Fatal(err)
	}
	chain := dispatch.Chain{record.New(st, mapping, nil, "UPRAXIS", bot.Deps{Log: log}), resp}
	opts := dispatch.Options{Workers: 2, MaxAttempts: 1, Rescan: 20 * time.Millisecond}
	w.disp = dispatch.New(st, slackio.Decode, chain, bot.Deps{Log: log}, opts)
	members := []store.Member{
		{
			ID:          "U01",
			Name:        "alice",
			RealName:    "Alice Martin",
			DisplayName: "Alicewonder",
			Locale:      "en-US",
			TZ:          "Europe/London",
		},
		{
			ID:       "U02",
			Name:     "bob",
			RealName: "Bob Durand",
			Locale:   "fr-FR",
			TZ:       "Europe/Paris",
		},
	}
	for _, m := range members {
		if err := st.PutMember(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func (w *world) clock() time.Time { w.mu.Lock(); defer w.mu.Unlock(); return w.now }
func (w *world) set(t time.Time)  { w.mu.Lock(); w.now = t; w.mu.Unlock() }

// feed stores Slack payloads in the inbox and runs the dispatcher until
// they are processed.
func (w *world) feed(t *testing.T, payloads ...string) {
	t.Helper()
	ctx := context.Background()
	var items []store.InboxItem
	for _, p := range payloads {
		ev, err := slackio.Decode([]byte(p))
		if err != nil {
			t.Fatalf("payload %s: %v", p, err)
		}
		items = append(items, store.InboxItem{EventID: ev.ID, Source: "test", Payload: []byte(p)})
	}
	if _, err := w.st.PutInbox(ctx, items); err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.disp.Run(rctx) }()
	w.disp.Wake()
	testkit.WaitFor(t, 10*time.Second, "the inbox to empty", func() bool {
		n, err := w.st.InboxDepth(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n == 0
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func (w *world) id() int { w.mu.Lock(); defer w.mu.Unlock(); w.n++; return w.n }

// told is how many commits the store told as erasing a member's words.
func (w *world) told() int { w.mu.Lock(); defer w.mu.Unlock(); return w.erasures }

// command runs /praxis text as user in channel and returns the event id.
func (w *world) command(t *testing.T, user, channel, text string) string {
	t.Helper()
	trigger := fmt.Sprintf("T%d", w.id())
	w.feed(t, fmt.Sprintf(`{"type":"slash_command","command":"/praxis","text":%q,"user_id":%q,"channel_id":%q,`+
		`"trigger_id":%q}`,
		text, user, channel, trigger))
	return "cmd:" + trigger
}

// click presses a button of an ephemeral message in channel, with value
// (a forged one, for tests of tampering) and returns the event's id.
func (w *world) click(t *testing.T, user, channel, action, value string) string {
	t.Helper()
	n := w.id()
	p := fmt.Sprintf(`{"type":"block_actions","user":{"id":%q},"channel":{"id":%q},"container":{"type":"message",`+
		`"message_ts":"1.1","channel_id":%q,"is_ephemeral":true},"trigger_id":"A%d","actions":[{"action_id":%q,`+
		`"block_id":"privacy_forget","type":"button","value":%q,"action_ts":"%d.5"}]}`,
		user, channel, channel, n, action, value, n)
	ev, err := slackio.Decode([]byte(p))
	if err != nil {
		t.Fatal(err)
	}
	w.feed(t, p)
	return ev.ID
}

// message posts a message in a community channel, live.
func (w *world) message(t *testing.T, user, channel, ts, text string) {
	t.Helper()
	w.feed(t, fmt.Sprintf(`{"type":"event_callback","event_id":"Ev%d","event":{"type":"message","channel":%q,"user":%q,`+
		`"text":%q,"ts":%q}}`,
		w.id(), channel, user, text, ts))
}

// react adds a reaction, live.
func (w *world) react(t *testing.T, user, channel, ts, itemUser string) {
	t.Helper()
	w.feed(t, fmt.Sprintf(`{"type":"event_callback","event_id":"Ev%d","event":{"type":"reaction_added","user":%q,`+
		`"reaction":"tada","item_user":%q,"item":{"type":"message","channel":%q,"ts":%q},"event_ts":%q}}`,
		w.id(), user, itemUser, channel, ts, ts))
}

// out returns what Praxis enqueued under key, decoded.
func (w *world) out(t *testing.T, key string) (store.OutRow, outbox.Message) {
	t.Helper()
	row, err := w.st.OutboxByKey(context.Background(), key)
	if err != nil {
		t.Fatalf("outbox %s: %v", key, err)
	}
	var m outbox.Message
	if err := json.Unmarshal([]byte(row.Payload), &m); err != nil {
		t.Fatal(err)
	}
	return row, m
}

// noOut checks that nothing was enqueued under key.
func (w *world) noOut(t *testing.T, key string) {
	t.Helper()
	if row, err := w.st.OutboxByKey(context.Background(), key); err == nil {
		t.Fatalf("got %s %s to %s: %s; want nothing", key, row.Method, row.ChannelID, row.Payload)
	}
}

// ts is a Slack ts at minute i after start.
func ts(i int) string {
	return fmt.Sprintf("%d.000100", start.Add(time.Duration(i)*time.Minute).Unix())
}
