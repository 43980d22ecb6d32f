package bot

import (
	"log/slog"
	"time"

	"praxis/bot/metrics"
)

// Deps are what every long-lived component is given besides the store and
// its own settings: the clock it reads, the logger it writes to and the
// metrics it counts in. They come the same way to all of them, as the
// argument before their options, so that the program builds one value
// (cmd's app.New) and hands it round, and a test gives only what it looks
// at: the zero value is production's defaults with nothing observed.
type Deps struct {
	// Now is the clock: the demo's runs fast, tests start it at the
	// instant they test. Deadlines and timeouts stay on real time.
	Now     func() time.Time
	Log     *slog.Logger
	Metrics *metrics.Metrics
}

// For returns d as one component keeps it: the wall clock, a logger that
// discards and metrics nobody reads in place of what d lacks (so that no
// component checks for nil), and the log's records tagged with the
// component's name, which each component gives itself.
func (d Deps) For(component string) Deps {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Metrics == nil {
		d.Metrics = metrics.New()
	}
	d.Log = d.Log.With("component", component)
	return d
}
