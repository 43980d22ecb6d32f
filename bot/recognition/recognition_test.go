package recognition

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"praxis/bot"
	"praxis/bot/question"
	"praxis/internal/testkit"
	"praxis/store"
)

// world is a hand-built store: questions in C1 (public) and CPRIV
// (private), each followed as the tracker follows it.
type world struct {
	t   *testing.T
	st  *store.Store
	clk *testkit.Clock
	c   bot.Community
}

func newWorld(t *testing.T) *world {
	clk := testkit.NewClock(testkit.UTC("2026-12-01T09:00:00Z"))
	c := testkit.Community("Guilde data", "C1", "CPRIV")
	c.Channels[1].Private = true
	return &world{t: t, st: testkit.Store(t, clk.Now), clk: clk, c: c}
}

// ask posts a question at at and follows it.
func (w *world) ask(ch, asker, text string, at time.Time) string {
	w.t.Helper()
	ts := testkit.Post(w.t, w.st, ch, asker, "", text, at)
	testkit.Do(w.t, w.st, func(tx *store.Tx) error {
		return tx.AddQuestion(context.Background(), store.Question{ChannelID: ch, TS: ts, Asker: asker, AskedAt: at,
			Why: "question mark"}, question.AcceptNames)
	})
	return ts
}

func (w *world) reply(ch, q, user, text string, at time.Time) string {
	w.t.Helper()
	return testkit.Post(w.t, w.st, ch, user, q, text, at)
}

func (w *world) tick(ch, ts, user string, at time.Time) {
	w.t.Helper()
	testkit.Do(w.t, w.st, func(tx *store.Tx) error {
		return tx.AddReaction(context.Background(), store.Reaction{ChannelID: ch, MessageTS: ts, UserID: user,
			Name: "white_check_mark", At: at})
	})
}

// november is the month the tests thank.
var novFrom, novTo = testkit.UTC("2026-11-01T00:00:00Z"), testkit.UTC("2026-12-01T00:00:00Z")

func day(d int, hour int) time.Time {
	return novFrom.AddDate(0, 0, d-1).Add(time.Duration(hour) * time.Hour)
}

// seed writes November's questions; see TestHelpers for what each shows.
func (w *world) seed() {
	q1 := w.ask("C1", "UASK1", "How do we rotate keys?", day(3, 9))
	anna1 := w.reply("C1", q1, "UANNA", "With the vault job.", day(3, 10))
	w.reply("C1", q1, "UBOB", "Or by hand.", day(3, 11))
	w.tick("C1", anna1, "UASK1", day(3, 12))

	q2 := w.ask("C1", "UASK2", "Which runner for arm64?", day(5, 9))
	w.reply("C1", q2, "UBOB", "The big one.", day(5, 10))
	w.reply("C1", q2, "UASK2", "Thanks, that worked!", day(5, 11))
	w.reply("C1", q2, "UANNA", "Also the small one.", day(5, 12))

	// Chatty writes the most and is thanked for nothing: the asker thanks
	// Anna by name.
	q3 := w.ask("C1", "UASK1", "Who owns the dashboards?", day(10, 9))
	for i := range 10 {
		w.reply("C1", q3, "UCHATTY", "Maybe the platform team?", day(10, 10).Add(time.Duration(i)*time.Minute))
	}
	w.reply("C1", q3, "UANNA", "Data team, ask Lea.", day(10, 11))
	w.reply("C1", q3, "UASK1", "Thanks <@UANNA>!", day(10, 12))

	// Asked and answered in October, accepted in November: November's.
	q4 := w.ask("C1", "UASK3", "Is the VPN down?", testkit.UTC("2026-10-20T09:00:00Z"))
	anna4 := w.reply("C1", q4, "UANNA", "Restart the client.", testkit.UTC("2026-10-21T09:00:00Z"))
	w.tick("C1", anna4, "UASK3", day(2, 9))

	// Accepted in October, thanked in December: neither is November's.
	q5 := w.ask("C1", "UASK2", "Where are the runbooks?", testkit.UTC("2026-10-05T09:00:00Z"))
	bob5 := w.reply("C1", q5, "UBOB", "In the wiki.", testkit.UTC("2026-10-05T10:00:00Z"))
	w.tick("C1", bob5, "UASK2", testkit.UTC("2026-10-06T09:00:00Z"))
	w.reply("C1", q5, "UASK2", "Thanks!", testkit.UTC("2026-12-01T08:00:00Z"))

	// A private channel's help is not named in a channel.
	q6 := w.ask("CPRIV", "UASK1", "Salary bands?", day(12, 9))
	w.tick("CPRIV", w.reply("CPRIV", q6, "UBOB", "HR has them.", day(12, 10)), "UASK1", day(12, 11))
}

// The month's helpers are those whose answers the askers accepted or
// thanked in it, with exact figures, ranked by that help: Chatty's ten
// replies rank nothing and name nobody.
func TestHelpers(t *testing.T) {
	w := newWorld(t)
	w.seed()
	got, err := Helpers(context.Background(), w.st, w.c, novFrom, novTo)
	if err != nil {
		t.Fatal(err)
	}
	want := []Helper{
		{Member: "UANNA", Accepted: 2, Thanked: 1, Answered: 3, People: 2}, // q1, q4 ticked; q3 thanked by name
		{Member: "UBOB", Accepted: 0, Thanked: 1, Answered: 2, People: 1},  // q2: the last answer before the thanks
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("November's helpers (-want +got):\n%s", diff)
	}
}

// A member who opted out of being named or suggested, who paused or who
// was forgotten is never named, however much they helped.
func TestHelpersNeverNamed(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	helpers := []string{"UOFF", "UNOSUGGEST", "UPAUSED", "UGONE", "UANNA"}
	for i, u := range helpers {
		q := w.ask("C1", "UASK1", "Question?", day(4+i, 9))
		w.tick("C1", w.reply("C1", q, u, "Answer.", day(4+i, 10)), "UASK1", day(4+i, 11))
	}
	testkit.Do(t, w.st, func(tx *store.Tx) error {
		if err := tx.SetRecognitionOff(ctx, "UOFF", true); err != nil {
			return err
		}
		if err := tx.SetSuggestable(ctx, "UNOSUGGEST", false); err != nil {
			return err
		}
		_, err := tx.Pause(ctx, "UPAUSED")
		return err
	})
	if _, err := w.st.Forget(ctx, "UGONE"); err != nil {
		t.Fatal(err)
	}
	got, err := Helpers(ctx, w.st, w.c, novFrom, novTo)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Member != "UANNA" {
		t.Errorf("got %+v, want UANNA alone", got)
	}
	// Turning it back on names them again.
	testkit.Do(t, w.st, func(tx *store.Tx) error { return tx.SetRecognitionOff(ctx, "UOFF", false) })
	if got, _ = Helpers(ctx, w.st, w.c, novFrom, novTo); len(got) != 2 {
		t.Errorf("after recognition on: got %+v, want UANNA and UOFF", got)
	}
}

// A member's record counts their own help everywhere, private channels
// included, by community.
func TestMemberRecord(t *testing.T) {
	w := newWorld(t)
	w.seed()
	other := testkit.Community("Platform", "C9")
	q := w.ask("C9", "UASK9", "Terraform state lock?", day(20, 9))
	w.tick("C9", w.reply("C9", q, "UBOB", "Force-unlock it.", day(20, 10)), "UASK9", day(20, 11))
	got, err := MemberRecord(context.Background(), w.st, "UBOB", []bot.Community{w.c, other}, novFrom, novTo)
	if err != nil {
		t.Fatal(err)
	}
	want := Record{From: novFrom, To: novTo,
		Helper: Helper{Member: "UBOB", Accepted: 2, Thanked: 1, Answered: 4, People: 3},
		Communities: []Contribution{
			{Community: "Guilde data", Helper: Helper{Member: "UBOB", Accepted: 1, Thanked: 1, Answered: 3, People: 2}},
			{Community: "Platform", Helper: Helper{Member: "UBOB", Accepted: 1, Answered: 1, People: 1}},
		}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Bob's record (-want +got):\n%s", diff)
	}
}

func TestMonthAndQuarter(t *testing.T) {
	paris := testkit.Zone(t, "Europe/Paris")
	// 1 December 00:30 in Paris is still 30 November in UTC.
	from, to := Month(testkit.UTC("2026-11-30T23:30:00Z"), paris)
	if from.Format(time.RFC3339) != "2026-11-01T00:00:00+01:00" || to.Format(time.RFC3339) != "2026-12-01T00:00:00+01:00" {
		t.Errorf("month: got [%s, %s), want November in Paris", from, to)
	}
	from, _ = Quarter(testkit.UTC("2026-11-30T10:00:00Z"), paris)
	if from.Format(time.RFC3339) != "2026-10-01T00:00:00+02:00" {
		t.Errorf("quarter: got %s, want 1 October in Paris", from)
	}
}

// The post names each helper with a mention (they are pinged on purpose)
// and nobody else: a community name is text. Nobody to thank, no post.
func TestPost(t *testing.T) {
	c := testkit.Community("<!channel> & co")
	hs := []Helper{{Member: "UANNA", Accepted: 2, Thanked: 1, People: 2}, {Member: "UBOB", Thanked: 1, People: 1},
		{Member: "<!here>", Accepted: 9}}
	got := Post(c, novFrom, hs)
	want := ":tada: *Thank you, helpers of November 2026!*\n" +
		"In &lt;!channel&gt; &amp; co, these members answered questions, and the people who asked said it helped:\n" +
		"• <@UANNA>: 2 answers accepted, thanked for 1 answer, 2 people helped\n" +
		"• <@UBOB>: thanked for 1 answer, 1 person helped\n" +
		"Every answer makes the community stronger: thank you all. " +
		"_Rather not be named here? `/praxis recognition off`._"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	c.Language = "fr"
	fr := Post(c, novFrom, hs[:1])
	for _, s := range []string{"*Merci à celles et ceux qui ont aidé en novembre 2026 !*",
		"• <@UANNA> : 2 réponses acceptées, 1 remerciement, 2 personnes aidées", "`/praxis reconnaissance non`"} {
		if !strings.Contains(fr, s) {
			t.Errorf("French: got\n%s\nwant it to hold %q", fr, s)
		}
	}
	if got := Post(c, novFrom, nil); got != "" {
		t.Errorf("nobody to thank: got %q, want no post", got)
	}
	var many []Helper
	for i := range MaxNamed + 2 {
		many = append(many, Helper{Member: "U" + strings.Repeat("A", i+2), Accepted: 1})
	}
	if got := Post(testkit.Community("x"), novFrom, many); !strings.HasSuffix(strings.Split(got, "\n")[MaxNamed+2],
		"…and 2 more members who helped.") {
		t.Errorf("past %d helpers: got\n%s\nwant the rest counted", MaxNamed, got)
	}
}
