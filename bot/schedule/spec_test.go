package schedule

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// dayMatches reads robfig/cron's mark of a field written "*" (starBit), a
// detail of its unexported bit layout: this pins it, so that an upgrade
// that moves the bit fails here rather than firing jobs on the wrong days.
// Cron's rule: with both day-of-month and day-of-week restricted, either
// matches; with one of them "*", the other decides.
func TestSpecDaysFollowCronsRule(t *testing.T) {
	for _, tc := range []struct {
		spec string
		want []string // the firing days in June 2026 up to the 15th (Monday the 1st)
	}{
		{"0 9 1 * MON", []string{"06-01", "06-08", "06-15"}},
		{"0 9 3 * MON", []string{"06-01", "06-03", "06-08", "06-15"}},
		{"0 9 * * MON", []string{"06-01", "06-08", "06-15"}},
		{"0 9 3 * *", []string{"06-03"}},
		{"0 9 10-12 * *", []string{"06-10", "06-11", "06-12"}},
		{"0 9 */7 * *", []string{"06-01", "06-08", "06-15"}},
		{"0 9 * * 0", []string{"06-07", "06-14"}},
	} {
		var got []string
		from, to := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 16, 0, 0, 0, 0, time.UTC)
		for _, at := range instants(t, tc.spec, time.UTC, from, to) {
			got = append(got, at[5:10])
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("%s: firing days (-want +got):\n%s", tc.spec, d)
		}
	}
	star, _ := parseSpec("* * * * *", time.UTC)
	one, _ := parseSpec("0 0 1 * 1", time.UTC)
	if star.s.Dom&starBit == 0 || star.s.Dow&starBit == 0 || one.s.Dom&starBit != 0 || one.s.Dow&starBit != 0 {
		t.Fatalf("robfig/cron no longer marks \"*\" with bit 63 (dom %x, dow %x): update starBit", star.s.Dom, star.s.Dow)
	}
}
