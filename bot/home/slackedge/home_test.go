package slackedge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/digest"
	digestedge "praxis/bot/digest/slackedge"
	"praxis/bot/dispatch"
	"praxis/bot/expert"
	"praxis/bot/home"
	"praxis/bot/nudge"
	nudgeedge "praxis/bot/nudge/slackedge"
	"praxis/bot/outbox"
	"praxis/bot/question"
	"praxis/bot/record"
	"praxis/bot/report"
	"praxis/bot/report/deliver"
	"praxis/internal/testkit"
	"praxis/store"
)

// world: alice (U01, French Slack locale) facilitates Security (#security,
// #ops); bob (U02) facilitates Data (#data, in French); chloé (U03) is in
// Security with no locale. Bob asked about vault tokens two days ago;
// alice answered, bob ticked her answer and thanked her.
type world struct {
	t     *testing.T
	ctx   context.Context
	st    *store.Store
	comms *bot.Directory
	// requests are the Home and its routes, as app.New wires them: the tab
	// opened to the Home, its actions through the command routes.
	requests dispatch.Handler
	eng      *expert.Engine // follows the store's commits, as app.New wires it
	now      time.Time
	n        int
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "praxis.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := &world{t: t, ctx: ctx, st: st, now: time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC)}
	sec, data := testkit.Community("Security"), testkit.Community("Data")
	sec.Channels = []bot.Channel{{ID: "C01", Name: "security"}, {ID: "C02", Name: "ops"}}
	sec.Facilitators, sec.Topics = []string{"U01"}, []string{"vault"}
	data.Channels, data.Language, data.Facilitators = []bot.Channel{{ID: "C03", Name: "data"}}, "fr", []string{"U02"}
	cs := []bot.Community{sec, data}
	if err := record.SyncCommunities(ctx, st, cs); err != nil {
		t.Fatal(err)
	}
	w.comms = bot.NewDirectory(cs, testkit.Community(""), record.People(st))
	members := []store.Member{
		{ID: "U01", Name: "alice", Locale: "fr-FR", TZ: "UTC"},
		{ID: "U02", Name: "bob", Locale: "en-US", TZ: "UTC"},
		{ID: "U03", Name: "chloe", TZ: "UTC"},
	}
	for _, m := range members {
		if err := st.PutMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	t0 := w.now.AddDate(0, 0, -2)
	w.do(func(tx *store.Tx) error {
		for _, m := range [][2]string{{"C01", "U01"}, {"C02", "U01"}, {"C01", "U02"}, {"C03", "U02"}, {"C01", "U03"}} {
			if err := tx.Membership(ctx, m[0], m[1], true, "", t0.AddDate(0, -1, 0)); err != nil {
				return err
			}
		}
		q := store.Message{
			ChannelID: "C01",
			TS:        ts(t0),
			ThreadTS:  ts(t0),
			UserID:    "U02",
			Text:      "How do I rotate the vault tokens?",
			PostedAt:  t0,
		}
		a := store.Message{
			ChannelID: "C01",
			TS:        ts(t0.Add(time.Hour)),
			ThreadTS:  q.TS,
			UserID:    "U01",
			Text:      "vault token renew, with the CI role",
			PostedAt:  t0.Add(time.Hour),
		}
		thx := store.Message{
			ChannelID: "C01",
			TS:        ts(t0.Add(2 * time.Hour)),
			ThreadTS:  q.TS,
			UserID:    "U02",
			Text:      "thanks, that works!",
			PostedAt:  t0.Add(2 * time.Hour),
		}
		for _, m := range []store.Message{q, a, thx} {
			if err := tx.PutMessage(ctx, m); err != nil {
				return err
			}
		}
		followed := store.Question{ChannelID: "C01", TS: q.TS, Asker: "U02", AskedAt: t0, Why: "question mark"}
		if err := tx.AddQuestion(ctx, followed, question.AcceptNames); err != nil {
			return err
		}
		return tx.AddReaction(ctx, store.Reaction{
			ChannelID: "C01",
			MessageTS: a.TS,
			UserID:    "U02",
			Name:      "white_check_mark",
			ItemUser:  "U01",
			At:        thx.PostedAt,
		})
	})
	clock := func() time.Time { return w.now }
	eng := expert.New(st, bot.Deps{Now: clock}, expert.Options{Communities: cs})
	st.OnCommit(eng.Committed)
	w.eng = eng
	if err := eng.Load(ctx); err != nil {
		t.Fatal(err)
	}
	d := bot.Deps{Now: clock}
	weeks := report.NewSoFar(st, "https://acme.slack.com")
	h := home.New(st, w.comms, d, home.Options{Experts: eng, Reports: weeks, NudgePreviews: true,
		TeamURL: "https://acme.slack.com"})
	w.requests = w.wire(New(h), weeks)
	return w
}

// wire is the requests as app.New wires them around a Home tab: the tab
// opened to it, its settings through the command routes, and its
// facilitators' buttons to the capabilities they concern.
func (w *world) wire(tab *Tab, weeks *report.SoFar) dispatch.Handler {
	w.t.Helper()
	d := bot.Deps{Now: func() time.Time { return w.now }}
	digests := digest.NewPlanner(digest.NewReader(w.st, bot.Deps{}, digest.Options{Directory: w.comms, Experts: w.eng}))
	nudger := nudge.New(w.st, w.comms, nudge.Options{})
	routes := slices.Concat(tab.Routes(), deliver.NewButton(w.st, w.comms, weeks, d).Routes(),
		digestedge.NewPreview(digests, w.comms, d).Routes(), nudgeedge.NewPreview(nudger, w.comms, d).Routes())
	resp, err := command.New(w.st, w.comms, routes...)
	if err != nil {
		w.t.Fatal(err)
	}
	return dispatch.Chain{resp, tab}
}

func ts(t time.Time) string { return fmt.Sprintf("%d.000100", t.Unix()) }

func (w *world) do(fn func(tx *store.Tx) error) {
	w.t.Helper()
	if err := w.st.Batch(w.ctx, fn); err != nil {
		w.t.Fatal(err)
	}
}

// errRolledBack ends a transaction whose writes are to be undone.
var errRolledBack = errors.New("rolled back")

// event runs an event through the requests as the dispatcher does: Prepare,
// then its step in a transaction (retried: twice, the first transaction
// rolled back, as when its batch fails and is retried event by event).
func (w *world) event(ev bot.Event, retried bool) bot.Event {
	w.t.Helper()
	w.n++
	ev.ID = fmt.Sprintf("ev%d", w.n)
	step, err := w.requests.Prepare(w.ctx, ev)
	if err != nil {
		w.t.Fatal(err)
	}
	if retried {
		err := w.st.Batch(w.ctx, func(tx *store.Tx) error {
			if err := step.Run(w.ctx, tx); err != nil {
				return err
			}
			return errRolledBack
		})
		if !errors.Is(err, errRolledBack) {
			w.t.Fatal(err)
		}
	}
	w.do(func(tx *store.Tx) error { return step.Run(w.ctx, tx) })
	return ev
}

func (w *world) open(user string) bot.Event {
	return w.event(bot.Event{Kind: bot.KindHomeOpened, Type: "app_home_opened", User: user, Channel: "D" + user}, false)
}

func (w *world) act(user, actionID, value string) bot.Event {
	cmd := bot.Command{Name: actionID, Value: value}
	return w.event(bot.Event{Kind: bot.KindAction, Type: "block_actions", User: user, Command: cmd}, false)
}

// home returns the view published for an event, and its text.
func (w *world) home(ev bot.Event) (outbox.Message, string) {
	w.t.Helper()
	row, err := w.st.OutboxByKey(w.ctx, "home:"+ev.ID)
	if err != nil {
		w.t.Fatalf("no Home published for %s: %v", ev.ID, err)
	}
	if row.Method != outbox.PublishView {
		w.t.Fatalf("got %s, want views.publish", row.Method)
	}
	var m outbox.Message
	if err := json.Unmarshal([]byte(row.Payload), &m); err != nil {
		w.t.Fatal(err)
	}
	return m, strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(m.View))
}

func (w *world) published(ev bot.Event) bool {
	_, err := w.st.OutboxByKey(w.ctx, "home:"+ev.ID)
	return err == nil
}

func (w *world) dm(ev bot.Event) string {
	w.t.Helper()
	row, err := w.st.OutboxByKey(w.ctx, "home:dm:"+ev.ID)
	if err != nil {
		w.t.Fatalf("no direct message for %s: %v", ev.ID, err)
	}
	var m outbox.Message
	if err := json.Unmarshal([]byte(row.Payload), &m); err != nil || row.ChannelID != ev.User {
		w.t.Fatalf("got %+v, %v; want a DM to %s", row, err, ev.User)
	}
	return m.Text
}

func contains(t *testing.T, what, got string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(got, s) {
			t.Errorf("%s: %q not in it:\n%.3000s", what, s, got)
		}
	}
}

func TestHomeOpened(t *testing.T) {
	for _, retried := range []bool{false, true} {
		t.Run(fmt.Sprintf("retried=%v", retried), func(t *testing.T) {
			w := newWorld(t)
			ev := w.event(bot.Event{Kind: bot.KindHomeOpened, User: "U01", Channel: "DU01"}, retried)
			m, view := w.home(ev)
			if m.User != "U01" {
				t.Fatalf("got the Home of %q, want alice's", m.User)
			}
			contains(t, "alice's Home", view, "Votre semaine", `*Contributions*\n1`, `*Réactions reçues*\n1`,
				`*Réponses acceptées*\n1`, `*Remerciements reçus*\n1`, "*vault* · Security", "a répondu à une question",
				"https://acme.slack.com/archives/C01/p", "Les communautés que vous animez", "*Security* : la semaine en cours",
				command.ActionReport+":0", command.ActionPreviewNudges+":0", "<#C01>, <#C02>",
				// Her help this quarter: bob's question, which he ticked and thanked her for.
				"Votre aide ce trimestre", `*Questions répondues*\n1`, `*Réponses remerciées*\n1`, `*Personnes aidées*\n1`,
				"• *Security* : 1 question répondue, 1 réponse acceptée, 1 remerciement, 1 personne aidée",
				"Depuis début octobre", "*Me citer dans les remerciements du mois* : oui")
			dataQuestion := strings.Contains(view, "How do I rotate") && !strings.Contains(view, "Questions en attente")
			if strings.Contains(view, "*Data*") || dataQuestion {
				t.Errorf("got %s\nwant Security's figures only", view)
			}
		})
	}
	w := newWorld(t)
	// Chloé has no locale: her community's language (English); she
	// facilitates nothing and did nothing.
	_, view := w.home(w.open("U03"))
	contains(t, "chloé's Home", view, "Your week", `*Contributions*\n0`, "Nothing yet",
		"Your help this quarter", "Nothing yet this quarter.")
	if strings.Contains(view, "as facilitator") || strings.Contains(view, command.ActionReport) {
		t.Errorf("got a facilitator's section for chloé:\n%s", view)
	}
	// Bob, English, facilitates Data only.
	_, view = w.home(w.open("U02"))
	contains(t, "bob's Home", view, "Your week", `*Contributions*\n2`, "*Data*: this week so far")
	if strings.Contains(view, "*Security*: this week") {
		t.Errorf("got Security's figures on bob's Home:\n%s", view)
	}
	// Not a Home event, or no user: nothing.
	others := []bot.Event{
		{Kind: bot.KindHomeOpened},
		{Kind: bot.KindAction, User: "U01", Command: bot.Command{Name: "digest_mute", Value: "U01|C01"}},
		{Kind: bot.KindMessage, User: "U01"},
	}
	for _, ev := range others {
		if ev := w.event(ev, false); w.published(ev) {
			t.Errorf("%+v: got a Home published", ev)
		}
	}
}

// Each setting changes the acting member's own choice only, is published
// at once, and an unusable value changes nothing.
func TestToggles(t *testing.T) {
	w := newWorld(t)
	for _, c := range []struct {
		action, value string
		check         func(store.MemberPrefs) bool
		shows         string
	}{
		{
			ActionFrequency, "monthly",
			func(p store.MemberPrefs) bool { return p.Digest.Frequency == "monthly" },
			`"initial_option":{"text":{"type":"plain_text","text":"Mensuel"`,
		},
		{
			ActionFrequency, "default",
			func(p store.MemberPrefs) bool { return p.Digest.Frequency == "" },
			"Comme la communauté (Hebdomadaire)",
		},
		{ActionHour, "7", func(p store.MemberPrefs) bool { return p.Digest.Hour == 7 }, `"value":"7"`},
		{ActionNudges, "off", func(p store.MemberPrefs) bool { return p.NudgesOff }, "*Relances* : désactivées"},
		{
			ActionSuggest, "off",
			func(p store.MemberPrefs) bool { return p.NotSuggested },
			"*Me suggérer comme expert·e* : non",
		},
		{
			ActionMute, "C02",
			func(p store.MemberPrefs) bool { return len(p.Muted) == 1 && p.Muted[0] == "C02" },
			ActionUnmute + ":C02",
		},
		{ActionMute, "C03", func(p store.MemberPrefs) bool { return len(p.Muted) == 1 }, ""}, // not her channel
		{
			ActionUnmute + ":C02", "C02",
			func(p store.MemberPrefs) bool { return len(p.Muted) == 0 },
			"*Canaux masqués* : aucun",
		},
		{ActionHour, "24", func(p store.MemberPrefs) bool { return p.Digest.Hour == 7 }, ""},
		{ActionFrequency, "hourly", func(p store.MemberPrefs) bool { return p.Digest.Frequency == "" }, ""},
		{ActionNudges, "U02", func(p store.MemberPrefs) bool { return p.NudgesOff }, ""},
		{
			ActionRecognition, "off",
			func(p store.MemberPrefs) bool { return p.Unnamed },
			"*Me citer dans les remerciements du mois* : non",
		},
		{ActionRecognition, "never", func(p store.MemberPrefs) bool { return p.Unnamed }, ""},
		{ActionLanguage, "en", func(p store.MemberPrefs) bool { return p.Language == "en" }, "*Nudges*: off"},
		{ActionLanguage, "auto", func(p store.MemberPrefs) bool { return p.Language == "" }, "Automatique (Français)"},
	} {
		ev := w.act("U01", c.action, c.value)
		p, err := w.st.MemberPrefs(w.ctx, "U01")
		if err != nil || !c.check(p) {
			t.Fatalf("%s=%s: got %+v, %v", c.action, c.value, p, err)
		}
		if c.shows == "" {
			if w.published(ev) {
				t.Errorf("%s=%s: got a Home published for a change not made", c.action, c.value)
			}
			continue
		}
		_, view := w.home(ev)
		contains(t, c.action+"="+c.value, view, c.shows)
	}
	// Bob's choices were never touched by alice's clicks.
	if p, err := w.st.MemberPrefs(w.ctx, "U02"); err != nil || p.NudgesOff || p.Digest.Hour != -1 || p.Language != "" {
		t.Fatalf("got bob's %+v, %v; want his defaults", p, err)
	}
	// The language chosen is every feature's: the store's locale says it.
	w.act("U01", ActionLanguage, "en")
	if m, err := w.st.Member(w.ctx, "U01"); err != nil || m.Locale != "en" {
		t.Fatalf("got %+v, %v; want alice's locale en, as she chose", m, err)
	}
}

// The facilitators' buttons work for the community's facilitators only.
func TestFacilitatorButtons(t *testing.T) {
	w := newWorld(t)
	ev := w.act("U01", command.ActionReport+":0", "Security")
	row, err := w.st.OutboxByKey(w.ctx, "home:report:"+ev.ID)
	sent := err == nil && row.ChannelID == "U01" && row.Method == outbox.PostMessage
	if !sent || !strings.Contains(row.Payload, "Security") {
		t.Fatalf("got %+v, %v; want Security's report sent to alice", row, err)
	}
	refused := []struct{ user, value string }{
		{"U03", "Security"}, {"U01", "Data"}, {"U02", "Security"}, {"U01", "Nowhere"},
	}
	for _, c := range refused {
		ev := w.act(c.user, command.ActionReport+":0", c.value)
		if _, err := w.st.OutboxByKey(w.ctx, "home:report:"+ev.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s for %s: got a report (%v), want none", c.user, c.value, err)
		}
		text := w.dm(ev)
		namesFacilitators := strings.Contains(strings.ToLower(text), "anim") || strings.Contains(text, "facilitators")
		if !strings.Contains(text, c.value) || !namesFacilitators {
			t.Errorf("%s for %s: got %q, want a refusal", c.user, c.value, text)
		}
		for _, a := range []string{command.ActionPreviewDigest, command.ActionPreviewNudges} {
			ev := w.act(c.user, a+":0", c.value)
			text := w.dm(ev)
			if strings.Contains(text, "Aperçu") || strings.Contains(text, "Preview") || strings.Contains(text, "Nudges of") {
				t.Errorf("%s %s for %s: got %q, want a refusal", a, c.user, c.value, text)
			}
		}
	}
	// Previews, in alice's language: her next digest (bob's question is
	// hers to see: she is in #security) and Security's nudges.
	text := w.dm(w.act("U01", command.ActionPreviewDigest+":0", "Security"))
	contains(t, "digest preview", text, "Aperçu de votre prochain résumé")
	text = w.dm(w.act("U01", command.ActionPreviewNudges+":0", "Security"))
	if !strings.Contains(text, "Relances de Security") {
		t.Errorf("got %q, want Security's nudges previewed", text)
	}
	if strings.Contains(text, "Data") {
		t.Errorf("got %q, want Security's only", text)
	}
	if n, err := w.st.Nudges(w.ctx, "U03"); err != nil || len(n) != 0 {
		t.Errorf("got nudges %+v, %v; want a preview to record nothing", n, err)
	}
}

// A facilitator's button is answered by the capability it concerns, not by
// the Home: the click publishes no Home, as before, and reads none (the Home
// here reads a closed store, so a click that read it would fail).
func TestFacilitatorButtonsLeaveTheHome(t *testing.T) {
	w := newWorld(t)
	closed := testkit.Store(t, nil)
	if err := closed.Close(); err != nil {
		t.Fatal(err)
	}
	h := home.New(closed, w.comms, bot.Deps{Now: func() time.Time { return w.now }}, home.Options{})
	w.requests = w.wire(New(h), report.NewSoFar(w.st, ""))
	setting := bot.Event{ID: "s1", Kind: bot.KindAction, User: "U01",
		Command: bot.Command{Name: ActionNudges, Value: "off"}}
	if _, err := w.requests.Prepare(w.ctx, setting); err == nil {
		t.Fatal("a settings click read the closed store without failing: the check below would prove nothing")
	}
	for _, c := range []struct{ action, key string }{
		{command.ActionReport, "home:report:"}, {command.ActionPreviewDigest, "home:dm:"},
		{command.ActionPreviewNudges, "home:dm:"},
	} {
		ev := w.act("U01", c.action+":0", "Security")
		if w.published(ev) {
			t.Errorf("%s: got a Home published, want only the answer", c.action)
		}
		if _, err := w.st.OutboxByKey(w.ctx, c.key+ev.ID); err != nil {
			t.Errorf("%s: got no answer under %s: %v", c.action, c.key+ev.ID, err)
		}
	}
}

// Two clicks in one batch (both prepared, then applied in one transaction,
// as the dispatcher does): the view the second publishes shows both.
func TestClicksInOneBatch(t *testing.T) {
	w := newWorld(t)
	click := func(id, name string) bot.Event {
		return bot.Event{ID: id, Kind: bot.KindAction, Type: "block_actions", User: "U01",
			Command: bot.Command{Name: name, Value: "off"}}
	}
	first, second := click("b1", ActionNudges), click("b2", ActionSuggest)
	one, err := w.requests.Prepare(w.ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	two, err := w.requests.Prepare(w.ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	w.do(func(tx *store.Tx) error { return dispatch.Steps(one, two).Run(w.ctx, tx) })
	_, view := w.home(second)
	contains(t, "the second click's view", view, "*Relances* : désactivées", "*Me suggérer comme expert·e* : non")
}
