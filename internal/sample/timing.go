package sample

import "time"

// Hours at which people post, local time: working days and weekends.
var (
	workHours    = []int{1, 0, 0, 0, 0, 1, 2, 5, 12, 18, 20, 18, 10, 12, 18, 18, 16, 12, 7, 4, 3, 3, 2, 1}
	weekendHours = []int{1, 0, 0, 0, 0, 0, 1, 2, 4, 7, 10, 11, 10, 9, 9, 9, 8, 8, 8, 7, 7, 6, 4, 2}
)

// Delays, in seconds: before a first answer, and between messages of a
// conversation.
var (
	answerDelay = []span{
		{60, 600, 30},
		{600, 3600, 35},
		{3600, 3 * 3600, 20},
		{3 * 3600, 8 * 3600, 10},
		{8 * 3600, 20 * 3600, 5},
	}
	chatDelay  = []span{{20, 120, 40}, {120, 900, 45}, {900, 3600, 15}}
	reactDelay = []span{{5, 120, 50}, {120, 1800, 35}, {1800, 4 * 3600, 15}}
)

// postTime returns a time on the current UTC day at which member p is
// likely to post, given their time zone and working hours.
func (g *gen) postTime(p int32) int64 {
	off := g.w.offset(g.w.people[p].zone, g.d)
	hours := workHours
	if wd := g.w.weekday(g.d); wd == time.Saturday || wd == time.Sunday {
		hours = weekendHours
	}
	local := int64(g.r.weighted(hours)*3600 + g.r.intn(3600))
	return g.dayStart + mod(local-off, day)
}

// after returns when member p answers something posted at t: after one of
// the delays, and not at night in their time zone (then next morning).
func (g *gen) after(t int64, p int32, delays []span) int64 {
	t += int64(g.r.spanned(delays))
	off := g.w.offset(g.w.people[p].zone, g.w.dayOf(t))
	local := mod(t+off, day)
	switch {
	case local < 7*3600:
		t += 7*3600 - local + int64(g.r.intn(2*3600))
	case local >= 23*3600:
		t += day - local + 7*3600 + int64(g.r.intn(2*3600))
	}
	return t
}

func mod(a, b int64) int64 { return (a%b + b) % b }

func unixDate(t int64, layout string) string { return time.Unix(t, 0).UTC().Format(layout) }
