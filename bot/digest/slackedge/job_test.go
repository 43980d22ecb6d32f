package slackedge

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/digest"
	"praxis/bot/digest/digesttest"
	"praxis/bot/llm"
	"praxis/bot/metrics"
	"praxis/bot/outbox"
	"praxis/store"
)

// The hourly job sends each member's weekly digest once, in the UTC hour
// where 09:00 begins in their own zone on Monday, whatever runs again.
func TestJobSendsOncePerPeriodAtLocalHour(t *testing.T) {
	w := digesttest.NewWorld(t, utc("2024-05-06T00:00:00Z"))
	w.Seed()
	m := metrics.New()
	dir := w.Directory(digesttest.Community(8))
	b := newDigests(w, bot.Deps{Metrics: m}, digest.Options{Directory: dir})
	sentAt := map[string]string{}
	monday := utc("2024-05-06T00:00:00Z")
	for pass := 0; pass < 2; pass++ { // a second pass (restart, replica) sends nothing more
		for h := 0; h < 48; h++ {
			at := monday.Add(time.Duration(h) * time.Hour)
			w.Now = at
			if err := b.Send(w.Ctx, hour(at)); err != nil {
				t.Fatal(err)
			}
			for _, m := range []string{"U1", "U2", "U3", "U4", "U9"} {
				if _, err := w.St.OutboxByKey(w.Ctx, Key(m, "2024-W19")); err == nil && sentAt[m] == "" {
					sentAt[m] = at.Format("15:04")
				}
			}
		}
	}
	// Paris is UTC+2 in May (09:00 there is 07:00 UTC), New York UTC-4.
	want := map[string]string{"U1": "07:00", "U2": "09:00", "U3": "09:00", "U4": "13:00", "U9": "09:00"}
	for m, at := range want {
		if sentAt[m] != at {
			t.Errorf("%s: got sent at %q UTC, want %s", m, sentAt[m], at)
		}
	}
	counts, _ := w.St.OutboxCounts(w.Ctx)
	if counts["pending"] != len(want) {
		t.Fatalf("got %v, want %d digests once each", counts, len(want))
	}
	row, _ := w.St.OutboxByKey(w.Ctx, Key("U4", "2024-W19"))
	var msg outbox.Message
	if err := json.Unmarshal([]byte(row.Payload), &msg); err != nil || row.ChannelID != "U4" {
		t.Fatalf("got %+v, %v", row, err)
	}
	if !strings.Contains(msg.Text, "Votre résumé Praxis") || !strings.Contains(string(msg.Blocks), ActionUnsubscribe) {
		t.Fatalf("got %q, want U4's digest in French with its buttons", msg.Text)
	}
	if got := testutil.ToFloat64(m.Digests.WithLabelValues("sent")); got != float64(len(want)) {
		t.Errorf("praxis_digests_total{outcome=\"sent\"} = %v, want %d", got, len(want))
	}
	sent, _ := w.St.DigestItemsSent(w.Ctx, time.Time{})
	if len(sent["U1"]) != 4 {
		t.Fatalf("got %v, want U1's four items recorded", sent["U1"])
	}
}

// A daily member gets one a day, at their hour; an unsubscribed one none.
func TestJobFrequencies(t *testing.T) {
	w := digesttest.NewWorld(t, utc("2024-05-07T00:00:00Z"))
	w.Seed()
	w.Do(func(tx *store.Tx) error {
		if err := tx.SetDigestFrequency(w.Ctx, "U2", "daily"); err != nil {
			return err
		}
		if err := tx.SetDigestHour(w.Ctx, "U2", 6); err != nil {
			return err
		}
		return tx.SetDigestFrequency(w.Ctx, "U9", "off")
	})
	b := newDigests(w, bot.Deps{}, digest.Options{Directory: w.Directory(digesttest.Community(8))})
	// Tuesday: no weekly digest; U2's daily one if the last day had news.
	meetup := w.Post("C2", "U3", "", "Anyone at the crypto meetup?", utc("2024-05-06T12:00:00Z"))
	w.Post("C2", "U4", meetup, "I'll be there", utc("2024-05-06T13:00:00Z"))
	w.Member("U2", "UTC", "", "C1", "C2")
	tue := utc("2024-05-07T00:00:00Z")
	for h := 0; h < 24; h++ {
		if err := b.Send(w.Ctx, hour(tue.Add(time.Duration(h)*time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	counts, _ := w.St.OutboxCounts(w.Ctx)
	if _, err := w.St.OutboxByKey(w.Ctx, Key("U2", "2024-05-07")); err != nil || counts["pending"] != 1 {
		t.Fatalf("got %v, %v; want U2's daily digest only", counts, err)
	}
}

// A digest's window starts at the member's last digest: after a fortnight
// without one, a thread of ten days ago is still news to them, and not to a
// member who never had a digest (a week back).
func TestWindowSinceLastDigest(t *testing.T) {
	start := utc("2024-05-06T07:00:00Z") // Monday, 09:00 in Paris
	w := digesttest.NewWorld(t, start.AddDate(0, 0, -14))
	w.Member("U1", "Europe/Paris", "en-US", "C1")
	w.Member("U3", "Europe/Paris", "en-US", "C1")
	w.Do(func(tx *store.Tx) error {
		return tx.RecordDigestItems(w.Ctx, "U1", "2024-W17", []string{"thread:C1:old"})
	})
	old := w.Post("C1", "U2", "", "Which WAF do you run in front of the API gateway?", start.AddDate(0, 0, -10))
	w.Post("C1", "U4", old, "We use the managed one, rules tuned weekly.", start.AddDate(0, 0, -10).Add(time.Hour))
	w.Now = start
	b := newDigests(w, bot.Deps{}, digest.Options{Directory: w.Directory(digesttest.Community(8))})
	if err := b.Send(w.Ctx, hour(start)); err != nil {
		t.Fatal(err)
	}
	row, err := w.St.OutboxByKey(w.Ctx, Key("U1", "2024-W19"))
	if err != nil || !strings.Contains(row.Payload, "WAF") {
		t.Fatalf("got %+v, %v; want U1's digest (last one 2 weeks ago) to hold the 10-day-old thread", row, err)
	}
	if _, err := w.St.OutboxByKey(w.Ctx, Key("U3", "2024-W19")); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v; want no digest for U3, whose first window is a week", err)
	}
	// The preview plans the same window.
	pl, d, err := b.plans.Preview(w.Ctx, "U3", start)
	if err != nil || !pl.From.Equal(start.AddDate(0, 0, -7)) || !d.Empty() {
		t.Fatalf("got %+v, %v, empty %v; want U3's preview over one week, empty", pl, err, d.Empty())
	}
}

// A monthly digest goes out on the first of the community's weekday of each
// month, keyed by the month.
func TestMonthlyDigest(t *testing.T) {
	w := digesttest.NewWorld(t, utc("2024-05-06T00:00:00Z"))
	w.Seed()
	w.Do(func(tx *store.Tx) error { return tx.SetDigestFrequency(w.Ctx, "U3", "monthly") })
	b := newDigests(w, bot.Deps{}, digest.Options{Directory: w.Directory(digesttest.Community(8))})
	send := func(day string) {
		at := utc(day + "T09:00:00Z") // U3 is in UTC
		w.Now = at
		if err := b.Send(w.Ctx, hour(at)); err != nil {
			t.Fatal(err)
		}
	}
	send("2024-05-06") // May's first Monday
	send("2024-05-13")
	if _, err := w.St.OutboxByKey(w.Ctx, Key("U3", "2024-W20")); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v; want no weekly digest for a monthly member", err)
	}
	row, err := w.St.OutboxByKey(w.Ctx, Key("U3", "2024-05"))
	if err != nil || !strings.Contains(row.Payload, "(Apr 6 – May 6)") ||
		!strings.Contains(row.Payload, "*Your recent weeks*: 3 messages") {
		t.Fatalf("got %+v, %v; want U3's May digest, over the month before 6 May", row, err)
	}
	late := w.Post("C1", "U2", "", "Who has tried passkeys for the admin console?", utc("2024-05-28T10:00:00Z"))
	w.Post("C1", "U4", late, "We did, smooth so far.", utc("2024-05-28T11:00:00Z"))
	send("2024-06-03")
	row, err = w.St.OutboxByKey(w.Ctx, Key("U3", "2024-06"))
	if err != nil || !strings.Contains(row.Payload, "passkeys") || strings.Contains(row.Payload, "crypto") {
		t.Fatalf("got %+v, %v; want U3's June digest with May's news only", row, err)
	}
}

// The hourly job sends the model's summaries, in each member's language.
func TestJobSendsModelSummaries(t *testing.T) {
	w := digesttest.NewWorld(t, weekTo)
	w.Seed()
	m := digesttest.NewModel(t, func(rw http.ResponseWriter, thread []llm.Message) {
		digesttest.Answer(rw, fmt.Sprintf("Model summary of %d messages.", len(thread)))
	})
	dir := w.Directory(digesttest.Community(8))
	b := newDigests(w, bot.Deps{}, digest.Options{Directory: dir, Summarizer: m.Client(5*time.Second, 2)})
	at := utc("2024-05-06T09:00:00Z") // 09:00 for U2, U3, U9 (UTC)
	w.Now = at
	if err := b.Send(w.Ctx, hour(at)); err != nil {
		t.Fatal(err)
	}
	row, err := w.St.OutboxByKey(w.Ctx, Key("U2", "2024-W19"))
	if err != nil {
		t.Fatal(err)
	}
	var msg outbox.Message
	if err := json.Unmarshal([]byte(row.Payload), &msg); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg.Text, "Model summary of 2 messages.") {
		t.Fatalf("got %q, want the model's summary of U1's thread", msg.Text)
	}
}
