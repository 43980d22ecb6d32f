package command_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/digest"
	digestedge "praxis/bot/digest/slackedge"
	"praxis/bot/expert"
	"praxis/bot/expert/slackedge"
	"praxis/bot/home"
	homeedge "praxis/bot/home/slackedge"
	"praxis/bot/nudge"
	nudgeedge "praxis/bot/nudge/slackedge"
	"praxis/bot/outbox"
	"praxis/bot/privacy"
	privacyedge "praxis/bot/privacy/slackedge"
	"praxis/bot/report"
	"praxis/bot/report/deliver"
	"praxis/internal/testkit"
	"praxis/store"
)

// /praxis help in English and in French shows every verb of every route
// the capabilities register, as serve wires them (the first verb of each
// language: `/praxis statut`): a verb is listed by being registered, and a
// help line missing from the catalog, or not showing its verb, fails here.
func TestHelpListsEveryVerb(t *testing.T) {
	ctx := context.Background()
	clock := func() time.Time { return time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC) }
	st := testkit.Store(t, clock)
	sec, data := testkit.Community("sec", "C1"), testkit.Community("data", "C2")
	data.Language = "fr"
	dir := bot.NewDirectory([]bot.Community{sec, data}, testkit.Community(""), nil)
	d := bot.Deps{Now: clock}
	digests := digest.NewPlanner(digest.NewReader(st, d, digest.Options{Directory: dir}))
	routes := slices.Concat(
		slackedge.NewAsker(expert.New(st, d, expert.Options{}), st, dir, "", 3).Routes(),
		digestedge.NewPrefs(st, dir).Routes(),
		nudgeedge.NewPrefs().Routes(),
		deliver.NewCommand(st, dir, "", d).Routes(),
		privacyedge.NewCommands(privacy.New(st, d, privacy.Options{}), d).Routes(),
		homeedge.New(home.New(st, dir, d, home.Options{})).Routes(),
		deliver.NewButton(st, dir, report.NewSoFar(st, ""), d).Routes(),
		digestedge.NewPreview(digests, dir, d).Routes(),
		nudgeedge.NewPreview(nudge.New(st, dir, nudge.Options{}), dir, d).Routes())
	resp, err := command.New(st, dir, routes...)
	if err != nil {
		t.Fatal(err)
	}
	for lang, channel := range map[string]string{"en": "C1", "fr": "C2"} {
		id := "help-" + lang
		ev := bot.Event{ID: id, Kind: bot.KindCommand, User: "U1", Channel: channel,
			Command: bot.Command{Name: "/praxis", Text: "help"}}
		step, err := resp.Prepare(ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		testkit.Do(t, st, func(tx *store.Tx) error { return step.Run(ctx, tx) })
		row, err := st.OutboxByKey(ctx, "reply:"+id)
		if err != nil {
			t.Fatal(err)
		}
		var m outbox.Message
		if err := json.Unmarshal([]byte(row.Payload), &m); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range resp.Routes() {
			if len(r.Verbs) == 0 {
				continue
			}
			n++
			if verb := r.Verbs[lang][0]; !strings.Contains(m.Text, "`/praxis "+verb) {
				t.Errorf("%s: help lacks /praxis %s:\n%s", lang, verb, m.Text)
			}
		}
		if n < 12 {
			t.Errorf("%s: got %d routes with verbs, want every capability's and status and help", lang, n)
		}
	}
}
