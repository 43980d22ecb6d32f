package slackedge

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"praxis/bot"
	"praxis/bot/digest"
	"praxis/bot/digest/digesttest"
	"praxis/bot/outbox"
	"praxis/store"
)

func TestButtons(t *testing.T) {
	w := digesttest.NewWorld(t, weekTo)
	w.Seed()
	dir := w.Directory(digesttest.Community(8))
	b := newDigests(w, bot.Deps{}, digest.Options{Directory: dir})
	send := requests(t, w, dir)
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
		row, err := w.St.OutboxByKey(w.Ctx, "reply:"+id)
		if err != nil {
			return ""
		}
		var m outbox.Message
		json.Unmarshal([]byte(row.Payload), &m)
		return m.Text
	}
	click("e1", "U2", ActionMute+":1", "U1|C2") // someone else's digest
	if m, _ := w.St.MutedChannels(w.Ctx); len(m) != 0 || !strings.Contains(reply("e1"), "for the member") {
		t.Fatalf("got %v muted, reply %q; want nothing done for another member", m, reply("e1"))
	}
	// Forged values: a channel U2 is not in, one of no community, markup.
	for i, forged := range []string{"U2|C2", "U2|C99", "U2|<!channel>", "U2|C1> <!here"} {
		id := fmt.Sprintf("forged%d", i)
		click(id, "U2", ActionMute+":1", forged)
		if m, _ := w.St.MutedChannels(w.Ctx); len(m) != 0 || reply(id) != "" {
			t.Fatalf("%s: got %v muted, reply %q; want nothing stored or echoed", forged, m, reply(id))
		}
	}
	click("e2", "U1", ActionMute+":2", "U1|C2")
	if m, _ := w.St.MutedChannels(w.Ctx); !m["U1"]["C2"] || !strings.Contains(reply("e2"), "<#C2>") {
		t.Fatalf("got %v, reply %q; want C2 muted for U1", m, reply("e2"))
	}
	click("e3", "U4", ActionLess, "U4|weekly")
	click("e4", "U1", ActionUnsubscribe, "U1|off")
	p, _ := w.St.DigestPrefs(w.Ctx)
	if p["U4"].Frequency != "weekly" || p["U1"].Frequency != "off" || !strings.Contains(reply("e3"), "chaque semaine") {
		t.Fatalf("got %+v, reply %q", p, reply("e3"))
	}
	click("e6", "U4", ActionLess, "U4|monthly")
	p, _ = w.St.DigestPrefs(w.Ctx)
	if p["U4"].Frequency != "monthly" || !strings.Contains(reply("e6"), "chaque mois, le premier lundi") {
		t.Fatalf("got %+v, reply %q; want U4 monthly on the first Monday", p["U4"], reply("e6"))
	}
	due, _ := b.plans.Due(w.Ctx, hour(utc("2024-05-06T07:00:00Z")))
	for _, d := range due {
		if d.Member == "U1" {
			t.Fatal("got U1 due after unsubscribing")
		}
	}
	click("e5", "U1", ActionUnsubscribe, "garbage")
	if _, err := w.St.OutboxByKey(w.Ctx, "reply:e5"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want a tampered value ignored", err)
	}
	// The rendered buttons carry these ids and values.
	d, _ := b.reader.Build(w.Ctx, "U4", weekFrom, weekTo)
	raw, _ := json.Marshal(Blocks(d, "daily"))
	for _, s := range []string{
		`"digest_less"`, `"U4|weekly"`, `"digest_mute:1"`, `"U4|C`, `"digest_unsubscribe"`, `"U4|off"`,
	} {
		if !strings.Contains(string(raw), s) {
			t.Errorf("blocks lack %s: %s", s, raw)
		}
	}
	// Weekly: less often is monthly; monthly: no less often.
	if raw, _ := json.Marshal(Blocks(d, "weekly")); !strings.Contains(string(raw), `"U4|monthly"`) {
		t.Errorf("weekly blocks lack less often → monthly: %s", raw)
	}
	if raw, _ := json.Marshal(Blocks(d, "monthly")); strings.Contains(string(raw), `"digest_less"`) {
		t.Errorf("monthly blocks offer less often: %s", raw)
	}
}

// /praxis digest off|on|daily|weekly sets the member's own frequency, and
// says so where it was typed, to the member alone, as every setting does;
// what follows the verb that is no frequency gets the unknown-command
// answer, and changes nothing.
func TestCommand(t *testing.T) {
	w := digesttest.NewWorld(t, weekTo)
	dir := w.Directory()
	send := requests(t, w, dir)
	frequency := func() string {
		p, _ := w.St.DigestPrefs(w.Ctx)
		return p["U1"].Frequency
	}
	for i, tc := range []struct{ text, want string }{
		{"digest daily", "daily"}, {"résumé hebdo", "weekly"}, {"digest off", "off"}, {"digest on", ""},
		{"DIGEST   Daily ", "daily"},
	} {
		id := "c" + string(rune('0'+i))
		send(bot.Event{ID: id, Kind: bot.KindCommand, User: "U1", Channel: "C1",
			Command: bot.Command{Name: "/praxis", Text: tc.text}})
		row, err := w.St.OutboxByKey(w.Ctx, "reply:"+id)
		if got := frequency(); got != tc.want || err != nil || row.Method != outbox.PostEphemeral ||
			row.ChannelID != "C1" {
			t.Errorf("%q: got frequency %q, reply %+v (%v); want %q, answered in C1 to U1 alone", tc.text, got, row,
				err, tc.want)
		}
	}
	for i, text := range []string{"digest", "digest sometimes", "digest daily weekly"} {
		id := "x" + string(rune('0'+i))
		send(bot.Event{ID: id, Kind: bot.KindDirect, User: "U1", Channel: "D1", Text: text})
		row, err := w.St.OutboxByKey(w.Ctx, "reply:"+id)
		if got := frequency(); got != "daily" || err != nil || !strings.Contains(row.Payload, "know the command") {
			t.Errorf("%q: got frequency %q, reply %+v (%v); want daily kept, the unknown-command answer", text, got,
				row, err)
		}
	}
}
