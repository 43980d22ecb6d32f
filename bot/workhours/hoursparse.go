package workhours

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dayNames maps English and French day names and abbreviations to weekdays.
var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday, "dim": time.Sunday, "dimanche": time.Sunday,
	"mon": time.Monday, "monday": time.Monday, "lun": time.Monday, "lundi": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday, "mar": time.Tuesday, "mardi": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday, "mer": time.Wednesday, "mercredi": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"jeu": time.Thursday, "jeudi": time.Thursday,
	"fri": time.Friday, "friday": time.Friday, "ven": time.Friday, "vendredi": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday, "sam": time.Saturday, "samedi": time.Saturday,
}

const dayHelp = "use mon, tue, wed, thu, fri, sat, sun, ranges like mon-fri, or lists like mon,wed,fri"

// ParseHours builds Hours from a spec like "09:00-18:00" (24:00 may end a
// day; hours cannot wrap midnight) and days like "mon-fri", "mon,tue,thu",
// "sun-thu" or "fri-mon" (a range may wrap the week); "" means mon-fri. Day
// names may be English or French. A nil loc means UTC.
func ParseHours(spec string, days string, loc *time.Location) (Hours, error) {
	if loc == nil {
		loc = time.UTC
	}
	h := Hours{Loc: loc}
	a, b, ok := strings.Cut(strings.ReplaceAll(spec, "–", "-"), "-")
	if !ok {
		return Hours{}, fmt.Errorf("working hours %q: not a range, use \"HH:MM-HH:MM\", e.g. \"09:00-18:00\"", spec)
	}
	var err error
	if h.Start, err = parseClock(a, false); err != nil {
		return Hours{}, fmt.Errorf("working hours %q: %w", spec, err)
	}
	if h.End, err = parseClock(b, true); err != nil {
		return Hours{}, fmt.Errorf("working hours %q: %w", spec, err)
	}
	switch {
	case h.Start == h.End:
		return Hours{}, fmt.Errorf("working hours %q start and end at the same time", spec)
	case h.End < h.Start:
		return Hours{}, fmt.Errorf("working hours %q end before they start: overnight hours are not supported", spec)
	}
	if h.Days, err = parseDays(days); err != nil {
		return Hours{}, fmt.Errorf("working days %q: %w", days, err)
	}
	return h, nil
}

// parseClock reads "HH:MM" (or "H:MM"); "24:00" only as an end.
func parseClock(s string, end bool) (time.Duration, error) {
	s = strings.TrimSpace(s)
	hh, mm, ok := strings.Cut(s, ":")
	h, errH := strconv.Atoi(hh)
	m, errM := strconv.Atoi(mm)
	switch {
	case !ok || errH != nil || errM != nil || len(hh) == 0 || len(hh) > 2 || len(mm) != 2 ||
		h < 0 || m < 0 || m > 59:
		return 0, fmt.Errorf("%q is not a time of day (HH:MM)", s)
	case h == 24 && m == 0 && end:
		return 24 * time.Hour, nil
	case h > 23:
		return 0, fmt.Errorf("%q is not a time of day (00:00 to 23:59, or 24:00 to end)", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

func parseDays(spec string) ([7]bool, error) {
	var days [7]bool
	if strings.TrimSpace(spec) == "" {
		spec = "mon-fri"
	}
	for part := range strings.SplitSeq(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return days, errors.New("an empty day in the list; " + dayHelp)
		}
		a, b, isRange := strings.Cut(part, "-")
		from, err := parseDay(a)
		if err != nil {
			return days, err
		}
		to := from
		if isRange {
			if to, err = parseDay(b); err != nil {
				return days, err
			}
		}
		for d := from; ; d = (d + 1) % 7 {
			days[d] = true
			if d == to {
				break
			}
		}
	}
	return days, nil
}

func parseDay(s string) (time.Weekday, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if d, ok := dayNames[s]; ok {
		return d, nil
	}
	return 0, fmt.Errorf("unknown day %q; %s", s, dayHelp)
}
