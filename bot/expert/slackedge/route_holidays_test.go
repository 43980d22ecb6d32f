package slackedge

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"praxis/bot/workhours"
	"praxis/store"
)

// TestRouterWaitsOutHolidays is issue 14's story: in a French community
// working 09:00-18:00 Monday to Friday, a question asked on Thursday 24
// December 2026 at 17:00 waits 4 working hours for an answer. Christmas
// and the weekend hold none: experts are invited on Monday the 28th at
// 12:00, and the facilitators told after 12 working hours, on Tuesday the
// 29th at 11:00.
func TestRouterWaitsOutHolidays(t *testing.T) {
	ctx := context.Background()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	h, err := workhours.ParseHours("09:00-18:00", "mon-fri", paris)
	if err != nil {
		t.Fatal(err)
	}
	if h.Holidays, err = workhours.ParseHolidays("FR", nil); err != nil {
		t.Fatal(err)
	}
	w, _, tr, r := routeRigIn(t, h, RouterOptions{})
	p := func(day, hour, minute int) time.Time { return time.Date(2026, 12, day, hour, minute, 0, 0, paris) }
	ts := fmt.Sprintf("%d.000100", p(24, 17, 0).Unix())
	apply(t, w.St, tr, msg("C1", "UFRANK", ts, "", "Why does my kubernetes pod restart after a deploy?"))
	for _, at := range []time.Time{p(25, 12, 0), p(26, 12, 0), p(28, 11, 59)} {
		if err := r.Tick(ctx, at); err != nil {
			t.Fatal(err)
		}
		if _, err := w.St.OutboxByKey(ctx, "route:C1:"+ts); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("at %v: got %v, want nothing routed yet", at, err)
		}
	}
	if err := r.Tick(ctx, p(28, 12, 0)); err != nil {
		t.Fatal(err)
	}
	if _, m := outText(t, w.St, "route:C1:"+ts); !strings.Contains(m.Text, "4 working hours") {
		t.Fatalf("got %q, want the experts invited after 4 working hours", m.Text)
	}
	if err := r.Tick(ctx, p(29, 10, 59)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.St.OutboxByKey(ctx, "escalate:C1:"+ts+":UHUGO"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want no escalation before 12 working hours", err)
	}
	if err := r.Tick(ctx, p(29, 11, 0)); err != nil {
		t.Fatal(err)
	}
	if _, m := outText(t, w.St, "escalate:C1:"+ts+":UHUGO"); !strings.Contains(m.Text, "12 working hours") {
		t.Fatalf("got %q, want the facilitators told after 12 working hours", m.Text)
	}
}
