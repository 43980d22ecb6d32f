package slackexport

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCompareTS(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"999999999.000100", "1000000000.000000", -1}, // ten digits come after nine
		{"1616000000.1", "1616000000.000200", 1},      // .1 is .100000
		{"1616000000.000200", "1616000000.000200", 0},
		{"1616000000", "1616000000.000001", -1},
	} {
		if got := compareTS(tc.a, tc.b); got != tc.want {
			t.Errorf("compareTS(%s, %s): got %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestWriteCounts(t *testing.T) {
	msgs := []Message{
		{User: "U1", Text: "q?", TS: "1600000000.000100"},
		{User: "U2", Text: "a", TS: "1600000001.000100", ThreadTS: "1600000000.000100"},
		{User: "U1", Text: "own follow-up", TS: "1600000002.000100"},
		{User: "U1", Text: "more", TS: "1600000003.000100", ThreadTS: "1600000002.000100"},
		{User: "U3", Text: "lost", TS: "1600000004.000100", ThreadTS: "1500000000.000100"},
		{User: "U2", Subtype: "channel_leave", Text: "<@U2> has left the channel", TS: "1600000005.000100"},
		{User: "U1", Text: "q?", TS: "1600000000.000100"}, // listed twice by the source
	}
	for i := range msgs {
		msgs[i].Type = "message"
	}
	st, err := Write(filepath.Join(t.TempDir(), "export"), Workspace{
		Channels: []Channel{{ID: "C1", Name: "help", Messages: msgs}},
		Users:    []User{{ID: "U1", Name: "alice"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{
		Channels: 1,
		Members:  3,
		DayFiles: 1,
		Messages: 6,
		Posts:    5,
		Replies:  3,
		Threads:  2,
		Answered: 1,
		Orphans:  1,
		Unlisted: 2,
		First:    time.Unix(1600000000, 100000),
		Last:     time.Unix(1600000005, 100000),
	}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
	if got := derivedMembers(dedupe(msgs)); !cmp.Equal(got, []string{"U1", "U3"}) {
		t.Errorf("got members %q, want U1, U3 (U2 left)", got)
	}
}
