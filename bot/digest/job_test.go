package digest

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"praxis/bot"
	"praxis/bot/metrics"
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
	m := metrics.New()
	b := New(w.st, bot.Deps{Metrics: m}, Options{Directory: w.directory(community(8))})
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
	if got := testutil.ToFloat64(m.Digests.WithLabelValues("sent")); got != float64(len(want)) {
		t.Errorf("praxis_digests_total{outcome=\"sent\"} = %v, want %d", got, len(want))
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
	b := New(w.st, bot.Deps{}, Options{Directory: w.directory(community(8))})
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
	dir := w.directory(community(8))
	b := New(w.st, bot.Deps{}, Options{Directory: dir})
	send := w.requests(dir, b)
	click := func(id, user, name, value string) {
		t.Helper()
		send(bot.Event{
			ID:      id,
			Kind:    bot.KindAction,
			User:    user,
			Channel: "D1",
			Command: bot.Command{Name: name, Value: value},
		})
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
	// Forged values: a channel U2 is not in, one of no community, markup.
	for i, forged := range []string{"U2|C2", "U2|C99", "U2|<!channel>", "U2|C1> <!here"} {
		id := fmt.Sprintf("forged%d", i)
		click(id, "U2", ActionMute+":1", forged)
		if m, _ := w.st.MutedChannels(w.ctx); len(m) != 0 || reply(id) != "" {
			t.Fatalf("%s: got %v muted, reply %q; want nothing stored or echoed", forged, m, reply(id))
		}
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
	click("e6", "U4", ActionLess, "U4|monthly")
	p, _ = w.st.DigestPrefs(w.ctx)
	if p["U4"].Frequency != "monthly" || !strings.Contains(reply("e6"), "chaque mois, le premier lundi") {
		t.Fatalf("got %+v, reply %q; want U4 monthly on the first Monday", p["U4"], reply("e6"))
	}
	due, _ := b.plans(w.ctx, hour(utc("2024-05-06T07:00:00Z")), "")
	for _, d := range due {
		if d.Member == "U1" {
			t.Fatal("got U1 due after unsubscribing")
		}
	}
	click("e5", "U1", ActionUnsubscribe, "garbage")
	if _, err := w.st.OutboxByKey(w.ctx, "reply:e5"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want a tampered value ignored", err)
	}
	// The rendered buttons carry these ids and values.
	d, _ := b.Build(w.ctx, "U4", weekFrom, weekTo)
	raw, _ := json.Marshal(d.Blocks("daily"))
	for _, s := range []string{
		`"digest_less"`, `"U4|weekly"`, `"digest_mute:1"`, `"U4|C`, `"digest_unsubscribe"`, `"U4|off"`,
	} {
		if !strings.Contains(string(raw), s) {
			t.Errorf("blocks lack %s: %s", s, raw)
		}
	}
	// Weekly: less often is monthly; monthly: no less often.
	if raw, _ := json.Marshal(d.Blocks("weekly")); !strings.Contains(string(raw), `"U4|monthly"`) {
		t.Errorf("weekly blocks lack less often → monthly: %s", raw)
	}
	if raw, _ := json.Marshal(d.Blocks("monthly")); strings.Contains(string(raw), `"digest_less"`) {
		t.Errorf("monthly blocks offer less often: %s", raw)
	}
}

// A digest's window starts at the member's last digest: after a fortnight
// without one, a thread of ten days ago is still news to them, and not to a
// member who never had a digest (a week back).
func TestWindowSinceLastDigest(t *testing.T) {
	start := utc("2024-05-06T07:00:00Z") // Monday, 09:00 in Paris
	w := newWorld(t, start.AddDate(0, 0, -14))
	w.member("U1", "Europe/Paris", "en-US", "C1")
	w.member("U3", "Europe/Paris", "en-US", "C1")
	w.do(func(tx *store.Tx) error {
		return tx.RecordDigestItems(w.ctx, "U1", "2024-W17", []string{"thread:C1:old"})
	})
	old := w.post("C1", "U2", "", "Which WAF do you run in front of the API gateway?", start.AddDate(0, 0, -10))
	w.post("C1", "U4", old, "We use the managed one, rules tuned weekly.", start.AddDate(0, 0, -10).Add(time.Hour))
	w.now = start
	b := New(w.st, bot.Deps{}, Options{Directory: w.directory(community(8))})
	if err := b.Send(w.ctx, hour(start)); err != nil {
		t.Fatal(err)
	}
	row, err := w.st.OutboxByKey(w.ctx, Key("U1", "2024-W19"))
	if err != nil || !strings.Contains(row.Payload, "WAF") {
		t.Fatalf("got %+v, %v; want U1's digest (last one 2 weeks ago) to hold the 10-day-old thread", row, err)
	}
	if _, err := w.st.OutboxByKey(w.ctx, Key("U3", "2024-W19")); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v; want no digest for U3, whose first window is a week", err)
	}
	// The preview plans the same window.
	pl, d, err := b.Preview(w.ctx, "U3", start)
	if err != nil || !pl.From.Equal(start.AddDate(0, 0, -7)) || !d.Empty() {
		t.Fatalf("got %+v, %v, empty %v; want U3's preview over one week, empty", pl, err, d.Empty())
	}
}

func TestWindow(t *testing.T) {
	at := utc("2024-05-06T07:00:00Z")
	for _, c := range []struct {
		freq string
		last time.Time
		from time.Time
	}{
		{"weekly", time.Time{}, at.AddDate(0, 0, -7)},
		// sent a little late last week: its hour
		{"weekly", at.AddDate(0, 0, -7).Add(5 * time.Minute), at.AddDate(0, 0, -7)},
		// DST moved the local hour in UTC
		{"weekly", at.AddDate(0, 0, -7).Add(-time.Hour), at.AddDate(0, 0, -7).Add(-time.Hour)},
		{"weekly", at.AddDate(0, 0, -14), at.AddDate(0, 0, -14)},
		{"weekly", at.AddDate(-1, 0, 0), at.AddDate(0, 0, -28)},    // four weeks at most
		{"weekly", at.Add(10 * time.Minute), at.AddDate(0, 0, -7)}, // sent in this very hour: a period back
		{"daily", at.AddDate(0, 0, -3), at.AddDate(0, 0, -3)},
		{"monthly", time.Time{}, at.AddDate(0, -1, 0)},
		{"monthly", utc("2024-04-01T07:00:00Z"), utc("2024-04-01T07:00:00Z")}, // 35 days: all of them
	} {
		if from := window(c.freq, at, c.last); !from.Equal(c.from) {
			t.Errorf("window(%s, last %v) starts %v, want %v", c.freq, c.last, from, c.from)
		}
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	for _, c := range []struct {
		freq  string
		start time.Time
		want  time.Duration
	}{
		{"monthly", time.Date(2024, 5, 6, 9, 0, 0, 0, paris), 28 * 24 * time.Hour}, // to Monday 3 June
		{"monthly", time.Date(2024, 4, 1, 9, 0, 0, 0, paris), 35 * 24 * time.Hour}, // to Monday 6 May
		{"weekly", time.Date(2024, 4, 8, 9, 0, 0, 0, paris), 7 * 24 * time.Hour},
		{"weekly", time.Date(2024, 3, 25, 9, 0, 0, 0, paris), 7*24*time.Hour - time.Hour}, // to 09:00 local after DST starts
		{"daily", time.Date(2024, 3, 30, 9, 0, 0, 0, paris), 23 * time.Hour},              // DST starts that night
	} {
		if got := ahead(c.freq, c.start); got != c.want {
			t.Errorf("ahead(%s, %v) = %v, want %v", c.freq, c.start, got, c.want)
		}
	}
}

// A monthly digest goes out on the first of the community's weekday of each
// month, keyed by the month.
func TestMonthlyDigest(t *testing.T) {
	w := newWorld(t, utc("2024-05-06T00:00:00Z"))
	w.seed()
	w.do(func(tx *store.Tx) error { return tx.SetDigestFrequency(w.ctx, "U3", "monthly") })
	b := New(w.st, bot.Deps{}, Options{Directory: w.directory(community(8))})
	send := func(day string) {
		at := utc(day + "T09:00:00Z") // U3 is in UTC
		w.now = at
		if err := b.Send(w.ctx, hour(at)); err != nil {
			t.Fatal(err)
		}
	}
	send("2024-05-06") // May's first Monday
	send("2024-05-13")
	if _, err := w.st.OutboxByKey(w.ctx, Key("U3", "2024-W20")); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v; want no weekly digest for a monthly member", err)
	}
	row, err := w.st.OutboxByKey(w.ctx, Key("U3", "2024-05"))
	if err != nil || !strings.Contains(row.Payload, "(Apr 6 – May 6)") ||
		!strings.Contains(row.Payload, "*Your recent weeks*: 3 messages") {
		t.Fatalf("got %+v, %v; want U3's May digest, over the month before 6 May", row, err)
	}
	late := w.post("C1", "U2", "", "Who has tried passkeys for the admin console?", utc("2024-05-28T10:00:00Z"))
	w.post("C1", "U4", late, "We did, smooth so far.", utc("2024-05-28T11:00:00Z"))
	send("2024-06-03")
	row, err = w.st.OutboxByKey(w.ctx, Key("U3", "2024-06"))
	if err != nil || !strings.Contains(row.Payload, "passkeys") || strings.Contains(row.Payload, "crypto") {
		t.Fatalf("got %+v, %v; want U3's June digest with May's news only", row, err)
	}
}

// Coming up: the rituals of the member's channels before their next
// digest, at their local time, the host of office hours named; a muted
// channel's left out.
func TestUpcomingRituals(t *testing.T) {
	w := newWorld(t, weekTo)
	w.seed()
	paris, _ := time.LoadLocation("Europe/Paris")
	rituals := community(8)
	rituals.Loc, rituals.Rituals = paris, []bot.Ritual{
		{Kind: bot.RitualOfficeHours, Spec: "0 14 * * THU", ChannelID: "C1", Hosts: []string{"U7", "U8"}},
		{Kind: bot.RitualShowAndTell, Spec: "0 16 * * FRI", ChannelID: "C2"},
		// monthly: not this week
		{Kind: bot.RitualQuestionOfTheWeek, Spec: "0 10 1 * *", ChannelID: "C1", Questions: []string{"?"}},
	}
	b := New(w.st, bot.Deps{}, Options{Directory: w.directory(rituals)})
	d, err := b.Build(w.ctx, "U4", weekFrom, weekTo) // New York, French
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Upcoming) != 2 || d.Upcoming[0].Kind != bot.RitualOfficeHours ||
		d.Upcoming[1].Kind != bot.RitualShowAndTell {
		t.Fatalf("got %+v, want office hours then show & tell", d.Upcoming)
	}
	host := d.Upcoming[0].Host
	// 14:00 in Paris on Thursday 9 May is 08:00 in New York.
	officeHours := "jeu. 9 mai, 08:00 — Permanence dans <#C1>, animée par <@" + host + ">"
	if txt := d.Text(); !strings.Contains(txt, "*À venir*") || !strings.Contains(txt, officeHours) {
		t.Fatalf("got %s", txt)
	}
	w.do(func(tx *store.Tx) error { return tx.MuteChannel(w.ctx, "U4", "C2") })
	if d, _ := b.Build(w.ctx, "U4", weekFrom, weekTo); len(d.Upcoming) != 1 {
		t.Fatalf("got %+v; want the muted #crypto's show & tell left out", d.Upcoming)
	}
	if d, _ := b.Build(w.ctx, "U2", weekFrom, weekTo); len(d.Upcoming) != 1 || d.Upcoming[0].ChannelID != "C1" {
		t.Fatalf("got %+v; U2 is only in #security", d.Upcoming)
	}
	// Rituals alone make no digest.
	w2 := newWorld(t, weekTo)
	w2.member("U5", "UTC", "", "C1")
	b2 := New(w2.st, bot.Deps{}, Options{Directory: w2.directory(rituals)})
	if d, _ := b2.Build(w2.ctx, "U5", weekFrom, weekTo); len(d.Upcoming) == 0 || !d.Empty() {
		t.Fatalf("got %+v; want upcoming rituals but an empty digest", d)
	}
}
