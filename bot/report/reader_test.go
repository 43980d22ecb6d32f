package report

import (
	"testing"

	"praxis/bot/report/reporttest"
	"praxis/store"
)

// A reader who is not in a private channel sees its open questions' age
// and link but not their words, in the report's language; a reader who is
// in it sees them; the report shared between them is not changed.
func TestForReader(t *testing.T) {
	w := reporttest.NewWorld(t)
	if _, err := w.St.SyncCommunities(w.Ctx, []store.Community{{Name: "data", Language: "fr", Timezone: "UTC",
		Channels: map[string]string{"C3": "data"}, Private: map[string]bool{"C3": true}}}); err != nil {
		t.Fatal(err)
	}
	w.Member("F2", false, "C3")
	w.Ask("C3", "B", "Is the HSM migration slipping again?", reporttest.At(20, 10, 0))
	r, err := Build(w.Ctx, w.St, w.Community("data"), Week(reporttest.At(21, 8, 0), nil),
		Options{Now: reporttest.At(21, 8, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Questions.Open) != 1 {
		t.Fatalf("got %d open questions, want the HSM one", len(r.Questions.Open))
	}
	const words, hidden = "Is the HSM migration slipping again?", "(posée dans un canal privé dont vous n'êtes pas membre)"
	for reader, want := range map[string]string{"F1": hidden, "F2": words} {
		got, err := ForReader(w.Ctx, w.St, r, reader)
		if err != nil {
			t.Fatal(err)
		}
		q := got.Questions.Open[0]
		if q.Text != want || q.AgeHours != r.Questions.Open[0].AgeHours || q.Permalink != r.Questions.Open[0].Permalink {
			t.Errorf("%s: got %+v, want %q with the question's age and link", reader, q, want)
		}
	}
	if r.Questions.Open[0].Text != words {
		t.Errorf("got the shared report's question %q, want it unchanged", r.Questions.Open[0].Text)
	}
}
