package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"

	"praxis/bot/outbox"
	"praxis/internal/logbuf"
	"praxis/internal/slackemu"
	"praxis/internal/testkit"
	"praxis/store"
)

var httpClient = http.Client{Timeout: 2 * time.Second}

// startChild runs Praxis as a real child process (this test binary acting
// as main) with a crash point armed, and returns once it has exited.
func (w *world) runChildUntilCrash(t *testing.T, point string, trigger func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "run", "--config", w.config)
	cmd.Env = append(os.Environ(), "PRAXIS_TEST_AS_MAIN=1", "PRAXIS_FAULT_CRASH="+point,
		"PRAXIS_TEST_NOW="+w.now().Format(time.RFC3339Nano))
	for k, v := range w.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	logs := &logbuf.Buffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	testkit.WaitFor(t, 15*time.Second, "the child healthy", func() bool {
		code, err := httpGet("http://" + w.admin + "/healthz")
		return err == nil && code == 200
	})
	trigger()
	select {
	case err := <-exited:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 75 {
			t.Fatalf("child ended with %v, want the simulated crash (exit 75)\nlogs:\n%s", err, logs)
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("child did not reach crash point %s\nlogs:\n%s", point, logs)
	}
}

func TestE2ECrashBetweenStoreAndAck(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	var ts string
	w.runChildUntilCrash(t, "after-store", func() { ts = w.emu.UserMessage("C01", "U02", "stored, then crash") })
	if n := rawCount(t, w.db, `SELECT count(*) FROM inbox`); n != 1 {
		t.Fatalf("got %d inbox rows after the crash, want the event stored before the (missing) ack", n)
	}
	if w.emu.Pending() == 0 {
		t.Fatal("got the event acknowledged, want it unacknowledged after the crash")
	}
	w.start(t) // the emulator redelivers the unacknowledged event
	w.settled(t)
	if n := rawCount(t, w.db, `SELECT count(*) FROM inbox`); n != 1 {
		t.Fatalf("got %d inbox rows after the redelivery, want 1", n)
	}
	if n := rawCount(t, w.db, `SELECT count(*) FROM messages WHERE ts = ?`, ts); n != 1 {
		t.Fatalf("got %d messages, want 1", n)
	}
	if w.emu.Deliveries() < 2 {
		t.Fatalf("got %d deliveries, want the redelivery to have happened", w.emu.Deliveries())
	}
}

func TestE2ECrashBetweenSendAndRecord(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	// The emulator sends an app_mention alongside the message, as Slack does.
	w.runChildUntilCrash(t, "after-send", func() { w.emu.UserMessage("C01", "U02", "<@UPRAXIS> status") })
	if got := len(w.emu.Posted()); got != 1 {
		t.Fatalf("got %d posts before the restart, want the one Slack accepted", got)
	}
	w.start(t)
	w.settled(t)
	st := w.open(t)
	if n := rawCount(t, w.db, `SELECT count(*) FROM outbox`); n != 1 {
		t.Fatalf("got %d outbox rows, want the one answer", n)
	}
	var row store.OutRow
	testkit.WaitFor(t, 10*time.Second, "the in-doubt answer settled", func() bool {
		c, err := st.OutboxCounts(context.Background())
		return err == nil && c[store.OutSent] == 1
	})
	due, _ := st.DueOutbox(context.Background(), 1)
	if len(due) != 0 {
		t.Fatalf("got %d messages still due, want none", len(due))
	}
	key := rawString(t, w.db, `SELECT key FROM outbox`)
	row, _ = st.OutboxByKey(context.Background(), key)
	if got := len(w.emu.Posted()); got != 1 {
		t.Fatalf("got %d posts after the restart, want still 1 (not sent twice)", got)
	}
	if row.TS != w.emu.Posted()[0].TS {
		t.Fatalf("got ts %q recorded, want the posted message's %q", row.TS, w.emu.Posted()[0].TS)
	}
}

// A crash after an event is prepared, before its step commits, loses
// nothing and doubles nothing: at restart the event is prepared again, and
// the message is recorded once and answered once.
func TestE2ECrashBetweenPrepareAndCommit(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	var ts string
	// The emulator sends an app_mention alongside the message, as Slack does.
	w.runChildUntilCrash(t, "after-prepare", func() { ts = w.emu.UserMessage("C01", "U02", "<@UPRAXIS> status") })
	if n := rawCount(t, w.db, `SELECT count(*) FROM inbox WHERE processed_at IS NOT NULL`); n != 0 {
		t.Fatalf("got %d events processed before the crash, want none committed", n)
	}
	// (The message itself may be recorded already: the back-fill reads the
	// channel's history beside the live events.)
	if n := rawCount(t, w.db, `SELECT count(*) FROM outbox`); n != 0 {
		t.Fatalf("got %d answers written before the crash, want none", n)
	}
	w.start(t)
	w.settled(t)
	if n := rawCount(t, w.db, `SELECT count(*) FROM inbox WHERE last_error != ''`); n != 0 {
		t.Fatalf("got %d events failed after the restart, want none", n)
	}
	if n := rawCount(t, w.db, `SELECT count(*) FROM messages WHERE ts = ?`, ts); n != 1 {
		t.Fatalf("got %d messages, want 1", n)
	}
	if n := rawCount(t, w.db, `SELECT count(*) FROM outbox`); n != 1 {
		t.Fatalf("got %d outbox rows, want the one answer", n)
	}
	testkit.WaitFor(t, 10*time.Second, "the answer posted", func() bool { return len(w.emu.Posted()) == 1 })
}

func TestE2EInDoubtNeverDeliveredIsSent(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	st := w.open(t)
	ctx := context.Background()
	lost := outbox.New("lost:1", outbox.PostMessage, "C01", outbox.Message{Text: "never reached Slack"})
	if _, err := st.Enqueue(ctx, lost); err != nil {
		t.Fatal(err)
	}
	row, _ := st.OutboxByKey(ctx, "lost:1")
	if err := st.MarkSending(ctx, row.ID); err != nil { // as if the process died during the call
		t.Fatal(err)
	}
	w.start(t)
	testkit.WaitFor(t, 10*time.Second, "the message sent", func() bool {
		r, err := st.OutboxByKey(ctx, "lost:1")
		return err == nil && r.Status == store.OutSent
	})
	if got := len(w.emu.Posted()); got != 1 {
		t.Fatalf("got %d posts, want 1", got)
	}
}

func TestE2ERateLimitStormDelaysButNeverDrops(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	w.emu.SetFaults(slackemu.Faults{RateLimitEvery: 0.3, RetryAfter: time.Second, Methods: []string{"chat.postMessage"}})
	st := w.open(t)
	ctx := context.Background()
	const n = 12
	for i := 0; i < n; i++ {
		msg := outbox.Message{Text: fmt.Sprintf("message %d", i)}
		if _, err := st.Enqueue(ctx, outbox.New(fmt.Sprintf("storm:%d", i), outbox.PostMessage, "C01", msg)); err != nil {
			t.Fatal(err)
		}
	}
	w.start(t)
	testkit.WaitFor(t, 60*time.Second, "every message sent", func() bool {
		c, err := st.OutboxCounts(ctx)
		return err == nil && c[store.OutSent] == n
	})
	seen := map[string]int{}
	for _, p := range w.emu.Posted() {
		seen[p.Text]++
	}
	for i := 0; i < n; i++ {
		if got := seen[fmt.Sprintf("message %d", i)]; got != 1 {
			t.Errorf("message %d delivered %d times, want exactly once", i, got)
		}
	}
	if w.emu.Calls("chat.postMessage") <= n {
		t.Fatalf("got %d calls, want some answered 429 and retried", w.emu.Calls("chat.postMessage"))
	}
}
