package main

import (
	"os"

	"praxis/cmd/internal/app"
)

// faults is Praxis's crash switch for end-to-end tests: with
// PRAXIS_FAULT_CRASH=after-store (between storing an event and acking it),
// after-prepare (between preparing an event and committing its step) or
// after-send (between Slack accepting a message and the outbox recording
// it), the process exits at that exact point with status 75, with no
// cleanup, as a kill would. It is inert unless that variable is set.
type faults struct {
	point string
}

func faultsFrom(getenv func(string) string) faults {
	return faults{point: getenv("PRAXIS_FAULT_CRASH")}
}

// arm puts the crash points in the application's hooks.
func (f faults) arm(d *app.Deps) {
	d.AfterStore = func(string) { f.trip("after-store") }
	d.AfterPrepare = func(string) { f.trip("after-prepare") }
	d.AfterSend = func(string) { f.trip("after-send") }
}

func (f faults) trip(point string) {
	if f.point == point {
		os.Exit(75)
	}
}
