package slackedge

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// A channel that used threads, then answers in the channel: live, the
// answer given a minute later in the channel by someone else answers the
// question before the router invites anyone, as the import reads it
// (bot/inchannel); where threads are the norm, the chatter after a
// question does not.
func TestRouterSeesAnswersInTheChannel(t *testing.T) {
	ctx := context.Background()
	w, _, tr, r := routeRig(t)
	at := int64(1790000000)
	post := func(ch, user, thread, text string) string {
		at += 60
		ts := fmt.Sprintf("%d.000100", at)
		apply(t, w.St, tr, msg(ch, user, ts, thread, text))
		return ts
	}
	for i := range 20 { // both channels: threads
		for _, ch := range []string{"C1", "C2"} {
			q := post(ch, "UALICE", "", fmt.Sprintf("how do we rotate key %d?", i))
			post(ch, "UBOB", q, "with the runbook")
			post(ch, "UCAROL", q, "and tell the on-call")
		}
	}
	for i := range 40 { // C1 then answers in the channel
		post("C1", "UDAVE", "", fmt.Sprintf("what does flag %d do?", i))
		post("C1", "UBOB", "", "it turns the cache off")
	}
	q1 := post("C1", "UALICE", "", "what should setup.py do?")
	post("C1", "UBOB", "", "install the package and its data files")
	q2 := post("C2", "UALICE", "", "what should setup.py do?")
	post("C2", "UBOB", "", "lunch is ready")
	if err := r.Tick(ctx, time.Unix(at, 0).Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if q, err := w.St.QuestionByTS(ctx, "C1", q1); err != nil || q.FirstAnswerer != "UBOB" ||
		q.FirstAnswerAt.Sub(q.AskedAt) != time.Minute {
		t.Fatalf("got %+v, %v; want answered in the channel by bob a minute later", q, err)
	}
	if q, err := w.St.QuestionByTS(ctx, "C2", q2); err != nil || q.FirstAnswerer != "" {
		t.Fatalf("got %+v, %v; want the threaded channel's question still open", q, err)
	}
}
