package record

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"praxis/bot"
	"praxis/internal/testkit"
	"praxis/store"
)

var errSlow = errors.New("ratelimited")

// slackProfiles answers users.info like Slack, once gate is closed (nil:
// at once); its first `limited` calls are refused as too fast.
type slackProfiles struct {
	gate    chan struct{}
	limited int
	unknown string // a member users.info does not know

	mu    sync.Mutex
	calls map[string]int
	total int
}

func (s *slackProfiles) Profile(ctx context.Context, id string) (store.Member, error) {
	s.mu.Lock()
	s.calls[id]++
	s.total++
	n := s.total
	s.mu.Unlock()
	if s.gate != nil {
		select {
		case <-s.gate:
		case <-ctx.Done():
			return store.Member{}, ctx.Err()
		}
	}
	if n <= s.limited {
		return store.Member{}, fmt.Errorf("users.info %s: %w", id, errSlow)
	}
	if id == s.unknown {
		return store.Member{}, fmt.Errorf("users.info %s: user_not_found", id)
	}
	return store.Member{ID: id, Name: "m" + id, TZ: "Europe/Paris", Locale: "fr-FR"}, nil
}

func (s *slackProfiles) RetryAfter(err error) (time.Duration, bool) {
	return time.Millisecond, errors.Is(err, errSlow)
}

func (s *slackProfiles) fetched(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[id]
}

type profileRig struct {
	st   *store.Store
	rec  *Recorder
	fake *slackProfiles
}

func newProfileRig(t *testing.T, fake *slackProfiles) *profileRig {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	st := testkit.Store(t, nil)
	fake.calls = map[string]int{}
	rec := New(st, testkit.Directory(map[string]string{"C1": "sec"}), fake, "UPRAXIS", bot.Deps{})
	done := make(chan struct{})
	go func() { rec.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return &profileRig{st: st, rec: rec, fake: fake}
}

// handle prepares and applies an event as the dispatcher does, and fails
// the test if that waits for Slack longer than a few seconds.
func (r *profileRig) handle(t *testing.T, ev bot.Event) {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		ctx := context.Background()
		step, err := r.rec.Prepare(ctx, ev)
		if err != nil {
			done <- err
			return
		}
		done <- r.st.Batch(ctx, func(tx *store.Tx) error { return step.Run(ctx, tx) })
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("event %s waited for users.info", ev.ID)
	}
}

func (r *profileRig) waitProfile(t *testing.T, id string) store.Member {
	t.Helper()
	var m store.Member
	testkit.WaitFor(t, 10*time.Second, id+"'s profile synced", func() bool {
		var err error
		m, err = r.st.Member(context.Background(), id)
		return err == nil && !m.SyncedAt.IsZero()
	})
	return m
}

func message(i int, user string) bot.Event {
	return bot.Event{ID: fmt.Sprintf("Ev%d", i), Kind: bot.KindMessage, Channel: "C1", User: user,
		TS: fmt.Sprintf("1790000000.%06d", i), Text: "hello", Time: time.Unix(1790000000, 0)}
}

// A contribution is recorded while Slack takes its time to give the
// member's profile; the profile follows, fetched once per member however
// many of their events arrived meanwhile.
func TestContributionsDoNotWaitForProfiles(t *testing.T) {
	r := newProfileRig(t, &slackProfiles{gate: make(chan struct{})})
	for i := range 50 {
		r.handle(t, message(i, fmt.Sprintf("U%d", i%5)))
	}
	st, err := r.st.Stats(context.Background())
	if err != nil || st.Messages != 50 {
		t.Fatalf("got %d messages recorded (%v) while users.info hung, want 50", st.Messages, err)
	}
	close(r.fake.gate)
	for u := range 5 {
		id := fmt.Sprintf("U%d", u)
		if m := r.waitProfile(t, id); m.Locale != "fr-FR" || m.TZ != "Europe/Paris" {
			t.Errorf("got %+v, want %s's profile from users.info", m, id)
		}
		if n := r.fake.fetched(id); n != 1 {
			t.Errorf("%s fetched %d times, want once", id, n)
		}
	}
}

// A request someone waits on (a command) fetches the profile first: the
// answer is in the member's language from their first command on.
func TestRequestsWaitForTheProfile(t *testing.T) {
	r := newProfileRig(t, &slackProfiles{})
	command := bot.Event{ID: "Ev1", Kind: bot.KindCommand, Channel: "C1", User: "U9", Text: "status"}
	r.rec.Prepare(context.Background(), command)
	m, err := r.st.Member(context.Background(), "U9")
	if err != nil || m.Locale != "fr-FR" {
		t.Fatalf("got %+v, %v; want U9's profile stored before the command is answered", m, err)
	}
}

// A profile change is fetched again even when the profile is fresh.
func TestProfileChangeFetchesAgain(t *testing.T) {
	r := newProfileRig(t, &slackProfiles{})
	r.handle(t, message(1, "U1"))
	r.waitProfile(t, "U1")
	r.handle(t, message(2, "U1"))
	r.handle(t, bot.Event{ID: "Ev3", Kind: bot.KindMemberChange, User: "U1"})
	testkit.WaitFor(t, 10*time.Second, "a user_change fetching the profile again",
		func() bool { return r.fake.fetched("U1") >= 2 })
	if n := r.fake.fetched("U1"); n != 2 {
		t.Fatalf("got %d fetches, want 2 (the first event's, the change's; not the fresh one's)", n)
	}
}

// When Slack answers users.info with 429, the profile sync waits and
// fetches the refused members again: none is left without a profile.
func TestRateLimitedProfilesAreFetchedAgain(t *testing.T) {
	r := newProfileRig(t, &slackProfiles{limited: 3})
	for i := range 6 {
		r.handle(t, message(i, fmt.Sprintf("U%d", i)))
	}
	for i := range 6 {
		r.waitProfile(t, fmt.Sprintf("U%d", i))
	}
	r.fake.mu.Lock()
	defer r.fake.mu.Unlock()
	if r.fake.total != 6+3 {
		t.Fatalf("got %d users.info calls, want 9 (6 members, 3 refused and asked again)", r.fake.total)
	}
}

// A member users.info cannot give (user_not_found) is not asked for again
// on each of their events: ten minutes later at the earliest.
func TestFailedProfileNotAskedOnEveryEvent(t *testing.T) {
	r := newProfileRig(t, &slackProfiles{unknown: "UEXT"})
	r.handle(t, message(1, "UEXT"))
	settled := func() bool {
		r.rec.profiles.mu.Lock()
		defer r.rec.profiles.mu.Unlock()
		return r.fake.fetched("UEXT") == 1 && !r.rec.profiles.pending["UEXT"]
	}
	testkit.WaitFor(t, 10*time.Second, "the failed fetch settled", settled)
	for i := 2; i < 20; i++ {
		r.handle(t, message(i, "UEXT"))
	}
	r.handle(t, message(99, "U1"))
	r.waitProfile(t, "U1")
	if n := r.fake.fetched("UEXT"); n != 1 {
		t.Fatalf("got %d users.info calls for a member Slack does not know, want 1", n)
	}
}
