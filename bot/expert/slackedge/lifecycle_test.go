package slackedge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/expert"
	"praxis/bot/outbox"
	"praxis/bot/record"
	"praxis/bot/workhours"
	"praxis/internal/testkit"
	"praxis/store"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

var testMapping = testkit.Directory(map[string]string{"C1": "Platform", "C2": "Platform", "C3": "Data"})

// apply records events as the dispatcher does: the recorder, then the
// tracker, each event prepared, then its step run in a transaction.
func apply(t *testing.T, st *store.Store, tr *Tracker, evs ...bot.Event) {
	t.Helper()
	ctx := context.Background()
	h := dispatch.Chain{record.New(st, testMapping, nil, "UPRAXIS", bot.Deps{Log: quiet}), tr}
	for _, ev := range evs {
		step, err := h.Prepare(ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Batch(ctx, func(tx *store.Tx) error { return step.Run(ctx, tx) }); err != nil {
			t.Fatal(err)
		}
	}
}

func msg(ch, user, ts, thread, text string) bot.Event {
	return bot.Event{ID: "E" + ts, Kind: bot.KindMessage, Channel: ch, User: user, TS: ts, ThreadTS: thread, Text: text}
}

func TestTrackerFollowsQuestions(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	e := engine(w)
	tr := NewTracker(e, w.St, testMapping, "UPRAXIS", nil)
	apply(t, w.St, tr,
		msg("C1", "UALICE", "1790000000.000100", "", "How do I rotate the terraform state lock?"),
		msg("C1", "UBOB", "1790000100.000100", "", "lunch at noon"),
		msg("C1", "UALICE", "1790000200.000100", "1790000000.000100", "anyone?"),
		msg("C1", "UCAROL", "1790000300.000100", "1790000000.000100", "terraform force-unlock"),
		bot.Event{
			ID:       "R1",
			Kind:     bot.KindReactionAdded,
			Channel:  "C1",
			User:     "UALICE",
			TS:       "1790000300.000100",
			Reaction: "white_check_mark",
			Time:     time.Unix(1790000400, 0),
		},
		msg("C3", "UEVE", "1790000500.000100", "", "Quelqu'un sait comment partitionner la table des ventes ?"),
		msg("C3", "UFRANK", "1790000600.000100", "1790000500.000100", "par mois"),
		msg("C3", "UEVE", "1790000700.000100", "1790000500.000100", "Merci beaucoup !"),
		msg("C1", "UDAVE", "1790000800.000100", "", "Is the VPN down for anyone else?"),
		bot.Event{ID: "D1", Kind: bot.KindDelete, Channel: "C1", TS: "1790000800.000100", Time: time.Unix(1790000900, 0)},
		msg("C9", "UDAVE", "1790001000.000100", "", "How do unmapped channels work?"),
	)
	q, err := w.St.QuestionByTS(ctx, "C1", "1790000000.000100")
	if err != nil {
		t.Fatal(err)
	}
	if q.Asker != "UALICE" || q.FirstAnswerer != "UCAROL" || q.Resolution != "accepted" || q.ResolvedAt.IsZero() {
		t.Fatalf("got %+v, want answered by carol (alice's own reply does not count), accepted with ✅", q)
	}
	if got := q.FirstAnswerAt.Sub(q.AskedAt); got != 300*time.Second {
		t.Fatalf("got time to first answer %s, want 5m", got)
	}
	fr, _ := w.St.QuestionByTS(ctx, "C3", "1790000500.000100")
	if fr.Resolution != "thanked" || fr.FirstAnswerer != "UFRANK" {
		t.Fatalf("got %+v, want the French question answered and thanked", fr)
	}
	if _, err := w.St.QuestionByTS(ctx, "C1", "1790000100.000100"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want a statement not followed as a question", err)
	}
	if _, err := w.St.QuestionByTS(ctx, "C9", "1790001000.000100"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want unmapped channels ignored", err)
	}
	// The asker ticks their own question before anyone answers: solved.
	apply(t, w.St, tr,
		msg("C1", "UGINA", "1790003000.000100", "", "How do I rotate my SSH key?"),
		bot.Event{
			ID:       "R3",
			Kind:     bot.KindReactionAdded,
			Channel:  "C1",
			User:     "UGINA",
			TS:       "1790003000.000100",
			Reaction: "white_check_mark",
			Time:     time.Unix(1790003100, 0),
		},
	)
	if q, _ := w.St.QuestionByTS(ctx, "C1", "1790003000.000100"); q.Resolution != "solved" {
		t.Fatalf("got %+v, want solved by the asker's tick", q)
	}
	// Out of order: the answer and its ✅ arrive before the question.
	apply(t, w.St, tr,
		msg("C1", "UBOB", "1790002100.000100", "1790002000.000100", "use the bastion"),
		bot.Event{
			ID:       "R2",
			Kind:     bot.KindReactionAdded,
			Channel:  "C1",
			User:     "UGINA",
			TS:       "1790002100.000100",
			Reaction: "heavy_check_mark",
			Time:     time.Unix(1790002200, 0),
		},
		msg("C1", "UGINA", "1790002000.000100", "", "How do I reach the staging database?"),
	)
	late, _ := w.St.QuestionByTS(ctx, "C1", "1790002000.000100")
	if late.FirstAnswerer != "UBOB" || late.Resolution != "accepted" {
		t.Fatalf("got %+v, want the earlier answer and tick counted", late)
	}
	open, _ := w.St.OpenQuestions(ctx, time.Unix(0, 0))
	if len(open) != 0 {
		t.Fatalf("got open questions %+v, want none (answered, or deleted)", open)
	}
	// The engine saw the new threads once committed.
	res, _ := e.Rank(ctx, expert.Query{Text: "terraform state lock", Channel: "C1", Asker: "UHUGO"})
	if got := users(res); len(got) == 0 || got[0] != "UCAROL" && got[0] != "UBOB" {
		t.Fatalf("got %v, want the answerers of terraform questions", got)
	}
}

// routeRig is a community with history, a router, and a clock, working
// 09:00-18:00 UTC, Monday to Friday.
func routeRig(t *testing.T) (*world, *expert.Engine, *Tracker, *Router) {
	return routeRigIn(t, officeHours(t), RouterOptions{})
}

// officeHours are routeRig's working hours.
func officeHours(t *testing.T) workhours.Hours {
	h, err := workhours.ParseHours("09:00-18:00", "mon-fri", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// routeRigIn is routeRig with the community's working hours and the
// router's options.
func routeRigIn(t *testing.T, h workhours.Hours, ro RouterOptions) (*world, *expert.Engine, *Tracker, *Router) {
	w := newWorld(t)
	w.QA("C1", "alice", "How do I debug a kubernetes pod stuck in CrashLoopBackOff?", true,
		"bob", "kubectl logs --previous on the pod")
	w.QA("C1", "carol", "kubernetes pod keeps restarting, any idea?", false,
		"bob", "check the liveness probe",
		"dave", "and the memory limits of the pod")
	w.QA("C1", "eve", "kubernetes pod eviction under memory pressure?", false,
		"dave", "set requests equal to limits for the pod")
	e := engine(w)
	plat := testkit.Community("Platform", "C1", "C2")
	plat.Facilitators, plat.Hours = []string{"UHUGO", "UGINA"}, h
	plat.AnswerWithin, plat.EscalateAfter = 4*time.Hour, 12*time.Hour
	dir := bot.NewDirectory([]bot.Community{plat}, testkit.Community(""), nil)
	tr := NewTracker(e, w.St, dir, "UPRAXIS", nil)
	r := NewRouter(w.St, e, dir, "https://acme.slack.com", bot.Deps{Log: quiet}, ro)
	return w, e, tr, r
}

func outText(t *testing.T, st *store.Store, key string) (store.OutRow, outbox.Message) {
	t.Helper()
	row, err := st.OutboxByKey(context.Background(), key)
	if err != nil {
		t.Fatalf("outbox %s: %v", key, err)
	}
	var m outbox.Message
	if err := json.Unmarshal([]byte(row.Payload), &m); err != nil {
		t.Fatal(err)
	}
	return row, m
}

func TestRouterInvitesExpertsThenTellsFacilitators(t *testing.T) {
	ctx := context.Background()
	w, _, tr, r := routeRig(t)
	// Monday 2026-11-09 16:00 UTC: two working hours left that day.
	asked := time.Date(2026, 11, 9, 16, 0, 0, 0, time.UTC)
	ts := fmt.Sprintf("%d.000100", asked.Unix())
	apply(t, w.St, tr, msg("C1", "UFRANK", ts, "", "Why does my kubernetes pod restart after a deploy?"))
	// bob was already asked about it by the asker's button: never twice.
	invited := store.Ping{MemberID: "UBOB", ChannelID: "C1", QuestionTS: ts, Kind: "invited", At: asked}
	if err := w.St.AddPing(ctx, invited); err != nil {
		t.Fatal(err)
	}
	if err := r.Tick(ctx, asked.Add(5*time.Hour)); err != nil { // 21:00: 2 working hours
		t.Fatal(err)
	}
	if _, err := w.St.OutboxByKey(ctx, "route:C1:"+ts); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want nothing routed after 2 working hours", err)
	}
	tue := time.Date(2026, 11, 10, 11, 30, 0, 0, time.UTC) // 2 + 2.5 working hours
	if err := r.Tick(ctx, tue); err != nil {
		t.Fatal(err)
	}
	row, m := outText(t, w.St, "route:C1:"+ts)
	inThread := row.ChannelID == "C1" && m.ThreadTS == ts
	if !inThread || !strings.Contains(m.Text, "<@UDAVE>") || strings.Contains(m.Text, "<@UBOB>") {
		t.Fatalf("got %s in %s/%s, want dave invited in the thread, not bob (already asked)",
			m.Text, row.ChannelID, m.ThreadTS)
	}
	pinged, _ := w.St.Pinged(ctx, "C1", ts)
	if !pinged["UDAVE"] {
		t.Fatalf("got pings %v, want dave's recorded", pinged)
	}
	// Ticking again routes nothing more.
	before, _ := w.St.OutboxCounts(ctx)
	if err := r.Tick(ctx, tue.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if after, _ := w.St.OutboxCounts(ctx); after[store.OutPending] != before[store.OutPending] {
		t.Fatalf("got %v then %v, want no new message", before, after)
	}
	// 12 working hours: Wednesday 10:00. The facilitators are told, once each.
	if err := r.Tick(ctx, time.Date(2026, 11, 10, 17, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.St.OutboxByKey(ctx, "escalate:C1:"+ts+":UHUGO"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want no escalation after 10.5 working hours", err)
	}
	if err := r.Tick(ctx, time.Date(2026, 11, 11, 10, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"UHUGO", "UGINA"} {
		row, m := outText(t, w.St, "escalate:C1:"+ts+":"+f)
		link := "https://acme.slack.com/archives/C1/p" + strings.Replace(ts, ".", "", 1)
		if row.ChannelID != f || !strings.Contains(m.Text, link) || !strings.Contains(m.Text, "<@UDAVE>") {
			t.Fatalf("got %q to %s, want a DM with the link and who was invited", m.Text, row.ChannelID)
		}
	}
	q, _ := w.St.QuestionByTS(ctx, "C1", ts)
	if q.RoutedAt.IsZero() || q.EscalatedAt.IsZero() {
		t.Fatalf("got %+v, want routed and escalated recorded", q)
	}
	// An answer stops the follow-up.
	apply(t, w.St, tr, msg("C1", "UDAVE", "1794330000.000100", ts, "restart policy"))
	if open, _ := w.St.OpenQuestions(ctx, asked.Add(-time.Hour)); len(open) != 0 {
		t.Fatalf("got %+v open, want none", open)
	}
}

func TestAskerAnswersAndButtons(t *testing.T) {
	ctx := context.Background()
	w, e, _, _ := routeRig(t)
	a := NewAsker(e, w.St, testMapping, "https://acme.slack.com", 2)
	handle := handler(t, w, a)
	command := func(id, user string) bot.Event {
		return bot.Event{ID: id, Kind: bot.KindCommand, Channel: "C1", User: user}
	}
	click := func(id, channel, user, name, value string) bot.Event {
		return bot.Event{ID: id, Kind: bot.KindAction, Channel: channel, User: user,
			Command: bot.Command{Name: name, Value: value}}
	}
	handle(command("cmd1", "UFRANK"), "expert kubernetes pod restarts")
	row, m := outText(t, w.St, "reply:cmd1")
	if row.Method != outbox.PostEphemeral || m.User != "UFRANK" || !strings.Contains(m.Text, "<@UBOB>") ||
		!strings.Contains(m.Text, "<@UDAVE>") {
		t.Fatalf("got %s %+v, want an ephemeral answer naming bob and dave", row.Method, m)
	}
	if !strings.Contains(string(m.Blocks), ActionInvite) ||
		!strings.Contains(string(m.Blocks), "https://acme.slack.com/archives/C1/p") {
		t.Fatalf("got blocks %s, want buttons and permalinks", m.Blocks)
	}
	// Plain words in a DM work too, in French.
	handle(bot.Event{ID: "dm1", Kind: bot.KindDirect, Channel: "D1", User: "UFRANK"}, "qui connaît les pods kubernetes ?")
	if row, m := outText(t, w.St, "reply:dm1"); row.ChannelID != "D1" || !strings.Contains(m.Text, "<@UDAVE>") {
		t.Fatalf("got %s %q", row.ChannelID, m.Text)
	}
	// Someone else clicking the asker's button gets nothing of it.
	handle(click("act0", "C1", "UEVE", ActionInvite, "1"), "")
	if _, m := outText(t, w.St, "reply:act0"); !strings.Contains(m.Text, "belong to the member who asked") {
		t.Fatalf("got %q, want the button refused to another member", m.Text)
	}
	// "Ask them in a thread": posted in the channel, pings recorded once.
	handle(click("act1", "C1", "UFRANK", ActionInvite, "1"), "")
	row, m = outText(t, w.St, "expert-invite:1")
	if row.ChannelID != "C1" || !strings.Contains(m.Text, "<@UFRANK> is looking for help") ||
		!strings.Contains(m.Text, "<@UBOB>") {
		t.Fatalf("got %s %q", row.ChannelID, m.Text)
	}
	handle(click("act2", "C1", "UFRANK", ActionInvite, "1"), "")
	if _, m := outText(t, w.St, "reply:act2"); !strings.Contains(m.Text, "already asked") {
		t.Fatalf("got %q, want nobody asked twice", m.Text)
	}
	handle(click("act3", "D1", "UFRANK", ActionNotHelpful, "2"), "")
	q, _ := w.St.ExpertQueryByID(ctx, 2)
	if q.Feedback != "not_helpful" || q.Source != "dm" {
		t.Fatalf("got %+v, want the DM query marked not helpful", q)
	}
	// A question asked in a DM is never posted in a channel.
	handle(click("act5", "D1", "UFRANK", ActionInvite, "2"), "")
	if _, err := w.St.OutboxByKey(ctx, "expert-invite:2"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want nothing posted from a DM", err)
	}
	if _, m := outText(t, w.St, "reply:act5"); !strings.Contains(m.Text, "stays private") {
		t.Fatalf("got %q", m.Text)
	}
	handle(command("sk", "UGINA"), "skills add <https://evil.example|kubernetes docs>")
	if _, m := outText(t, w.St, "reply:sk"); !strings.Contains(m.Text, "plain words") {
		t.Fatalf("got %q, want markup refused in a skill", m.Text)
	}
	// Skills and the opt-out.
	handle(command("s1", "UGINA"), "skills add kubernetes")
	handle(command("s2", "UDAVE"), "expert off")
	res, _ := e.Rank(ctx, expert.Query{Text: "kubernetes pod", Channel: "C1", Asker: "UFRANK", Limit: 5})
	got := users(res)
	if !slicesContains(got, "UGINA") || slicesContains(got, "UDAVE") {
		t.Fatalf("got %v, want gina (declared skill) in and dave (opted out) out", got)
	}
	if _, m := outText(t, w.St, "reply:s1"); !strings.Contains(m.Text, "Added *kubernetes*") {
		t.Fatalf("got %q", m.Text)
	}
	// Not the asker's: answered by the built-in commands.
	handle(command("x", "UFRANK"), "status")
	if _, m := outText(t, w.St, "reply:x"); !strings.Contains(m.Text, "members seen") {
		t.Fatalf("got %q, want status answered by the built-in commands", m.Text)
	}
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// fakeModel answers from a table; other texts fail.
type fakeModel struct{ answers map[string]bool }

func (f fakeModel) IsQuestion(_ context.Context, text string) (bool, error) {
	v, ok := f.answers[text]
	if !ok {
		return false, errors.New("model unavailable")
	}
	return v, nil
}

func TestTrackerAsksTheModelFirst(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	e := engine(w)
	model := fakeModel{answers: map[string]bool{
		"I can't get the staging VPN to connect":   true,  // no "?", the heuristics miss it
		"What a week. How is everyone holding up?": false, // the model says social
	}}
	tr := NewTracker(e, w.St, testMapping, "UPRAXIS", model)
	texts := []string{
		"I can't get the staging VPN to connect",
		"What a week. How is everyone holding up?",
		"How do I reset my MFA token?",
	}
	for i, text := range texts {
		apply(t, w.St, tr, msg("C1", "UALICE", fmt.Sprintf("17900%05d.000100", i), "", text))
	}
	q, err := w.St.QuestionByTS(ctx, "C1", "1790000000.000100")
	if err != nil || q.Why != "llm" {
		t.Fatalf("got %+v, %v; want the model's question followed", q, err)
	}
	if _, err := w.St.QuestionByTS(ctx, "C1", "1790000001.000100"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want the model's no to win", err)
	}
	if q, err := w.St.QuestionByTS(ctx, "C1", "1790000002.000100"); err != nil || q.Why == "llm" {
		t.Fatalf("got %+v, %v; want the heuristics to decide when the model fails", q, err)
	}
}

// Questions from before the router's start (a back-fill after a long
// outage) are recorded but never routed nor escalated.
func TestRouterLeavesOldQuestionsAlone(t *testing.T) {
	ctx := context.Background()
	asked := time.Date(2026, 11, 9, 10, 0, 0, 0, time.UTC)
	w, _, tr, r := routeRigIn(t, officeHours(t), RouterOptions{Since: asked.Add(time.Hour)})
	ts := fmt.Sprintf("%d.000100", asked.Unix())
	apply(t, w.St, tr, msg("C1", "UFRANK", ts, "", "Why does my kubernetes pod restart after a deploy?"))
	if err := r.Tick(ctx, asked.Add(72*time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"route:C1:" + ts, "escalate:C1:" + ts + ":UHUGO"} {
		if _, err := w.St.OutboxByKey(ctx, key); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("%s: got %v, want nothing for a question older than the start", key, err)
		}
	}
	if _, err := w.St.QuestionByTS(ctx, "C1", ts); err != nil {
		t.Fatalf("got %v, want the question recorded all the same", err)
	}
}

// A paused member's new message is not sent to the model: Praxis keeps
// none of their words, so no model reads them either.
func TestTrackerSparesPausedMembersFromTheModel(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	e := engine(w)
	model := &countingModel{}
	tr := NewTracker(e, w.St, testMapping, "UPRAXIS", model)
	if err := w.St.Batch(ctx, func(tx *store.Tx) error { _, err := tx.Pause(ctx, "UBOB"); return err }); err != nil {
		t.Fatal(err)
	}
	tr.Prepare(ctx, msg("C1", "UBOB", "1790000100.000100", "", "I can't get the staging VPN to connect"))
	tr.Prepare(ctx, msg("C1", "UALICE", "1790000101.000100", "", "I can't get the staging VPN to connect"))
	if model.calls != 1 {
		t.Fatalf("got %d calls to the model, want alice's only", model.calls)
	}
}

// The model is asked once, in Prepare: its verdict travels with the step,
// which keeps it when run again (its batch retried event by event).
func TestTrackerVerdictTravelsWithItsStep(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	model := &countingModel{}
	tr := NewTracker(engine(w), w.St, testMapping, "UPRAXIS", model)
	ev := msg("C1", "UALICE", "1790000100.000100", "", "I can't get the staging VPN to connect")
	step, err := dispatch.Chain{record.New(w.St, testMapping, nil, "UPRAXIS", bot.Deps{Log: quiet}), tr}.Prepare(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	rolledBack := errors.New("rolled back")
	if err := w.St.Batch(ctx, func(tx *store.Tx) error {
		if err := step.Run(ctx, tx); err != nil {
			return err
		}
		return rolledBack
	}); !errors.Is(err, rolledBack) {
		t.Fatal(err)
	}
	if err := w.St.Batch(ctx, func(tx *store.Tx) error { return step.Run(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	if q, err := w.St.QuestionByTS(ctx, "C1", ev.TS); err != nil || q.Why != "llm" || model.calls != 1 {
		t.Fatalf("got %+v, %v after %d calls; want the model's question, the model asked once", q, err, model.calls)
	}
}

type countingModel struct{ calls int }

func (m *countingModel) IsQuestion(context.Context, string) (bool, error) {
	m.calls++
	return true, nil
}

// handler applies a request (a command, a mention, a DM or a click) as
// serve does: through a command.Responder of the asker's routes, then in a
// transaction. text is what the member typed: a command's text, a
// mention's or a DM's message.
func handler(t *testing.T, w *world, a *Asker) func(ev bot.Event, text string) {
	resp, err := command.New(w.St, testMapping, a.Routes()...)
	if err != nil {
		t.Fatal(err)
	}
	return func(ev bot.Event, text string) {
		t.Helper()
		ctx := context.Background()
		switch ev.Kind {
		case bot.KindCommand:
			ev.Command.Name, ev.Command.Text = "/praxis", text
		case bot.KindMention, bot.KindDirect:
			ev.Text = text
		}
		step, err := resp.Prepare(ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.St.Batch(ctx, func(tx *store.Tx) error { return step.Run(ctx, tx) }); err != nil {
			t.Fatal(err)
		}
	}
}

// Someone a nudge already asked about a question (a direct message) is not
// invited into its thread as well: nobody is asked twice about a question.
func TestRouterSparesWhomANudgeAsked(t *testing.T) {
	ctx := context.Background()
	w, _, tr, r := routeRig(t)
	asked := time.Date(2026, 11, 9, 16, 0, 0, 0, time.UTC)
	ts := fmt.Sprintf("%d.000100", asked.Unix())
	apply(t, w.St, tr, msg("C1", "UFRANK", ts, "", "Why does my kubernetes pod restart after a deploy?"))
	if err := w.St.Batch(ctx, func(tx *store.Tx) error {
		_, err := tx.AddNudge(ctx, store.Nudge{Key: "nudge:reengage:UDAVE:C1/" + ts, Member: "UDAVE",
			Community: "Platform", Kind: "reengage", Subject: "C1/" + ts, Status: store.NudgeSent,
			At: asked.Add(time.Hour)})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := r.Tick(ctx, time.Date(2026, 11, 10, 11, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if pinged, _ := w.St.Pinged(ctx, "C1", ts); pinged["UDAVE"] {
		t.Fatalf("got pings %v, want dave (sent a nudge about it) not invited as well", pinged)
	}
}
