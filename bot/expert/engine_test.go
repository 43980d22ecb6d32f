package expert

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/workhours"
	"praxis/internal/testkit"
	"praxis/store"
)

// engine loads an engine on w following the store's commits, as app.New
// wires it.
func engine(w *world) *Engine {
	w.T.Helper()
	now := w.Now
	e := New(w.St, bot.Deps{Now: func() time.Time { return now }}, Options{Communities: testkit.ExpertCommunities()})
	w.St.OnCommit(e.Committed)
	if err := e.Load(context.Background()); err != nil {
		w.T.Fatal(err)
	}
	return e
}

// world is the tests' community: testkit.ExpertWorld.
type world = testkit.ExpertWorld

func newWorld(t testing.TB) *world { return testkit.NewExpertWorld(t) }

func users(r Result) []string {
	var out []string
	for _, c := range r.Experts {
		out = append(out, c.User)
	}
	return out
}

func TestRanksWhoAnsweredWithReasons(t *testing.T) {
	w := newWorld(t)
	w.QA("C1", "alice", "How do I release a stuck terraform state lock?", true,
		"bob", "run terraform force-unlock with the lock id, after checking nobody is applying")
	w.QA("C1", "eve", "terraform plan shows drift on every run, any idea?", false,
		"bob", "pin the provider version", "frank", "check the state locking backend too")
	w.QA("C1", "carol", "What is the best way to template helm chart values per environment?", false,
		"dave", "one values file per env and helmfile")
	w.QA("C1", "gina", "anyone going to the offsite?", false, "frank", "yes!")
	w.Post("C1", "bot", "", "terraform terraform terraform state lock reminder")
	e := engine(w)
	res, err := e.Rank(context.Background(), Query{
		Text:    "who knows about terraform state locks?",
		Channel: "C1",
		Asker:   "UCAROL",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := users(res); len(got) < 2 || got[0] != "UBOB" || got[1] != "UFRANK" {
		t.Fatalf("got %v, want bob (2 answers, one accepted) then frank", got)
	}
	bob := res.Experts[0]
	if bob.Answered != 2 || bob.Accepted != 1 || bob.Channel != "platform" || len(bob.Best) != 2 {
		t.Fatalf("got %+v, want 2 answered, 1 accepted in #platform with 2 threads", bob.Evidence)
	}
	reasons := bob.Reasons("en", res.Community, w.Now)
	if !strings.Contains(reasons[0], "answered 2 questions on *terraform state locks* in #platform, most recently today") {
		t.Fatalf("got reasons %q", reasons)
	}
	fr := bob.Reasons("fr", res.Community, w.Now)
	if !strings.Contains(fr[0], "a répondu à 2 questions sur *terraform state locks*") {
		t.Fatalf("got French reasons %q", fr)
	}
	if bob.Score <= 0 || bob.Score > 1 || res.Experts[1].Score > bob.Score {
		t.Fatalf("got scores %v, %v; want 0 < second ≤ first ≤ 1", bob.Score, res.Experts[1].Score)
	}
	if len(res.Threads) == 0 || !strings.Contains(res.Threads[0].Text, "terraform") {
		t.Fatalf("got past threads %+v, want the terraform questions", res.Threads)
	}
	for _, u := range users(res) {
		if u == "UCAROL" || u == "UBOT" {
			t.Fatalf("got %v: the asker and bots are never suggested", users(res))
		}
	}
}

// The asker is never suggested; a member who opts out or is deactivated
// no longer is, from the commit on: the engine follows the store.
func TestAskerOptOutAndDeactivatedAreExcluded(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	w.QA("C1", "alice", "How do I debug a kubernetes pod in CrashLoopBackOff?", true,
		"bob", "kubectl logs --previous", "dave", "describe the pod")
	w.QA("C1", "carol", "kubernetes ingress returns 502?", false,
		"bob", "check the readiness probe", "eve", "and the service port")
	e := engine(w)
	q := Query{Text: "kubernetes pod crash", Channel: "C1", Asker: "UBOB", Limit: 5}
	res, _ := e.Rank(ctx, q)
	if slices.Contains(users(res), "UBOB") {
		t.Fatalf("got %v, want the asker left out", users(res))
	}
	q.Asker = "UALICE"
	if err := w.St.SetSuggestable(ctx, "UBOB", false); err != nil {
		t.Fatal(err)
	}
	if err := w.St.PutMember(ctx, store.Member{ID: "UDAVE", Name: "dave", Deleted: true}); err != nil {
		t.Fatal(err)
	}
	res, _ = e.Rank(ctx, q)
	if got := users(res); slices.Contains(got, "UBOB") || slices.Contains(got, "UDAVE") || !slices.Contains(got, "UEVE") {
		t.Fatalf("got %v, want bob (opted out) and dave (deactivated) left out, eve in", got)
	}
}

func TestSynonymsAndDeclaredExperts(t *testing.T) {
	w := newWorld(t)
	w.QA("C1", "alice", "our kube cluster autoscaler is stuck, help?", false,
		"frank", "bump the max nodes in the node group")
	e := engine(w)
	res, _ := e.Rank(context.Background(), Query{Text: "k8s autoscaling", Channel: "C1", Asker: "UCAROL"})
	got := users(res)
	if !slices.Contains(got, "UFRANK") {
		t.Fatalf("got %v, want frank found through the synonyms k8s = kube", got)
	}
	if !slices.Contains(got, "UHUGO") {
		t.Fatalf("got %v, want hugo, declared kubernetes expert", got)
	}
	if res.Topic != "kubernetes" {
		t.Fatalf("got topic %q, want the declared topic", res.Topic)
	}
}

func TestFrenchQuestionsMeetFrenchThreads(t *testing.T) {
	w := newWorld(t)
	w.QA("C2", "alice", "Comment déployer une nouvelle version sans coupure ?", true,
		"gina", "On fait des déploiements progressifs avec un canari.")
	w.QA("C2", "carol", "Quelqu'un sait configurer les sauvegardes de la base ?", false,
		"eve", "Les sauvegardes sont planifiées la nuit.")
	e := engine(w)
	res, _ := e.Rank(context.Background(), Query{
		Text:    "qui connaît les déploiements sans interruption ?",
		Channel: "C2",
		Asker:   "UBOB",
	})
	if got := users(res); len(got) == 0 || got[0] != "UGINA" {
		t.Fatalf("got %v, want gina first", got)
	}
}

// Threads written, reacted to and deleted after the load are found as
// they are, with no one telling the engine but the store.
func TestIndexFollowsLiveMessages(t *testing.T) {
	w := newWorld(t)
	w.QA("C3", "alice", "how do we partition the events table in the warehouse?", false, "bob", "by day")
	e := engine(w)
	ctx := context.Background()
	q := Query{Text: "warehouse table partitioning", Channel: "C3", Asker: "UCAROL"}
	res, _ := e.Rank(ctx, q)
	if got := users(res); len(got) != 1 || got[0] != "UBOB" {
		t.Fatalf("got %v, want bob", got)
	}
	// New threads arrive: eve answers two partitioning questions, and is ticked.
	for _, text := range []string{
		"partitioning the clicks table in the warehouse?",
		"should the orders table be partitioned by month?",
	} {
		ts := w.Post("C3", "frank", "", text)
		r := w.Post("C3", "eve", ts, "partition by month and cluster by customer, it keeps the warehouse scans small")
		w.React("C3", r, "frank", "white_check_mark")
	}
	res, _ = e.Rank(ctx, q)
	if got := users(res); len(got) < 2 || got[0] != "UEVE" {
		t.Fatalf("got %v, want eve first after her accepted answers", got)
	}
	if res.Experts[0].Accepted != 2 {
		t.Fatalf("got %+v, want 2 accepted answers", res.Experts[0].Evidence)
	}
	// A deleted answer stops counting.
	var tsList []string
	_ = w.St.ScanChannel(ctx, "C3", func(m store.ChannelMessage) error {
		if m.UserID == "UEVE" {
			tsList = append(tsList, m.TS)
		}
		return nil
	})
	for _, ts := range tsList {
		if err := w.St.Batch(ctx, func(tx *store.Tx) error { return tx.DeleteMessage(ctx, "C3", ts, w.Now) }); err != nil {
			t.Fatal(err)
		}
	}
	res, _ = e.Rank(ctx, q)
	if slices.Contains(users(res), "UEVE") {
		t.Fatalf("got %v, want eve gone once her answers are deleted", users(res))
	}
}

func TestOldExpertiseFades(t *testing.T) {
	w := newWorld(t)
	w.Now = w.Now.Add(-2 * 365 * 24 * time.Hour)
	w.QA("C3", "alice", "how to tune spark shuffle partitions?", true,
		"bob", "set spark.sql.shuffle.partitions to 2-3x the cores")
	w.Now = w.Now.Add(2*365*24*time.Hour - 48*time.Hour)
	w.QA("C3", "carol", "spark shuffle partitions too many small files?", false, "dave", "coalesce before writing")
	e := engine(w)
	res, _ := e.Rank(context.Background(), Query{Text: "spark shuffle partitions", Channel: "C3", Asker: "UEVE"})
	if got := users(res); len(got) < 2 || got[0] != "UDAVE" {
		t.Fatalf("got %v, want dave's recent answer before bob's two-year-old accepted one", got)
	}
}

func TestAvailabilityAndRotation(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	for i := 0; i < 3; i++ {
		w.QA("C1", "alice", fmt.Sprintf("postgres vacuum question %d?", i), false,
			"bob", "autovacuum tuning", "dave", "autovacuum tuning too")
	}
	e := engine(w)
	q := Query{Text: "postgres vacuum", Channel: "C1", Asker: "UCAROL", Available: true, Now: w.Now}
	res, _ := e.Rank(ctx, q)
	if len(res.Experts) != 2 {
		t.Fatalf("got %v", users(res))
	}
	// bob is on leave: dave comes first, bob stays, flagged.
	away := store.Member{ID: "UBOB", Name: "bob", TZ: "UTC", Status: ":palm_tree: On vacation"}
	if err := w.St.PutMember(ctx, away); err != nil {
		t.Fatal(err)
	}
	res, _ = e.Rank(ctx, q)
	if got := users(res); got[0] != "UDAVE" || res.Experts[1].Unavailable != "away" {
		t.Fatalf("got %v %+v, want dave first and bob marked away", got, res.Experts)
	}
	// bob is back; dave used his weekly budget: bob first, dave flagged busy.
	if err := w.St.PutMember(ctx, store.Member{ID: "UBOB", Name: "bob", TZ: "UTC"}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		ping := store.Ping{MemberID: "UDAVE", ChannelID: "C1", QuestionTS: fmt.Sprint(i), Kind: "routed", At: w.Now}
		if err := w.St.AddPing(ctx, ping); err != nil {
			t.Fatal(err)
		}
	}
	res, err := e.Rank(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if got := users(res); got[0] != "UBOB" || res.Experts[0].Unavailable != "" || res.Experts[1].Unavailable != "busy" {
		t.Fatalf("got %v %+v, want bob first and dave flagged busy", got, res.Experts)
	}
	again := store.Ping{MemberID: "UDAVE", ChannelID: "C1", QuestionTS: "0", Kind: "routed", At: w.Now}
	if err := w.St.AddPing(ctx, again); err == nil {
		t.Fatal("got a second ping for the same question accepted, want ErrPinged")
	}
}

// A rebuild from the store gives the same answers as the index kept
// current by following the store's commits.
func TestReloadAgreesWithLiveIndex(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	e := engine(w)
	for i := 0; i < 5; i++ {
		ts := w.Post("C3", "alice", "", fmt.Sprintf("how to backfill the orders table %d?", i))
		w.Post("C3", []string{"bob", "eve"}[i%2], ts, "run the backfill job by partition")
	}
	q := Query{Text: "backfill orders table", Channel: "C3", Asker: "UCAROL", Limit: 5}
	live, _ := e.Rank(ctx, q)
	if err := e.Load(ctx); err != nil {
		t.Fatal(err)
	}
	again, _ := e.Rank(ctx, q)
	if fmt.Sprint(users(live)) != fmt.Sprint(users(again)) || len(live.Experts) != 2 {
		t.Fatalf("got %v live, %v after a reload", users(live), users(again))
	}
}

// Near-equal candidates take turns: which of two equally good people comes
// first depends on the question, so that one does not get every ping.
func TestRotationSharesTheLoad(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	for i := 0; i < 3; i++ {
		w.QA("C1", "alice", fmt.Sprintf("redis eviction question %d?", i), false, "bob", "maxmemory policy allkeys-lru")
		w.QA("C1", "carol", fmt.Sprintf("redis eviction issue %d?", i), false, "dave", "maxmemory policy allkeys-lru")
	}
	e := engine(w)
	first := map[string]int{}
	for i := 0; i < 40; i++ {
		res, err := e.Rank(ctx, Query{
			Text:      fmt.Sprintf("redis eviction policy %d", i),
			Channel:   "C1",
			Asker:     "UEVE",
			Available: true,
			Now:       w.Now,
		})
		if err != nil {
			t.Fatal(err)
		}
		first[res.Experts[0].User]++
	}
	if first["UBOB"] < 8 || first["UDAVE"] < 8 {
		t.Fatalf("got first places %v, want bob and dave to take turns", first)
	}
	// Without availability (the CLI, the evaluation) the order is stable.
	a, _ := e.Rank(ctx, Query{Text: "redis eviction policy 1", Channel: "C1", Asker: "UEVE"})
	b, _ := e.Rank(ctx, Query{Text: "redis eviction policy 2", Channel: "C1", Asker: "UEVE"})
	if users(a)[0] != users(b)[0] {
		t.Fatalf("got %v and %v, want the same order without rotation", users(a), users(b))
	}
}

// Who is at work is read from the question's community's working days,
// hours and public holidays, on the clock of the member's own time zone: on
// Christmas Day the French community's members are off, the day before
// they are not; at 08:30 in Paris, before their hours, they are off too.
func TestAvailabilityFollowsTheCommunitysHoursAndHolidays(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	for i := 0; i < 2; i++ {
		w.QA("C1", "alice", fmt.Sprintf("postgres vacuum question %d?", i), false, "bob", "autovacuum tuning")
	}
	if err := w.St.PutMember(ctx, store.Member{ID: "UBOB", Name: "bob", TZ: "Europe/Paris"}); err != nil {
		t.Fatal(err)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	hours, err := workhours.ParseHours("09:00-18:00", "mon-fri", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if hours.Holidays, err = workhours.ParseHolidays("FR", nil); err != nil {
		t.Fatal(err)
	}
	cs := testkit.ExpertCommunities()
	cs[0].Hours = hours
	e := New(w.St, bot.Deps{Now: func() time.Time { return w.Now }}, Options{Communities: cs})
	if err := e.Load(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 12, 24, 11, 0, 0, 0, paris), ""},          // a Thursday at work
		{time.Date(2026, 12, 25, 11, 0, 0, 0, paris), "off_hours"}, // Christmas Day, a Friday
		{time.Date(2026, 12, 24, 8, 30, 0, 0, paris), "off_hours"}, // 07:30 UTC is 08:30 for him
		{time.Date(2026, 12, 24, 17, 30, 0, 0, paris), ""},         // 16:30 UTC, still his working day
	} {
		res, err := e.Rank(ctx, Query{Text: "postgres vacuum", Channel: "C1", Asker: "UCAROL", Available: true, Now: c.at})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Experts) == 0 || res.Experts[0].User != "UBOB" || res.Experts[0].Unavailable != c.want {
			t.Errorf("at %s: got %+v, want bob marked %q", c.at, res.Experts, c.want)
		}
	}
}
