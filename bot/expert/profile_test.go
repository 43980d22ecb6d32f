package expert

import (
	"context"
	"testing"

	"praxis/bot"
	"praxis/store"
)

func TestProfile(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	// Bob answers terraform questions (one ticked, one thanked), and one
	// about kubernetes by its synonym; in the Data community, a terraform
	// thread of his counts for no Platform topic.
	q1 := w.QA("C1", "alice", "How do I release a stuck terraform state lock?", true,
		"bob", "terraform force-unlock with the lock id")
	q2 := w.Post("C2", "eve", "", "terraform plan shows drift on every run, any idea?")
	w.Post("C2", "bob", q2, "pin the provider version")
	w.Post("C2", "eve", q2, "thanks, that was it")
	w.QA("C1", "carol", "Our k8s pods restart in a loop, why?", false, "bob", "look at the liveness probe")
	w.QA("C3", "dave", "terraform for the warehouse?", true, "bob", "yes, the snowflake provider")
	w.QA("C1", "frank", "Anyone used helm for this?", false, "dave", "yes")
	addSkill(t, w, "UCAROL", "Helm")
	addSkill(t, w, "UBOB", "terraform")
	e := engine(w)

	bob, err := e.Profile(ctx, "UBOB", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(bob) != 2 || bob[0].Name != "terraform" || bob[1].Name != "kubernetes" {
		t.Fatalf("got %+v, want terraform then kubernetes", bob)
	}
	tf := bob[0]
	if tf.Community != "Platform" || tf.Answered != 2 || tf.Accepted != 1 || tf.Thanked != 1 ||
		!tf.Skill || tf.Declared || len(tf.Best) != 2 {
		t.Fatalf("got %+v, want 2 Platform answers (one accepted, one thanked), his skill, two threads", tf)
	}
	if tf.Best[0].TS != q1 || tf.Best[0].Channel != "platform" ||
		tf.Best[1].TS != q2 || tf.Best[1].Channel != "plateforme" {
		t.Fatalf("got threads %+v, want the accepted answer first, then the thanked one", tf.Best)
	}
	if tf.Last.IsZero() || !tf.Evidence() {
		t.Fatalf("got %+v, want a last answer", tf)
	}
	if k := bob[1]; k.Answered != 1 || k.Accepted != 0 || k.Skill {
		t.Fatalf("got %+v, want one kubernetes answer found by its synonym k8s", k)
	}

	// Carol declared helm, a topic of no community: it shows without
	// evidence of hers (dave's answer is not hers). Hugo was named an
	// expert of kubernetes. Gina has nothing.
	carol, err := e.Profile(ctx, "UCAROL", 5)
	if err != nil || len(carol) != 1 || carol[0].Name != "Helm" || !carol[0].Skill || carol[0].Evidence() ||
		carol[0].Community != "" {
		t.Fatalf("got %+v, %v; want her declared skill alone", carol, err)
	}
	// Helm is nobody's topic but carol's skill: dave's answer on it counts
	// for the channel where he gave it.
	dave, err := e.Profile(ctx, "UDAVE", 5)
	if err != nil || len(dave) != 1 || dave[0].Name != "#platform" || dave[0].Answered != 1 {
		t.Fatalf("got %+v, %v; want #platform, where he answered", dave, err)
	}
	hugo, err := e.Profile(ctx, "UHUGO", 5)
	if err != nil || len(hugo) != 1 || hugo[0].Name != "kubernetes" || !hugo[0].Declared || hugo[0].Evidence() {
		t.Fatalf("got %+v, %v; want kubernetes, declared by the facilitators", hugo, err)
	}
	if gina, err := e.Profile(ctx, "UGINA", 5); err != nil || len(gina) != 0 {
		t.Fatalf("got %+v, %v; want nothing", gina, err)
	}
	if one, err := e.Profile(ctx, "UBOB", 1); err != nil || len(one) != 1 {
		t.Fatalf("got %+v, %v; want the limit kept", one, err)
	}

	// A profile waits for the index, within the context.
	cold := New(w.St, bot.Deps{}, Options{})
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := cold.Profile(cctx, "UBOB", 5); err == nil {
		t.Fatal("got a profile from an index never loaded, want the context's error")
	}
}

func addSkill(t *testing.T, w *world, member, skill string) {
	t.Helper()
	add := func(tx *store.Tx) error { return tx.AddSkill(context.Background(), member, skill) }
	if err := w.St.Batch(context.Background(), add); err != nil {
		t.Fatal(err)
	}
}

// A member whose answers match no declared topic is credited by channel:
// where they answered, with the threads behind it.
func TestProfileFallsBackToChannels(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	q := w.QA("C3", "alice", "Which warehouse partitioning do we use for events?", true,
		"gina", "daily partitions on event_date")
	w.QA("C3", "bob", "How long do we keep raw events?", false, "gina", "ninety days, then aggregates")
	e := engine(w)
	got, err := e.Profile(ctx, "UGINA", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "#data" || got[0].Community != "Data" ||
		got[0].Answered != 2 || got[0].Accepted != 1 || len(got[0].Best) != 2 || got[0].Best[0].TS != q {
		t.Fatalf("got %+v, want #data with her two answers, the accepted one first", got)
	}
	if nobody, _ := e.Profile(ctx, "UFRANK", 5); len(nobody) != 0 {
		t.Fatalf("got %+v for a member who answered nothing", nobody)
	}
}
