package digest

import (
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/digest/digesttest"
	"praxis/bot/ritual"
	"praxis/store"
)

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

// Coming up: the rituals of the member's channels before their next
// digest, at their local time, the host of office hours named; a muted
// channel's left out.
func TestUpcomingRituals(t *testing.T) {
	w := digesttest.NewWorld(t, weekTo)
	w.Seed()
	paris, _ := time.LoadLocation("Europe/Paris")
	rituals := digesttest.Community(8)
	rituals.Loc, rituals.Rituals = paris, []bot.Ritual{
		{Kind: bot.RitualOfficeHours, Spec: "0 14 * * THU", ChannelID: "C1", Hosts: []string{"U7", "U8"}},
		{Kind: bot.RitualShowAndTell, Spec: "0 16 * * FRI", ChannelID: "C2"},
		// monthly: not this week
		{Kind: bot.RitualQuestionOfTheWeek, Spec: "0 10 1 * *", ChannelID: "C1", Questions: []string{"?"}},
	}
	b := NewReader(w.St, bot.Deps{}, Options{Directory: w.Directory(rituals)})
	d, err := b.Build(w.Ctx, "U4", weekFrom, weekTo) // New York, French
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
	w.Do(func(tx *store.Tx) error { return tx.MuteChannel(w.Ctx, "U4", "C2") })
	if d, _ := b.Build(w.Ctx, "U4", weekFrom, weekTo); len(d.Upcoming) != 1 {
		t.Fatalf("got %+v; want the muted #crypto's show & tell left out", d.Upcoming)
	}
	if d, _ := b.Build(w.Ctx, "U2", weekFrom, weekTo); len(d.Upcoming) != 1 || d.Upcoming[0].ChannelID != "C1" {
		t.Fatalf("got %+v; U2 is only in #security", d.Upcoming)
	}
	// Rituals alone make no digest.
	w2 := digesttest.NewWorld(t, weekTo)
	w2.Member("U5", "UTC", "", "C1")
	b2 := NewReader(w2.St, bot.Deps{}, Options{Directory: w2.Directory(rituals)})
	if d, _ := b2.Build(w2.Ctx, "U5", weekFrom, weekTo); len(d.Upcoming) == 0 || !d.Empty() {
		t.Fatalf("got %+v; want upcoming rituals but an empty digest", d)
	}
}

// The recognition ritual is coming up as the month's thanks, not as an
// unnamed ritual.
func TestRecognitionComingUp(t *testing.T) {
	s := ritual.Session{Kind: bot.RitualRecognition, ChannelID: "C1"}
	for lang, want := range map[string]string{"en": "The month's thanks to its helpers in <#C1>",
		"fr": "Les remerciements du mois à celles et ceux qui ont aidé, dans <#C1>"} {
		if got := sessionLine(lang, s); got != want {
			t.Errorf("%s: got %q, want %q", lang, got, want)
		}
	}
}
