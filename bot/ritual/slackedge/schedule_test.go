package slackedge

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/schedule"
	"praxis/internal/testkit"
	"praxis/store"
)

// The scheduler runs a ritual at its time in the community's zone (Monday
// 10:00 in Paris, the day after clocks went forward: 08:00 UTC) and the
// post waits in the outbox under the job's and the period's key.
func TestSchedulerPostsRitual(t *testing.T) {
	clk := testkit.NewClock(testkit.UTC("2026-03-30T07:59:00Z"))
	st := testkit.Store(t, clk.Now)
	paris := testkit.Zone(t, "Europe/Paris")
	plans := []bot.Community{{Name: "Guilde data", Language: "fr", Loc: paris, Rituals: []bot.Ritual{
		{Kind: bot.RitualQuestionOfTheWeek, Spec: "0 10 * * MON", ChannelID: "C0DATA", Questions: []string{"Un outil ?"}},
	}}}
	key := "ritual:Guilde data:0:question_of_the_week:2026-03-30T08:00:00Z"
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	run := func(until time.Time) {
		t.Helper()
		d := bot.Deps{Now: clk.Now, Log: log}
		s := schedule.New(st, d, schedule.Options{After: clk.After})
		for _, j := range New(st, plans, d, Options{}).Jobs() {
			if err := s.Add(j); err != nil {
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- s.Run(ctx) }()
		// Move the clock a second at a time (so a sleep started at any
		// moment wakes) until the run is recorded.
		deadline := time.Now().Add(20 * time.Second)
		for {
			r, err := st.LastJobRun(context.Background(), JobName(plans[0].Name, 0, plans[0].Rituals[0].Kind), store.RunDone)
			if err == nil && r.Period == "2026-03-30T08:00:00Z" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the ritual did not run: %v", err)
			}
			if now := clk.Now(); now.Before(until) {
				clk.Set(now.Add(time.Second))
			}
			time.Sleep(2 * time.Millisecond)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	run(testkit.UTC("2026-03-30T09:00:00Z"))
	row, err := st.OutboxByKey(context.Background(), key)
	if err != nil {
		t.Fatalf("the post: %v", err)
	}
	if row.ChannelID != "C0DATA" || row.Method != "chat.postMessage" {
		t.Errorf("got %s to %s, want chat.postMessage to C0DATA", row.Method, row.ChannelID)
	}
	if counts, _ := st.OutboxCounts(context.Background()); counts[store.OutPending] != 1 {
		t.Errorf("got %d messages, want 1", counts[store.OutPending])
	}
}
