package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"praxis/bot/history"
	"praxis/cmd/internal/app"
	"praxis/internal/sample"
	"praxis/internal/slackemu"
	"praxis/store"
)

// slackWorkspace is a generated workspace written as an export and the
// same history in the emulator, Praxis a member of its public channels;
// besides them, a private channel Praxis is in and a public one it is not
// in, each with its own history.
type slackWorkspace struct {
	export, config string
	emu            *slackemu.Server
	env            map[string]string
	now            func() time.Time
}

func newSlackWorkspace(t *testing.T, emuOpts slackemu.Options) *slackWorkspace {
	t.Helper()
	dir := t.TempDir()
	ws := sample.New(sample.Options{Seed: 8, Members: 60, Channels: 6, Communities: 3, Messages: 2500, Days: 60})
	w := &slackWorkspace{export: filepath.Join(dir, "export"), config: filepath.Join(dir, "praxis.yaml"),
		env: map[string]string{"SLACK_BOT_TOKEN": "xoxb-emulator"}}
	now := ws.Options.End.Add(48 * time.Hour)
	w.now = func() time.Time { return now }
	if _, err := ws.WriteDir(w.export); err != nil {
		t.Fatal(err)
	}
	emuOpts.Now = w.now
	w.emu = slackemu.New(emuOpts)
	t.Cleanup(w.emu.Close)
	exp, err := history.OpenExport(w.export)
	if err != nil {
		t.Fatal(err)
	}
	defer exp.Close()
	members, _ := exp.Members()
	for _, m := range members {
		w.emu.AddUser(slackemu.User{ID: m.ID, Name: m.Name, RealName: m.RealName, DisplayName: m.DisplayName,
			IsBot: m.IsBot, Deleted: m.Deleted})
	}
	chans, _ := exp.PublicChannels()
	for _, c := range chans {
		w.emu.AddChannel(slackemu.Channel{ID: c.ID, Name: c.Name, Purpose: c.Purpose,
			Members: append(slices.Clone(c.Members), "UPRAXIS")})
		var past []slackemu.Past
		_, err := exp.ReadChannel(context.Background(), c, func(m store.ChannelMessage) error {
			p := slackemu.Past{TS: m.TS, ThreadTS: m.ThreadTS, User: m.UserID, Subtype: m.Subtype, Text: m.Text}
			if m.IsBot {
				p.BotID = "B" + m.UserID
			}
			past = append(past, p)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(past, func(a, b slackemu.Past) int { return strings.Compare(a.TS, b.TS) })
		w.emu.AddHistory(c.ID, past...)
	}
	someone := chans[0].Members[0]
	for _, c := range []slackemu.Channel{
		{ID: "G0SECRET", Name: "secret-plans", IsPrivate: true, Members: []string{someone, "UPRAXIS"}},
		{ID: "C0ELSEWHERE", Name: "elsewhere", Members: []string{someone}},
	} {
		w.emu.AddChannel(c)
		at := ws.Options.End.Add(-time.Hour).Unix()
		for i, text := range []string{"how do we rotate the zebrafrost keys?", "with the zebrafrost runbook"} {
			ts := fmt.Sprintf("%d.000000", at+int64(i))
			w.emu.AddHistory(c.ID, slackemu.Past{TS: ts, User: someone, Text: text})
		}
	}
	cfg := "slack:\n  api_url: " + w.emu.APIURL() + "\n  backfill_rate: 100\n" +
		"communities:\n  - name: Already here\n    channels: [\"#" + chans[0].Name + "\"]\n"
	if err := os.WriteFile(w.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return w
}

// discover runs praxis discover with the workspace's clock and
// environment, and returns what it printed on stdout and on stderr.
func (w *slackWorkspace) discover(t *testing.T, vars map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errs bytes.Buffer
	e := env{getenv: func(k string) string { return vars[k] }, stdout: &out, stderr: &errs, deps: app.Deps{Now: w.now}}
	err := runEnv(context.Background(), e, append([]string{"discover"}, args...))
	return out.String(), errs.String(), err
}

// TestDiscoverSlackReadsWhatAnExportHolds: discover --slack, on a
// workspace whose history is the generated export's, finds the same
// communities as discover on the export: the public channels Praxis is
// in, their threads read, the private channel it is in and the public one
// it is not in never read; it says on stderr what it reads and that it
// stores nothing. A 429 is waited out for as long as Retry-After says,
// and the reading goes on to the same result.
func TestDiscoverSlackReadsWhatAnExportHolds(t *testing.T) {
	w := newSlackWorkspace(t, slackemu.Options{})
	fromExport, _, err := w.discover(t, nil, "--config", w.config, "--limit", "0", w.export)
	if err != nil {
		t.Fatalf("discover EXPORT: %v\n%s", err, fromExport)
	}
	fromSlack, progress, err := w.discover(t, w.env, "--config", w.config, "--limit", "0", "--slack")
	if err != nil {
		t.Fatalf("discover --slack: %v\n%s\n%s", err, fromSlack, progress)
	}
	body := func(s string) string { _, rest, _ := strings.Cut(s, "\n"); return rest }
	if diff := cmp.Diff(body(fromExport), body(fromSlack)); diff != "" {
		t.Errorf("Slack and the export give different communities (-export +Slack):\n%s", diff)
	}
	if !strings.HasPrefix(fromSlack, "Communities of practice in Praxis Emulator") ||
		!strings.Contains(fromSlack, "Already configured: #") {
		t.Errorf("discover --slack printed:\n%s", fromSlack)
	}
	for _, never := range []string{"secret-plans", "elsewhere", "zebrafrost"} {
		if strings.Contains(fromSlack+progress, never) {
			t.Errorf("discover --slack read %s:\n%s\n%s", never, fromSlack, progress)
		}
	}
	for _, want := range []string{"Reading Slack (Praxis Emulator): the public channels Praxis is in, since " +
		w.now().Add(-180*24*time.Hour).Format(time.DateOnly) + ". Nothing is stored.", "messages read"} {
		if !strings.Contains(progress, want) {
			t.Errorf("stderr lacks %q:\n%s", want, progress)
		}
	}
	// A 429 on the last history call of a short window's reading: waited
	// out for the 2 s Retry-After says (the reading takes far less), then
	// the same result.
	since := w.now().Add(-5 * 24 * time.Hour).Format(time.DateOnly)
	before := w.emu.Calls("conversations.history")
	short, progress, err := w.discover(t, w.env, "--config", w.config, "--limit", "0", "--slack", "--since", since)
	if err != nil || !strings.Contains(progress, "since "+since+".") {
		t.Fatalf("discover --slack --since %s: %v\n%s", since, err, progress)
	}
	calls := w.emu.Calls("conversations.history") - before
	w.emu.SetFaults(slackemu.Faults{Methods: []string{"conversations.history"}, RateLimitEvery: 1 / float64(calls),
		RetryAfter: 2 * time.Second})
	before = w.emu.Calls("conversations.history")
	start := time.Now()
	again, _, err := w.discover(t, w.env, "--config", w.config, "--limit", "0", "--slack", "--since", since)
	waited := time.Since(start)
	if err != nil || again != short {
		t.Fatalf("after a 429: got %v\n%s\nwant\n%s", err, again, short)
	}
	if got := w.emu.Calls("conversations.history") - before; got != calls+1 || waited < 2*time.Second {
		t.Errorf("got %d history calls in %s, want %d, the last one's 429 waited out for 2s", got, waited, calls+1)
	}
}

// TestDiscoverSlackSaysWhatIsMissing: without a token, with a token Slack
// refuses, or with an app that lacks a scope, discover --slack says what
// to do, in the language asked, and shows no token.
func TestDiscoverSlackSaysWhatIsMissing(t *testing.T) {
	w := newSlackWorkspace(t, slackemu.Options{Scopes: []string{"channels:read", "users:read"}})
	for _, tc := range []struct {
		env  map[string]string
		lang string
		want string
	}{
		{nil, "en", "discover --slack reads Slack with the bot token: set SLACK_BOT_TOKEN (xoxb-…)"},
		{nil, "fr", "discover --slack lit Slack avec le jeton du bot : définissez SLACK_BOT_TOKEN (xoxb-…)"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-stolen-42"}, "en",
			"Slack refused the bot token: check SLACK_BOT_TOKEN and slack.api_url: auth.test: invalid_auth"},
		{w.env, "en", "the Slack app lacks the channels:history scope: add it to its bot token scopes " +
			"(the app's OAuth page), reinstall the app, then run discover again: conversations.history"},
		{w.env, "fr", "il manque à l'application Slack la permission channels:history : ajoutez-la"},
	} {
		out, errs, err := w.discover(t, tc.env, "--config", w.config, "--lang", tc.lang, "--slack")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want an error saying %q\n%s%s", err, tc.want, out, errs)
		}
		if err != nil && strings.Contains(err.Error()+out+errs, "xoxb-") && !strings.Contains(tc.want, "xoxb-") {
			t.Errorf("a token shows: %v\n%s%s", err, out, errs)
		}
	}
	for _, args := range [][]string{{"--slack", w.export}, {"--slack", "--db", "x.db"}, {"--since", "2026-01-01"},
		{"--slack", "--since", "last week"}} {
		if _, _, err := w.discover(t, w.env, args...); exitCode(err) != 2 {
			t.Errorf("discover %s: got %v, want a usage error", strings.Join(args, " "), err)
		}
	}
}

// TestDiscoverSlackInNoChannel: a bot in no public channel reads nothing
// and says how to invite it, in the language asked.
func TestDiscoverSlackInNoChannel(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	t.Cleanup(emu.Close)
	emu.AddUser(slackemu.User{ID: "U01", Name: "alice"})
	emu.AddChannel(slackemu.Channel{ID: "C01", Name: "general", Members: []string{"U01"}})
	w := &slackWorkspace{config: filepath.Join(t.TempDir(), "praxis.yaml"), emu: emu,
		now: func() time.Time { return sample.DefaultEnd }}
	cfg := "slack:\n  api_url: " + emu.APIURL() + "\ncommunities:\n  - name: Other\n    channels: [\"#nowhere\"]\n"
	if err := os.WriteFile(w.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, err := w.discover(t, map[string]string{"SLACK_BOT_TOKEN": "xoxb-emulator"}, "--config", w.config,
		"--lang", "fr", "--slack")
	want := "Praxis n'est dans aucun canal public de Praxis Emulator : invitez-le dans les canaux à découvrir"
	if err != nil || !strings.Contains(errs, want) || !strings.Contains(out, "Aucune communauté trouvée") {
		t.Errorf("got %v\n%s\n%s\nwant stderr saying %q", err, out, errs, want)
	}
	if n := emu.Calls("conversations.history"); n != 0 {
		t.Errorf("got %d history calls, want none", n)
	}
}
