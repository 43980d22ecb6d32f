package expert

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"praxis/bot/schedule"
)

// buddies is a workspace where who answers depends on who asks, not on
// what: each asker's questions are always answered by the same person, on
// topics drawn at random. The defaults, which trust the topic most, rank
// poorly there; a fit learns that answering the asker before is what
// counts.
func buddies(t *testing.T, threads int) *world {
	w := newWorld(t)
	pairs := [][2]string{{"alice", "bob"}, {"carol", "dave"}, {"eve", "frank"}, {"gina", "hugo"}}
	words := []string{"terraform", "helm", "postgres", "kafka", "spark", "grafana", "vault", "nginx", "redis", "airflow"}
	for i := range threads {
		p := pairs[i%len(pairs)]
		a, b := words[(i*7)%len(words)], words[(i*3+1)%len(words)]
		q := w.Post("C3", p[0], "", fmt.Sprintf("how do I configure %s together with %s in staging?", a, b))
		w.Post("C3", p[1], q, fmt.Sprintf("I would look at the %s settings first", words[(i*5+2)%len(words)]))
		w.Now = w.Now.Add(3 * time.Hour)
	}
	return w
}

func TestFitLearnsTheWorkspace(t *testing.T) {
	ctx := context.Background()
	w := buddies(t, 400)
	e := engine(w)
	m, err := e.Fit(ctx, FitOptions{Now: w.Now})
	if err != nil {
		t.Fatal(err)
	}
	def := DefaultModel()
	ratio := func(w [nFeatures]float64) float64 { return w[fHelped] / (w[fTopic] + 1e-9) }
	if !m.Fitted || m.Quality.MRR < 0.9 || m.Quality.MRR <= m.Quality.DefaultMRR ||
		ratio(m.Weights) <= ratio(def.Weights) {
		t.Fatalf("got %s %+v\n%s: want a fit that beats the defaults by weighing the asker's helpers more",
			m.Note, m.Quality, m.Describe())
	}
	if m.Quality.Queries < 100 || m.Quality.Checked == 0 || !m.FittedAt.Equal(w.Now) {
		t.Fatalf("got %+v fitted at %v", m.Quality, m.FittedAt)
	}
	// The engine ranks with it now, and a new one loads it from the store.
	res, err := e.Rank(ctx, Query{
		Text:    "how do I configure vault together with kafka in staging?",
		Channel: "C3",
		Asker:   "UCAROL",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := users(res); len(got) == 0 || got[0] != "UDAVE" {
		t.Fatalf("got %v, want dave, who answers carol", got)
	}
	again := engine(w)
	if got := again.Model(); got.Weights != m.Weights || !got.Fitted || got.Quality != m.Quality {
		t.Fatalf("loaded %+v, want the fitted model %+v", got, m)
	}
}

func TestFitKeepsTheDefaultsOnAThinHistory(t *testing.T) {
	w := buddies(t, 20)
	e := engine(w)
	m, err := e.Fit(context.Background(), FitOptions{Now: w.Now})
	if err != nil {
		t.Fatal(err)
	}
	if m.Fitted || m.Weights != DefaultModel().Weights || !strings.Contains(m.Note, "needed to fit") {
		t.Fatalf("got %+v, want the defaults and why", m)
	}
	if got := engine(w).Model(); got.Fitted || got.Note != m.Note {
		t.Fatalf("loaded %+v, want the stored defaults with their note", got)
	}
}

// The weekly job fits as of its period.
func TestFitJob(t *testing.T) {
	w := buddies(t, 400)
	e := engine(w)
	j := e.FitJob()
	if j.Name != FitJobName || j.Spec == "" {
		t.Fatalf("got %+v", j)
	}
	at := w.Now.Add(48 * time.Hour)
	if err := j.Fn(context.Background(), schedule.Period{At: at}); err != nil {
		t.Fatal(err)
	}
	if m := engine(w).Model(); !m.Fitted || !m.FittedAt.Equal(at) {
		t.Fatalf("got %+v, want a model fitted at %v", m, at)
	}
}

// A stored model names its weights by feature: an unknown one is ignored,
// a missing one keeps its default, one out of range too.
func TestModelJSON(t *testing.T) {
	m := DefaultModel()
	m.Weights[fHelped], m.Fitted, m.Note = 2, true, "fitted"
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Model
	if err := json.Unmarshal(b, &back); err != nil || back.Weights != m.Weights || !back.Fitted || back.Note != "fitted" {
		t.Fatalf("got %+v, %v from %s", back, err, b)
	}
	in := `{"weights": {"topic": 3, "gone_feature": 9, "helped_asker": -1, "reactions": 1e9}, "fitted": true}`
	if err := json.Unmarshal([]byte(in), &back); err != nil {
		t.Fatal(err)
	}
	want := DefaultModel().Weights
	want[fTopic] = 3
	if back.Weights != want {
		t.Fatalf("got %v, want %v", back.Weights, want)
	}
}

// Query.At ranks with what was known then: a thread started later is no
// evidence, nor an answer given later in an older thread.
func TestRankAsOf(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	q1 := w.QA("C3", "alice", "how do we vacuum the postgres replicas?", false, "bob", "vacuum runs on the primary only")
	w.Now = w.Now.Add(24 * time.Hour)
	then := w.Now
	w.Now = w.Now.Add(24 * time.Hour)
	w.Post("C3", "eve", q1, "and analyze the replicas after a failover")
	w.QA("C3", "carol", "postgres replicas lag during vacuum, why?", false, "frank", "hot_standby_feedback")
	e := engine(w)
	res, err := e.Rank(ctx, Query{Text: "postgres replicas vacuum", Channel: "C3", Asker: "UGINA", At: then, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if got := users(res); len(got) != 1 || got[0] != "UBOB" {
		t.Fatalf("as of %v: got %v, want bob only", then, got)
	}
	res, _ = e.Rank(ctx, Query{Text: "postgres replicas vacuum", Channel: "C3", Asker: "UGINA", Limit: 5})
	if got := users(res); len(got) != 3 {
		t.Fatalf("now: got %v, want bob, eve and frank", got)
	}
}

// Where the defaults already rank the latest threads as well as a fit
// would, the defaults stay, and the model says so.
func TestFitKeepsTheDefaultsWhenTheyDoAsWell(t *testing.T) {
	w := newWorld(t)
	experts := map[string]string{"terraform": "bob", "helm": "dave", "postgres": "frank", "kafka": "hugo"}
	topics := []string{"terraform", "helm", "postgres", "kafka"}
	askers := []string{"alice", "carol", "eve", "gina"}
	for i := range 400 {
		topic := topics[i%len(topics)]
		q := w.Post("C3", askers[(i/4)%len(askers)], "", fmt.Sprintf("how do we upgrade %s without downtime?", topic))
		w.Post("C3", experts[topic], q, fmt.Sprintf("for %s, roll the nodes one by one", topic))
		w.Now = w.Now.Add(3 * time.Hour)
	}
	m, err := engine(w).Fit(context.Background(), FitOptions{Now: w.Now})
	if err != nil {
		t.Fatal(err)
	}
	if m.Fitted || m.Weights != DefaultModel().Weights || !strings.Contains(m.Note, "did not rank the latest") ||
		m.Quality.DefaultMRR < 0.9 {
		t.Fatalf("got %s %+v: want the defaults, which already find each topic's expert", m.Note, m.Quality)
	}
}

// A store imported long ago is read as of its history's end: asked a
// month or three years later, without saying when (no Query.At), the
// evidence is faded from the end, not from the clock, and who was around
// at the end still counts (faded from the wall clock, a one-hour half-life
// is below the smallest float after 45 days). Only the two features of
// who is around change, looking at a span as long as the wait (see
// TestAQuestionLongAfterTheHistoryReadsLongerActivity). The hour of the
// question is not known then: "active at this hour" counts for no one,
// neither the clock's hour nor the hours the channel's threads start at.
func TestAStaleHistoryRanksAsOfItsEnd(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	w.QA("C3", "alice", "how do we vacuum the postgres replicas?", false, "bob", "vacuum runs on the primary only")
	w.Now = w.Now.Add(72 * time.Hour)
	w.QA("C3", "carol", "why do the kafka consumers lag at night?", false, "frank", "the batch jobs start at 2am")
	w.Now = w.Now.Add(5 * time.Hour)
	w.QA("C3", "gina", "which spark version runs on the cluster?", false, "dave", "3.5, see the runbook")
	end := w.Now
	e := engine(w)
	rank := func(now time.Time) []Candidate {
		t.Helper()
		res, err := e.Rank(ctx, Query{
			Text:    "how do I tune the replicas?",
			Channel: "C3",
			Asker:   "UEVE",
			Now:     now,
			Limit:   5,
			Explain: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		return res.Experts
	}
	month, years := rank(end.Add(30*24*time.Hour)), rank(end.AddDate(3, 0, 0))
	show := func(cs []Candidate) string {
		var b strings.Builder
		for _, c := range cs {
			fmt.Fprintf(&b, "%s %.2f", c.User, c.Score)
			for f, x := range c.Explain {
				if f != fRecent && f != fAround {
					fmt.Fprintf(&b, " %s=%.3f", x.Feature, x.Value)
				}
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	if show(month) != show(years) {
		t.Fatalf("a month after the end:\n%sthree years after:\n%swant the same ranking", show(month), show(years))
	}
	for _, c := range years {
		if around := c.Explain[fAround].Value; around == 0 {
			t.Errorf("%s: around_now 0, want what they did before the end to count", c.User)
		}
		if hour := c.Explain[fHour].Value; hour != 0 {
			t.Errorf("%s: active_at_this_hour %.3f, want 0: the question's hour is not known", c.User, hour)
		}
	}
	if evening := rank(end.AddDate(3, 0, 0).Add(9 * time.Hour)); show(evening) != show(years) {
		t.Errorf("nine hours later:\n%swant the same ranking: the hour of an undated question is not known", show(evening))
	}
}

// Asked long after the history's end, who is around is told by activity
// over a span as long: bob answered every other day for three weeks until
// ten days before the end, carol once, at the end. Right after the end,
// carol is the recently active one; a month later, bob is.
func TestAQuestionLongAfterTheHistoryReadsLongerActivity(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	for i := range 10 {
		w.QA("C3", "alice", fmt.Sprintf("how do we size the kafka partitions, take %d?", i), false, "bob", "by throughput")
		w.Now = w.Now.Add(2 * 24 * time.Hour)
	}
	w.Now = w.Now.Add(10 * 24 * time.Hour)
	w.QA("C3", "gina", "which spark version runs on the cluster?", false, "carol", "3.5, see the runbook")
	end := w.Now
	e := engine(w)
	recent := func(at time.Time) map[string]float64 {
		t.Helper()
		q := Query{Text: "how do I tune the consumers?", Channel: "C3", Asker: "UEVE", At: at, Limit: 10, Explain: true}
		res, err := e.Rank(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]float64{}
		for _, c := range res.Experts {
			out[c.User] = c.Explain[fRecent].Value
		}
		return out
	}
	if r := recent(end.Add(time.Minute)); r["UCAROL"] <= r["UBOB"] {
		t.Errorf("right after the end: recently_active %v, want carol above bob", r)
	}
	if r := recent(end.AddDate(0, 1, 0)); r["UBOB"] <= r["UCAROL"] {
		t.Errorf("a month later: recently_active %v, want bob above carol", r)
	}
}
