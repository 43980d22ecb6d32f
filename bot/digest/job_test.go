package digest

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/outbox"
	"praxis/bot/schedule"
	"praxis/store"
)

func hour(at time.Time) schedule.Period {
	return schedule.Period{Key: at.Format(time.RFC3339), At: at, Prev: at.Add(-time.Hour)}
}

// The hourly job sends each member's weekly digest once, in the UTC hour
// where 09:00 begins in their own zone on Monday, whatever runs again.
func TestJobSendsOncePerPeriodAtLocalHour(t *testing.T) {
	w := newWorld(t, utc("2024-05-06T00:00:00Z"))
	w.seed()
	b := New(w.st, Options{Communities: []Community{community(8)}})
	sentAt := map[string]string{}
	monday := utc("2024-05-06T00:00:00Z")
	for pass := 0; pass < 2; pass++ { // a second pass (restart, replica) sends nothing more
		for h := 0; h < 48; h++ {
			at := monday.Add(time.Duration(h) * time.Hour)
			w.now = at
			if err := b.Send(w.ctx, hour(at)); err != nil {
				t.Fatal(err)
			}
			for _, m := range []string{"U1", "U2", "U3", "U4", "U9"} {
				if _, err := w.st.OutboxByKey(w.ctx, Key(m, "2024-W19")); err == nil && sentAt[m] == "" {
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
	counts, _ := w.st.OutboxCounts(w.ctx)
	if counts["pending"] != len(want) {
		t.Fatalf("got %v, want %d digests once each", counts, len(want))
	}
	row, _ := w.st.OutboxByKey(w.ctx, Key("U4", "2024-W19"))
	var msg outbox.Message
	if err := json.Unmarshal([]byte(row.Payload), &msg); err != nil || row.ChannelID != "U4" {
		t.Fatalf("got %+v, %v", row, err)
	}
	if !strings.Contains(msg.Text, "Votre résumé Praxis") || !strings.Contains(string(msg.Blocks), ActionUnsubscribe) {
		t.Fatalf("got %q, want U4's digest in French with its buttons", msg.Text)
	}
	sent, _ := w.st.DigestItemsSent(w.ctx, time.Time{})
	if len(sent["U1"]) != 4 {
		t.Fatalf("got %v, want U1's four items recorded", sent["U1"])
	}
}

// A daily member gets one a day, at their hour; an unsubscribed one none.
func TestJobFrequencies(t *testing.T) {
	w := newWorld(t, utc("2024-05-07T00:00:00Z"))
	w.seed()
	w.do(func(tx *store.Tx) error {
		if err := tx.SetDigestFrequency(w.ctx, "U2", "daily"); err != nil {
			return err
		}
		if err := tx.SetDigestHour(w.ctx, "U2", 6); err != nil {
			return err
		}
		return tx.SetDigestFrequency(w.ctx, "U9", "off")
	})
	b := New(w.st, Options{Communities: []Community{community(8)}})
	// Tuesday: no weekly digest; U2's daily one if the last day had news.
	meetup := w.post("C2", "U3", "", "Anyone at the crypto meetup?", utc("2024-05-06T12:00:00Z"))
	w.post("C2", "U4", meetup, "I'll be there", utc("2024-05-06T13:00:00Z"))
	w.member("U2", "UTC", "", "C1", "C2")
	tue := utc("2024-05-07T00:00:00Z")
	for h := 0; h < 24; h++ {
		if err := b.Send(w.ctx, hour(tue.Add(time.Duration(h)*time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	counts, _ := w.st.OutboxCounts(w.ctx)
	if _, err := w.st.OutboxByKey(w.ctx, Key("U2", "2024-05-07")); err != nil || counts["pending"] != 1 {
		t.Fatalf("got %v, %v; want U2's daily digest only", counts, err)
	}
}

func TestButtons(t *testing.T) {
	w := newWorld(t, weekTo)
	w.seed()
	b := New(w.st, Options{Communities: []Community{community(8)}})
	click := func(id, user, name, value string) {
		t.Helper()
		ev := bot.Event{ID: id, Kind: bot.KindAction, User: user, Channel: "D1", Command: bot.Command{Name: name, Value: value}}
		w.do(func(tx *store.Tx) error { return b.Apply(w.ctx, ev, tx) })
	}
	reply := func(id string) string {
		t.Helper()
		row, err := w.st.OutboxByKey(w.ctx, "reply:"+id)
		if err != nil {
			return ""
		}
		var m outbox.Message
		json.Unmarshal([]byte(row.Payload), &m)
		return m.Text
	}
	click("e1", "U2", ActionMute+":1", "U1|C2") // someone else's digest
	if m, _ := w.st.MutedChannels(w.ctx); len(m) != 0 || !strings.Contains(reply("e1"), "for the member") {
		t.Fatalf("got %v muted, reply %q; want nothing done for another member", m, reply("e1"))
	}
	click("e2", "U1", ActionMute+":2", "U1|C2")
	if m, _ := w.st.MutedChannels(w.ctx); !m["U1"]["C2"] || !strings.Contains(reply("e2"), "<#C2>") {
		t.Fatalf("got %v, reply %q; want C2 muted for U1", m, reply("e2"))
	}
	click("e3", "U4", ActionLess, "U4|weekly")
	click("e4", "U1", ActionUnsubscribe, "U1|off")
	p, _ := w.st.DigestPrefs(w.ctx)
	if p["U4"].Frequency != "weekly" || p["U1"].Frequency != "off" || !strings.Contains(reply("e3"), "chaque semaine") {
		t.Fatalf("got %+v, reply %q", p, reply("e3"))
	}
	due, _ := b.dueIn(w.ctx, hour(utc("2024-05-06T07:00:00Z")))
	for _, d := range due {
		if d.member == "U1" {
			t.Fatal("got U1 due after unsubscribing")
		}
	}
	click("e5", "U1", ActionUnsubscribe, "garbage")
	if _, err := w.st.OutboxByKey(w.ctx, "reply:e5"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want a tampered value ignored", err)
	}
	// The rendered buttons carry these ids and values.
	d, _ := b.Build(w.ctx, "U4", weekFrom, weekTo)
	raw, _ := json.Marshal(d.Blocks(true))
	for _, s := range []string{`"digest_less"`, `"U4|weekly"`, `"digest_mute:1"`, `"U4|C`, `"digest_unsubscribe"`, `"U4|off"`} {
		if !strings.Contains(string(raw), s) {
			t.Errorf("blocks lack %s: %s", s, raw)
		}
	}
}
