package command

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/outbox"
	"praxis/internal/testkit"
	"praxis/store"
)

// probes is a Responder whose routes record the request they get and
// answer it with its Reply.
type probes struct {
	st  *store.Store
	r   *Responder
	got map[string]Request // by event id
	by  map[string]string  // event id → route
}

func newProbes(t *testing.T) *probes {
	t.Helper()
	sec, data := testkit.Community("sec", "C1"), testkit.Community("data", "C2")
	data.Language = "fr"
	people := func(_ context.Context, member string) (bot.Reader, error) {
		if member == "UFR" {
			return bot.Reader{Locale: "fr-FR"}, nil
		}
		return bot.Reader{}, nil
	}
	p := &probes{st: testkit.Store(t, nil), got: map[string]Request{}, by: map[string]string{}}
	route := func(name string) Handler {
		return func(_ context.Context, r Request) (dispatch.Step, error) {
			p.got[r.Event.ID], p.by[r.Event.ID] = r, name
			if name == "declines" {
				return nil, nil
			}
			return dispatch.Enqueue(r.Reply(outbox.Message{Text: name})), nil
		}
	}
	verbs := func(en, fr string) map[string][]string { return map[string][]string{"en": {en}, "fr": {fr}} }
	r, err := New(p.st, bot.NewDirectory([]bot.Community{sec, data}, testkit.Community(""), people),
		Route{Verbs: verbs("probe", "sonde"), Help: "help_expert", Handle: route("probe")},
		Route{Verbs: verbs("loud", "fort"), Help: "help_report", Public: true, Handle: route("loud")},
		Route{Words: regexp.MustCompile(`(?i)^who probes (.*)$`), Handle: route("words")},
		Route{Verbs: verbs("mute", "muet"), Help: "help_nudges", Handle: route("declines")},
		Route{Actions: []string{"probe_btn"}, Handle: route("button")},
		Route{Actions: []string{"probe_find"}, Handle: route("shortcut")},
	)
	if err != nil {
		t.Fatal(err)
	}
	p.r = r
	return p
}

// send runs ev through the Responder and returns its reply, if any.
func (p *probes) send(t *testing.T, ev bot.Event) (store.OutRow, outbox.Message, bool) {
	t.Helper()
	ctx := context.Background()
	step, err := p.r.Prepare(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	testkit.Do(t, p.st, func(tx *store.Tx) error { return step.Run(ctx, tx) })
	row, err := p.st.OutboxByKey(ctx, "reply:"+ev.ID)
	if err != nil {
		return store.OutRow{}, outbox.Message{}, false
	}
	var m outbox.Message
	if err := json.Unmarshal([]byte(row.Payload), &m); err != nil {
		t.Fatal(err)
	}
	return row, m, true
}

// Each kind of request reaches its route with the member's language and
// what follows the verb, and its Reply lands where the one rule says: a
// slash command to the asker alone, through its response_url when it has
// one; a mention in its thread (for all on a Public route, else to the
// asker); a DM in the DM; a click or shortcut to the asker where it was
// made, in the DM from a DM or the Home tab.
func TestRequestsReachTheirRoute(t *testing.T) {
	const url = "https://hooks.slack.com/commands/T1/1/x"
	cmd := func(user, ch, text, url string) bot.Event {
		return bot.Event{Kind: bot.KindCommand, User: user, Channel: ch,
			Command: bot.Command{Name: "/praxis", Text: text, ResponseURL: url}}
	}
	mention := func(text, ts, thread string) bot.Event {
		return bot.Event{Kind: bot.KindMention, User: "UEN", Channel: "C1", TS: ts, ThreadTS: thread,
			Text: "<@UPRAXIS> " + text}
	}
	dm := func(user, text string) bot.Event {
		return bot.Event{Kind: bot.KindDirect, User: user, Channel: "D1", ChannelType: "im", Text: text}
	}
	click := func(user, ch, name string) bot.Event {
		return bot.Event{Kind: bot.KindAction, Type: "block_actions", User: user, Channel: ch,
			Command: bot.Command{Name: name, Value: "v", ResponseURL: url}}
	}
	shortcut := bot.Event{Kind: bot.KindAction, Type: "message_action", User: "UEN", Channel: "C1", TS: "1.5",
		Text: "the message", Command: bot.Command{Name: "probe_find", ResponseURL: url}}
	for _, tc := range []struct {
		name                  string
		ev                    bot.Event
		route, lang, text     string
		method, channel, user string
		thread, url           string
	}{
		{"command in a channel", cmd("UEN", "C2", "sonde  deux mots ", url), "probe", "fr", "deux mots",
			outbox.Respond, "C2", "UEN", "", url},
		{"command in a group DM", cmd("UFR", "G1", "loud", url), "loud", "fr", "",
			outbox.Respond, "G1", "UFR", "", url},
		{"command without response_url", cmd("UEN", "C1", "probe", ""), "probe", "en", "",
			outbox.PostEphemeral, "C1", "UEN", "", ""},
		{"command in a DM", cmd("UFR", "D1", "PROBE x", url), "probe", "fr", "x",
			outbox.PostMessage, "UFR", "", "", ""},
		{"mention in a thread", mention("probe y", "1.2", "1.0"), "probe", "en", "y",
			outbox.PostEphemeral, "C1", "UEN", "1.0", ""},
		{"mention at the top, Public route", mention("loud", "1.2", ""), "loud", "en", "",
			outbox.PostMessage, "C1", "", "1.2", ""},
		{"mention in a thread, Public route", mention("fort", "1.2", "1.0"), "loud", "en", "",
			outbox.PostMessage, "C1", "", "1.0", ""},
		{"direct message", dm("UFR", "sonde z"), "probe", "fr", "z", outbox.PostMessage, "D1", "", "", ""},
		{"plain words", dm("UEN", "who probes caching?"), "words", "en", "caching?",
			outbox.PostMessage, "D1", "", "", ""},
		{"button in a channel", click("UEN", "C2", "probe_btn"), "button", "fr", "",
			outbox.Respond, "C2", "UEN", "", url},
		{"button with a suffix, in a DM", click("UFR", "D1", "probe_btn:2"), "button", "fr", "",
			outbox.PostMessage, "UFR", "", "", ""},
		{"button on the Home tab", click("UFR", "", "probe_btn"), "button", "fr", "",
			outbox.PostMessage, "UFR", "", "", ""},
		{"message shortcut", shortcut, "shortcut", "en", "", outbox.Respond, "C1", "UEN", "", url},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newProbes(t)
			tc.ev.ID = "e"
			row, m, ok := p.send(t, tc.ev)
			req := p.got["e"]
			if !ok || p.by["e"] != tc.route || req.Lang != tc.lang || req.Text != tc.text || req.Member != tc.ev.User {
				t.Fatalf("got route %q, %+v (answered %v); want %s in %s with text %q",
					p.by["e"], req, ok, tc.route, tc.lang, tc.text)
			}
			if row.Method != tc.method || row.ChannelID != tc.channel || m.User != tc.user || m.ThreadTS != tc.thread ||
				m.ResponseURL != tc.url || m.Text != tc.route {
				t.Fatalf("got %s %s (user %q, thread %q, url %q, text %q), want %s %s (%q, %q, %q)", row.Method,
					row.ChannelID, m.User, m.ThreadTS, m.ResponseURL, m.Text, tc.method, tc.channel, tc.user, tc.thread,
					tc.url)
			}
			if tc.method == outbox.Respond && m.Fallback != outbox.PostEphemeral {
				t.Errorf("got fallback %q, want chat.postEphemeral", m.Fallback)
			}
		})
	}
}

// What no route answers: an unknown verb, or one whose route made no sense
// of what follows, gets the unknown-command answer and the help, in the
// thread for all as today; no text at all gets the help; an interaction no
// route claims, and a request from nobody, get nothing.
func TestRequestsNoRouteAnswers(t *testing.T) {
	p := newProbes(t)
	_, m, _ := p.send(t, bot.Event{ID: "u", Kind: bot.KindMention, User: "UEN", Channel: "C1", TS: "1.2",
		Text: "<@UPRAXIS> Frobnicate now"})
	if !strings.HasPrefix(m.Text, "I don't know the command `frobnicate` yet.") || m.ThreadTS != "1.2" ||
		!strings.Contains(m.Text, "/praxis help") {
		t.Errorf("unknown verb: got %q in thread %q, want the unknown answer and the help in the thread", m.Text,
			m.ThreadTS)
	}
	_, m, _ = p.send(t, bot.Event{ID: "d", Kind: bot.KindDirect, User: "UFR", Channel: "D1", Text: "muet demain"})
	if p.by["d"] != "declines" || !strings.HasPrefix(m.Text, "Je ne connais pas encore la commande `muet`") {
		t.Errorf("declined: got route %q, %q; want the unknown answer, in French", p.by["d"], m.Text)
	}
	_, m, _ = p.send(t, bot.Event{ID: "h", Kind: bot.KindCommand, User: "UEN", Channel: "C1"})
	if !strings.HasPrefix(m.Text, "*Praxis* keeps") {
		t.Errorf("no text: got %q, want the help", m.Text)
	}
	for _, ev := range []bot.Event{
		{ID: "a", Kind: bot.KindAction, User: "UEN", Channel: "C1", Command: bot.Command{Name: "other_btn"}},
		{ID: "n", Kind: bot.KindCommand, Channel: "C1", Command: bot.Command{Name: "/praxis", Text: "probe"}},
		{ID: "m", Kind: bot.KindMessage, User: "UEN", Channel: "C1", Text: "probe"},
	} {
		if step, err := p.r.Prepare(context.Background(), ev); step != nil || err != nil || p.by[ev.ID] != "" {
			t.Errorf("%s: got a step %v, %v, route %q; want nothing", ev.ID, step != nil, err, p.by[ev.ID])
		}
	}
}

// /praxis help lists each route's help line once, in the routes' order,
// between its first and last lines, in the member's language.
func TestHelpFromTheRoutes(t *testing.T) {
	p := newProbes(t)
	for lang, want := range map[string][]string{
		"en": {"help_intro", "help_expert", "help_report", "help_nudges", "help_status", "help_help", "help_outro"},
		"fr": {"help_intro", "help_expert", "help_report", "help_nudges", "help_status", "help_help", "help_outro"},
	} {
		var lines []string
		for _, k := range want {
			lines = append(lines, T(lang, k))
		}
		if got := p.r.helpText(lang); got != strings.Join(lines, "\n") {
			t.Errorf("%s: got\n%s\nwant the lines of %v", lang, got, want)
		}
	}
}
