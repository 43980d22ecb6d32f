package testkit

import (
	"testing"
	"time"
)

// UTC parses an RFC 3339 instant written in a test, panicking on a typo.
func UTC(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Zone loads a time zone of the tz database, failing the test without it.
func Zone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}
