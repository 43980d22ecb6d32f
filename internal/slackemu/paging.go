package slackemu

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// formatTS renders microseconds since the epoch as a Slack ts,
// "1700000000.000100".
func formatTS(micros int64) string {
	return fmt.Sprintf("%d.%06d", micros/1e6, micros%1e6)
}

// parseTS reads a Slack ts ("1700000000.000100", "1700000000" or "0") as
// microseconds since the epoch.
func parseTS(ts string) (int64, error) {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || s < 0 || len(frac) > 6 {
		return 0, fmt.Errorf("bad ts %q", ts)
	}
	var f int64
	if frac != "" {
		frac += strings.Repeat("0", 6-len(frac))
		if f, err = strconv.ParseInt(frac, 10, 64); err != nil || f < 0 {
			return 0, fmt.Errorf("bad ts %q", ts)
		}
	}
	return s*1e6 + f, nil
}

// tsRange is the oldest/latest/inclusive window of history calls.
type tsRange struct {
	oldest, latest int64
	inclusive      bool
}

// rangeArgs reads oldest, latest and inclusive.
func rangeArgs(c *call) (tsRange, error) {
	r := tsRange{latest: 1<<63 - 1, inclusive: c.flag("inclusive")}
	var err error
	if v := c.arg("oldest"); v != "" {
		if r.oldest, err = parseTS(v); err != nil {
			return r, apiError("invalid_ts_oldest")
		}
	}
	if v := c.arg("latest"); v != "" {
		if r.latest, err = parseTS(v); err != nil {
			return r, apiError("invalid_ts_latest")
		}
	}
	return r, nil
}

// contains reports whether a message at micros falls in the window.
func (r tsRange) contains(micros int64) bool {
	if r.inclusive {
		return micros >= r.oldest && micros <= r.latest
	}
	return micros > r.oldest && micros < r.latest
}

// limitArg reads the limit argument: def when absent or not positive, at
// most 1000.
func limitArg(c *call, def int) (int, error) {
	v := c.arg("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, apiError("invalid_limit")
	}
	if n <= 0 {
		return def, nil
	}
	return min(n, 1000), nil
}

// page returns up to limit items from the cursor on, and the cursor of the
// next page ("" on the last page). items are in response order and before
// says whether one key comes before another in that order. A cursor names the
// first item of its page, so paging stays stable when items are added or
// removed between calls.
func page[T any](items []T, key func(T) string, before func(a, b string) bool,
	cursor string, limit int) ([]T, string, error) {
	start := 0
	if cursor != "" {
		raw, err := base64.StdEncoding.DecodeString(cursor)
		k, ok := strings.CutPrefix(string(raw), "next:")
		if err != nil || !ok {
			return nil, "", apiError("invalid_cursor")
		}
		for start < len(items) && before(key(items[start]), k) {
			start++
		}
	}
	end := min(start+limit, len(items))
	next := ""
	if end < len(items) {
		next = base64.StdEncoding.EncodeToString([]byte("next:" + key(items[end])))
	}
	return items[start:end], next, nil
}

// idCompare orders IDs, and timestamps of equal width: shorter first, then
// lexically.
func idCompare(a, b string) int {
	if len(a) != len(b) {
		return cmp.Compare(len(a), len(b))
	}
	return strings.Compare(a, b)
}

// idBefore reports whether a sorts before b by idCompare.
func idBefore(a, b string) bool { return idCompare(a, b) < 0 }

// tsAfter orders timestamps newest first.
func tsAfter(a, b string) bool { return idBefore(b, a) }
