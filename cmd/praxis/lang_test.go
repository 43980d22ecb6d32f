package main

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	digestedge "praxis/bot/digest/slackedge"
	"praxis/bot/dispatch"
	"praxis/bot/expert"
	"praxis/bot/expert/slackedge"
	"praxis/bot/home"
	homeedge "praxis/bot/home/slackedge"
	nudgeedge "praxis/bot/nudge/slackedge"
	"praxis/bot/outbox"
	"praxis/bot/privacy"
	privacyedge "praxis/bot/privacy/slackedge"
	"praxis/bot/record"
	"praxis/internal/testkit"
	"praxis/store"
)

// A member of a French community who has no Slack locale (an imported
// reader, a profile not synced yet) and chose no language reads French
// everywhere Praxis speaks to them, in a DM too, where no channel tells:
// one rule (bot.Directory.Pick), as app.New wires it.
func TestAFrenchCommunityMemberReadsFrench(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	st := testkit.Store(t, clock)
	testkit.Member(t, st, store.Member{ID: "U05", Name: "elise"}, "C03")
	sec, data := testkit.Community("Security guild", "C01"), testkit.Community("Data guild", "C03")
	data.Language = "fr"
	comms := bot.NewDirectory([]bot.Community{sec, data}, testkit.Community(""), record.People(st))
	if err := record.SyncCommunities(ctx, st, comms.Communities()); err != nil {
		t.Fatal(err)
	}

	asker := slackedge.NewAsker(expert.New(st, bot.Deps{Now: clock}, expert.Options{}), st, comms, "", 3)
	homeTab := homeedge.New(home.New(st, comms, bot.Deps{Now: clock}, home.Options{}))
	priv := privacyedge.NewCommands(privacy.New(st, bot.Deps{Now: clock}, privacy.Options{}), bot.Deps{Now: clock})
	digests := digestedge.NewPrefs(st, comms)
	resp, err := command.New(st, comms, slices.Concat(asker.Routes(), digests.Routes(), nudgeedge.NewPrefs().Routes(),
		priv.Routes(), homeTab.Routes())...)
	if err != nil {
		t.Fatal(err)
	}
	requests := dispatch.NewThrottle(dispatch.Chain{resp, homeTab}, comms, bot.Deps{Now: clock})

	dm := func(id string, kind bot.Kind, c bot.Command) bot.Event {
		return bot.Event{ID: id, Kind: kind, User: "U05", Channel: "D05", ChannelType: "im", Command: c}
	}
	for _, c := range []struct {
		what string
		ev   bot.Event
		key  string // of the answer in the outbox
		want string // a French phrase of it
	}{
		{"help", dm("E1", bot.KindCommand, bot.Command{Name: "/praxis", Text: "help"}), "reply:E1",
			"fait vivre votre communauté"},
		{"expert", dm("E2", bot.KindCommand, bot.Command{Name: "/praxis", Text: "expert"}), "reply:E2",
			"Posez-moi une question"},
		{"nudge opt-out", dm("E3", bot.KindAction, bot.Command{Name: nudgeedge.ActionOff, Value: "off"}), "reply:E3",
			"C'est noté"},
		{"digest button", dm("E4", bot.KindAction, bot.Command{Name: digestedge.ActionLess, Value: "U05|weekly"}), "reply:E4",
			"C'est fait"},
		{"privacy button", dm("E5", bot.KindAction, bot.Command{Name: privacyedge.ActionCancel, Value: "U05|1"}), "reply:E5",
			"Rien n'a été effacé"},
		{"Home", bot.Event{ID: "E6", Kind: bot.KindHomeOpened, User: "U05"}, "home:E6", "Vos communautés"},
	} {
		step, err := requests.Prepare(ctx, c.ev)
		if err != nil || step == nil {
			t.Fatalf("%s: got %v, %v; want a step", c.what, step, err)
		}
		testkit.Do(t, st, func(tx *store.Tx) error { return step.Run(ctx, tx) })
		if got := outText(t, st, c.key); !strings.Contains(got, c.want) {
			t.Errorf("%s: got %q, want French (%q)", c.what, got, c.want)
		}
	}
	// Over the limit: the "slow down" message.
	for i := range dispatch.ThrottleBurst + 1 {
		ev := dm("F"+string(rune('a'+i)), bot.KindCommand, bot.Command{Name: "/praxis", Text: "help"})
		step, err := requests.Prepare(ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		testkit.Do(t, st, func(tx *store.Tx) error { return step.Run(ctx, tx) })
	}
	if got := outText(t, st, "slow:U05:"); !strings.Contains(got, "Vos demandes arrivent plus vite") {
		t.Errorf("slow down: got %q, want French", got)
	}
}

// outText is the text of the outbox message whose key starts with key, or
// the raw payload when it has none (a view).
func outText(t *testing.T, st *store.Store, key string) string {
	t.Helper()
	rows, err := st.OutboxLatest(context.Background(), key, 1)
	if err != nil || len(rows) == 0 {
		t.Fatalf("no message %s: %v", key, err)
	}
	var m outbox.Message
	if json.Unmarshal([]byte(rows[0].Payload), &m) != nil || m.Text == "" {
		return rows[0].Payload
	}
	return m.Text
}
