package demo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	digestedge "praxis/bot/digest/slackedge"
	nudgeedge "praxis/bot/nudge/slackedge"
	"praxis/internal/slackemu"
	"praxis/store"
)

// day is the start of a day (1-based) of the replay: day 1 is the Monday
// after the sample history ends.
func (d *demo) day(day int) time.Time {
	monday := d.ws.Options.End
	for monday.Weekday() != time.Monday {
		monday = monday.AddDate(0, 0, 1)
	}
	return monday.AddDate(0, 0, day-1)
}

// at moves the emulated clock to a day (1-based) and time of the replay.
func (d *demo) at(ctx context.Context, day int, hhmm string) time.Time {
	t, _ := time.Parse("15:04", hhmm)
	when := d.day(day).Add(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute)
	var err error
	if when.Truncate(time.Hour) != d.now().Truncate(time.Hour) {
		// A new hour: the hourly jobs run at once, on what Praxis has
		// processed by then. Let it catch up with the scenes first.
		err = d.quiesce(ctx)
	}
	d.clock.Store(when.UnixNano())
	if err == nil {
		err = d.settle(ctx)
	}
	if err != nil && d.lag == nil {
		d.lag = err
	}
	return when
}

// quiesce waits until every event the emulator sent is acknowledged and
// processed.
func (d *demo) quiesce(ctx context.Context) error {
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := d.emu.WaitAcked(wctx); err != nil {
		return fmt.Errorf("events not acknowledged: %w", err)
	}
	st, err := store.Open(wctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	for {
		if depth, err := st.InboxDepth(wctx); err == nil && depth == 0 {
			return nil
		}
		select {
		case <-wctx.Done():
			return fmt.Errorf("Praxis did not process the events in time (see %s/praxis.log)", d.Dir)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// hourlyJobs are the jobs serve runs every hour (UTC): settle waits for
// their period before the replay goes on.
var hourlyJobs = []string{nudgeedge.JobName, digestedge.JobName}

// settle waits until the hourly jobs have dealt with the hour the clock is
// in (done or skipped) and the outbox has posted what they enqueued, so
// that what Praxis does at each hour of the replay, and when it shows, does
// not depend on how fast the machine is.
func (d *demo) settle(ctx context.Context) error {
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	st, err := store.Open(wctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	hour := d.now().Truncate(time.Hour)
	for _, job := range hourlyJobs {
		for {
			r, err := st.LastJobRun(wctx, job, store.RunDone, store.RunSkipped, store.RunFailed)
			if err == nil && !r.ScheduledAt.Before(hour) {
				break
			}
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			select {
			case <-wctx.Done():
				return fmt.Errorf("the %s job did not run its %s period in time (see %s/praxis.log)",
					job, hour.Format(time.RFC3339), d.Dir)
			case <-time.After(5 * time.Millisecond):
			}
		}
	}
	for {
		out, err := st.OutboxCounts(wctx)
		if err == nil && out[store.OutPending]+out[store.OutSending] == 0 {
			return nil
		}
		select {
		case <-wctx.Done():
			return fmt.Errorf("the outbox did not drain in time (see %s/praxis.log)", d.Dir)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// awaitPraxis waits until every event is acknowledged and processed and
// Praxis has posted n answers (n of those match accepts, when given), then
// prints them.
func (d *demo) awaitPraxis(ctx context.Context, before, n int, match func(slackemu.Posted) bool) error {
	if d.lag != nil {
		return d.lag
	}
	if err := d.quiesce(ctx); err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	st, err := store.Open(wctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	for {
		depth, err := st.InboxDepth(wctx)
		out, oerr := st.OutboxCounts(wctx)
		drained := err == nil && oerr == nil && depth == 0 && out[store.OutPending]+out[store.OutSending] == 0
		if drained && matching(d.answers(before), match) >= n {
			break
		}
		select {
		case <-wctx.Done():
			return fmt.Errorf("Praxis did not process everything in time (see %s/praxis.log)", d.Dir)
		case <-time.After(20 * time.Millisecond):
		}
	}
	if len(d.answers(before)) == 0 {
		return nil
	}
	d.say("\n   What Praxis said:")
	// In a stable order: replies to concurrent events may come in any.
	ps := d.answers(before)
	rank := func(p slackemu.Posted) int {
		switch {
		case strings.HasPrefix(p.Channel, "D"):
			return 3
		case p.Ephemeral:
			return 1
		case p.ThreadTS != "":
			return 2
		}
		return 0
	}
	slices.SortStableFunc(ps, func(a, b slackemu.Posted) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.Text, b.Text))
	})
	for _, p := range ps {
		where := "in #" + d.channelName(p.Channel)
		switch {
		case strings.HasPrefix(p.Channel, "D"):
			where = "in a direct message"
		case p.Ephemeral:
			where += ", visible only to the asker"
		case p.ThreadTS != "":
			where += ", in the thread"
		}
		d.say("   → %s:", where)
		for _, l := range strings.Split(p.Text, "\n") {
			d.say("       %s", l)
		}
	}
	return nil
}

func matching(ps []slackemu.Posted, match func(slackemu.Posted) bool) int {
	if match == nil {
		return len(ps)
	}
	n := 0
	for _, p := range ps {
		if match(p) {
			n++
		}
	}
	return n
}

func (d *demo) answers(before int) []slackemu.Posted {
	var out []slackemu.Posted
	for _, p := range d.emu.Posted()[before:] {
		if p.Method == "chat.postMessage" || p.Method == "chat.postEphemeral" || p.Method == "response_url" {
			out = append(out, p)
		}
	}
	return out
}

func (d *demo) channelName(id string) string {
	for _, c := range d.ws.Channels {
		if c.ID == id {
			return c.Name
		}
	}
	return id
}
