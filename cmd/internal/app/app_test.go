package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"praxis/bot/config"
	digestedge "praxis/bot/digest/slackedge"
	"praxis/bot/expert"
	nudgeedge "praxis/bot/nudge/slackedge"
	"praxis/bot/privacy"
	"praxis/bot/report/deliver"
	ritualedge "praxis/bot/ritual/slackedge"
	"praxis/internal/slackemu"
)

// newApp builds Praxis against an emulated workspace with two communities:
// the first with facilitators (a weekly report) and nudges, the second
// with neither and a ritual.
func newApp(t *testing.T, mode string, d Deps) *App {
	t.Helper()
	at := time.Date(2026, time.November, 30, 8, 30, 0, 0, time.UTC)
	emu := slackemu.New(slackemu.Options{Now: func() time.Time { return at }})
	t.Cleanup(emu.Close)
	emu.AddChannel(slackemu.Channel{ID: "C01", Name: "security", Members: []string{"UPRAXIS"}})
	emu.AddChannel(slackemu.Channel{ID: "C02", Name: "data", Members: []string{"UPRAXIS"}})
	text := fmt.Sprintf(`slack:
  mode: %s
  listen: "127.0.0.1:0"
  api_url: %q
database:
  path: %q
communities:
  - name: Security guild
    channels: ["#security"]
    facilitators: [U01]
  - name: Data guild
    channels: ["C02"]
    nudges: {enabled: false}
    rituals:
      - {kind: question_of_the_week, schedule: "0 10 * * MON", questions: ["Q?"]}
`, mode, emu.APIURL(), filepath.Join(t.TempDir(), "praxis.db"))
	secrets := map[string]string{config.EnvBotToken: "xoxb-emulator", config.EnvAppToken: "xapp-emulator",
		config.EnvSigningSecret: "emulator-secret"}
	cfg, err := config.Parse([]byte(text), "test.yaml", func(k string) string { return secrets[k] })
	if err != nil {
		t.Fatal(err)
	}
	if d.Now == nil {
		d.Now = func() time.Time { return at }
	}
	a, err := New(context.Background(), cfg, d)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// New builds what the configuration asks for, each once: its channels
// resolved in the workspace, its transport, a back-fill (on by default),
// and the scheduler given every job once; the hourly nudges are one job
// for every community that enables them, sent by the nudger Home previews
// with (Core's).
func TestNewBuildsFromTheConfiguration(t *testing.T) {
	a := newApp(t, "socket", Deps{})
	if c, ok := a.Directory.Of("C01"); !ok || c.Name != "Security guild" {
		t.Errorf("C01: got %q, %v, want the Security guild's", c.Name, ok)
	}
	if a.Socket == nil || a.HTTP != nil || a.Backfill == nil {
		t.Errorf("got socket %v, HTTP %v, back-fill %v; want Socket Mode and a back-fill",
			a.Socket != nil, a.HTTP != nil, a.Backfill != nil)
	}
	var got []string
	for _, j := range a.Jobs {
		got = append(got, j.Name)
	}
	want := []string{ritualedge.JobName("Data guild", 0, "question_of_the_week"), nudgeedge.JobName, digestedge.JobName,
		privacy.JobName, expert.FitJobName, deliver.JobName("Security guild")}
	if !slices.Equal(got, want) {
		t.Errorf("got the jobs %q, want %q", got, want)
	}
	if h := newApp(t, "http", Deps{NoJobs: true}); h.HTTP == nil || h.Socket != nil || len(h.Jobs) != 0 {
		t.Errorf("got HTTP %v, socket %v, %d jobs; want the Events API and no job",
			h.HTTP != nil, h.Socket != nil, len(h.Jobs))
	}
}
