package expert

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/bot/history"
	"praxis/bot/sample"
	"praxis/store"
)

// TestRealHistories measures expert finding on real Slack histories, which
// are not in this repository (docs/realdata says where they come from and
// how to convert them): PRAXIS_REALDATA names their export directories,
// comma-separated. For each, the protocol of `praxis eval experts
// --protocol answered`, then what each feature is worth: the MRR with the
// weights fitted on the test threads themselves (the most these features
// can give), without each feature, and with it alone. It fails when the
// weights fitted on the past are not 10% above the better baseline. An
// entry "sample:SEED:MESSAGES:MEMBERS:CHANNELS" measures a generated
// workspace (bot/sample, 365 days) the same way.
func TestRealHistories(t *testing.T) {
	list := os.Getenv("PRAXIS_REALDATA")
	if list == "" {
		t.Skip("PRAXIS_REALDATA names real Slack exports (see docs/realdata)")
	}
	for _, dir := range strings.Split(list, ",") {
		t.Run(filepath.Base(dir), func(t *testing.T) { realHistory(t, dir) })
	}
}

// workspace is one measured history: its evaluation, and its answered
// threads before the cutoff (as Fit reads them) and after it, as rows.
type workspace struct {
	name       string
	rep        EvalReport
	past, test []row
}

func loadHistory(t *testing.T, dir string) workspace {
	ctx := context.Background()
	tmp := t.TempDir()
	h := workspace{name: filepath.Base(dir)}
	if spec, ok := strings.CutPrefix(dir, "sample:"); ok {
		var o sample.Options
		if _, err := fmt.Sscanf(strings.ReplaceAll(spec, ":", " "), "%d %d %d %d", &o.Seed, &o.Messages, &o.Members, &o.Channels); err != nil {
			t.Fatalf("%s: want sample:SEED:MESSAGES:MEMBERS:CHANNELS", dir)
		}
		o.Days = 365
		h.name, dir = dir, filepath.Join(tmp, "export")
		if _, err := sample.New(o).WriteDir(dir); err != nil {
			t.Fatal(err)
		}
	}
	full, err := store.Open(ctx, filepath.Join(tmp, "full.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	exp, err := history.OpenExport(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer exp.Close()
	if _, err := history.Import(ctx, full, exp, history.Options{AllChannels: true, Progress: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if h.rep, err = Evaluate(ctx, full, tmp, EvalOptions{Protocol: ProtocolAnswered}); err != nil {
		t.Fatal(err)
	}
	cs, err := full.Communities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var channels []string
	for _, c := range cs {
		for id := range c.Channels {
			channels = append(channels, id)
		}
	}
	slices.Sort(channels)
	qs, err := testQuestions(ctx, full, channels, h.rep.Cutoff, ProtocolAnswered)
	if err != nil {
		t.Fatal(err)
	}
	past, err := full.CopyBefore(ctx, t.TempDir(), h.rep.Cutoff)
	if err != nil {
		t.Fatal(err)
	}
	defer past.Close()
	eng := New(past, Options{Now: func() time.Time { return h.rep.Cutoff }})
	if err := eng.Load(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		h.test = append(h.test, eng.row(trainQuery{channel: q.channel, ts: q.ts, asker: q.asker, text: q.text, at: q.at, answerers: q.answerers}))
	}
	tq, err := eng.trainingQueries(ctx, 3000)
	if err != nil {
		t.Fatal(err)
	}
	if h.past, err = eng.rows(ctx, tq); err != nil {
		t.Fatal(err)
	}
	return h
}

func realHistory(t *testing.T, dir string) {
	h := loadHistory(t, dir)
	var sb strings.Builder
	h.rep.Print(&sb)
	t.Log("\n" + sb.String())
	rows := h.test
	found := 0
	for _, r := range rows {
		if slices.Contains(r.answered, true) {
			found++
		}
	}
	def := DefaultModel().Weights
	best := ascend(rows, def)
	top := mrr(rows, &best, 10)
	report := fmt.Sprintf("%d test threads, a replier among the candidates for %d (%.0f%%)\n", len(rows), found, 100*float64(found)/float64(len(rows)))
	report += fmt.Sprintf("MRR: default %.3f, fitted on the past %.3f, fitted on these threads %.3f, the channel's repliers %.3f\n",
		mrr(rows, &def, 10), h.rep.Methods[0].MRR, top, repliersMRR(rows))
	report += "rank of the first replier (1, 2, 3, 4-10, beyond, not a candidate): default " + ranks(rows, def) +
		", repliers " + ranks(rows, [nFeatures]float64{}) + "\n"
	report += fmt.Sprintf("%-22s %8s %8s %8s\n", "feature", "weight", "without", "alone")
	for f := range nFeatures {
		without := best
		without[f] = 0
		without = ascendBut(rows, without, f)
		var alone [nFeatures]float64
		alone[f] = 1
		report += fmt.Sprintf("%-22s %8.2f %8.3f %8.3f\n", featureNames[f], best[f], mrr(rows, &without, 10)-top, mrr(rows, &alone, 10))
	}
	t.Log("\n" + report)
	if lift := h.rep.Lift(); lift < 0.10 {
		t.Errorf("Praxis's MRR is %+.0f%% against the better baseline, want +10%% or more", 100*lift)
	}
}

// TestDefaultWeights finds the weights that rank best over all the
// histories PRAXIS_REALDATA names, each counting as much as the others
// (each thread's reciprocal rank divided by the history's baseline MRR
// and its number of threads), from their threads before the cutoff only:
// how DefaultModel's were chosen. It prints them, and each history's MRR
// after the cutoff with them.
func TestDefaultWeights(t *testing.T) {
	list := os.Getenv("PRAXIS_REALDATA")
	if list == "" {
		t.Skip("PRAXIS_REALDATA names real Slack exports (see docs/realdata)")
	}
	var hs []workspace
	var all []row
	for _, dir := range strings.Split(list, ",") {
		h := loadHistory(t, dir)
		base := math.Max(repliersMRR(h.past), 0.01)
		for _, r := range h.past {
			r.weight = 1 / (base * float64(len(h.past)))
			all = append(all, r)
		}
		hs = append(hs, h)
	}
	w := ascend(all, DefaultModel().Weights)
	report := "weights:\n"
	for f := range nFeatures {
		report += fmt.Sprintf("\tw[f%s] = %g\n", featureNames[f], w[f])
	}
	def := DefaultModel().Weights
	for _, h := range hs {
		report += fmt.Sprintf("%-30s after the cutoff: MRR %.3f with these, %.3f with the defaults, %.3f the channel's repliers\n",
			h.name, mrr(h.test, &w, 10), mrr(h.test, &def, 10), repliersMRR(h.test))
	}
	t.Log("\n" + report)
}

// ranks is the histogram of the best rank of a replier with weights w
// (zero: the channel's repliers).
func ranks(rows []row, w [nFeatures]float64) string {
	var h [6]int
	for _, r := range rows {
		s := make([]float64, len(r.f))
		for j := range r.f {
			if w == ([nFeatures]float64{}) {
				s[j] = float64(r.repliers[j])
			} else {
				s[j] = weigh(&w, &r.f[j])
			}
		}
		rr := reciprocalRank(r.answered, s, 0)
		switch {
		case !slices.Contains(r.answered, true):
			h[5]++
		case rr == 1:
			h[0]++
		case rr == 0.5:
			h[1]++
		case rr >= 1.0/3-1e-9:
			h[2]++
		case rr >= 0.1-1e-9:
			h[3]++
		default:
			h[4]++
		}
	}
	return fmt.Sprint(h)
}
