package bot

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"praxis/bot/metrics"
)

// TestDepsForFillsAndNames shows what a component keeps of its Deps: what
// was given, untouched but for the log's component name, and defaults for
// what was not, so that no component checks for nil.
func TestDepsForFillsAndNames(t *testing.T) {
	at := time.Date(2026, time.March, 29, 1, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	m := metrics.New()
	d := Deps{Now: func() time.Time { return at }, Log: slog.New(slog.NewTextHandler(&buf, nil)), Metrics: m}.
		For("outbox")
	if got := d.Now(); !got.Equal(at) {
		t.Errorf("got the clock reading %v, want the one given (%v)", got, at)
	}
	if d.Metrics != m {
		t.Error("got other metrics than the ones given")
	}
	d.Log.Info("sent")
	if got := buf.String(); !strings.Contains(got, "component=outbox") {
		t.Errorf("got the record %q, want it tagged component=outbox", got)
	}

	z := Deps{}.For("expert")
	if z.Now == nil || z.Log == nil || z.Metrics == nil {
		t.Fatalf("got %+v from the zero Deps, want a clock, a logger and metrics", z)
	}
	if z.Log.Enabled(t.Context(), slog.LevelError) {
		t.Error("the zero Deps' logger writes, want it to discard")
	}
}
