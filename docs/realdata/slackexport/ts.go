package slackexport

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// compareTS orders Slack timestamps ("1607731437.257700") by time: as
// numbers, whatever the width of their parts.
func compareTS(a, b string) int {
	as, af, _ := strings.Cut(a, ".")
	bs, bf, _ := strings.Cut(b, ".")
	if c := cmp.Compare(len(as), len(bs)); c != 0 {
		return c
	}
	if c := cmp.Compare(as, bs); c != 0 {
		return c
	}
	return cmp.Compare(af+strings.Repeat("0", max(0, 6-len(af))), bf+strings.Repeat("0", max(0, 6-len(bf))))
}

func seconds(ts string) int64 {
	s, _, _ := strings.Cut(ts, ".")
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

func timeOf(ts string) time.Time {
	s, f, _ := strings.Cut(ts, ".")
	sec, _ := strconv.ParseInt(s, 10, 64)
	f = (f + "000000")[:6]
	us, _ := strconv.ParseInt(f, 10, 64)
	return time.Unix(sec, us*1000)
}

// TS is the Slack timestamp of t, to the microsecond.
func TS(t time.Time) string {
	return fmt.Sprintf("%d.%06d", t.Unix(), t.Nanosecond()/1000)
}
