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

	"praxis/bot"
	"praxis/bot/history"
	"praxis/internal/sample"
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
// workspace (internal/sample, 365 days) the same way.
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
	if strings.HasPrefix(dir, "sample:") {
		h.name = dir
	}
	full := importHistory(t, dir, tmp)
	defer full.Close()
	var err error
	if h.rep, err = Evaluate(ctx, full, tmp, EvalOptions{Protocol: ProtocolAnswered}); err != nil {
		t.Fatal(err)
	}
	channels, err := mappedChannels(ctx, full)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := testQuestions(ctx, full, channels, h.rep.Cutoff, ProtocolAnswered)
	if err != nil {
		t.Fatal(err)
	}
	past, err := full.CopyBefore(ctx, t.TempDir(), h.rep.Cutoff)
	if err != nil {
		t.Fatal(err)
	}
	defer past.Close()
	eng := New(past, bot.Deps{Now: func() time.Time { return h.rep.Cutoff }}, Options{})
	if err := eng.Load(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		h.test = append(h.test, eng.row(trainQuery(q)))
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
	report := fmt.Sprintf("%d test threads, a replier among the candidates for %d (%.0f%%)\n",
		len(rows), found, 100*float64(found)/float64(len(rows)))
	report += fmt.Sprintf("MRR: default %.3f, fitted on the past %.3f, fitted on these threads %.3f, "+
		"the channel's repliers %.3f\n",
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
		report += fmt.Sprintf("%-22s %8.2f %8.3f %8.3f\n",
			featureNames[f], best[f], mrr(rows, &without, 10)-top, mrr(rows, &alone, 10))
	}
	t.Log("\n" + report)
	if lift := h.rep.Lift(); lift < 0.10 {
		t.Errorf("Praxis's MRR is %+.0f%% against the better baseline, want +10%% or more", 100*lift)
	}
}

// importHistory imports an export directory, or writes and imports a
// generated workspace ("sample:SEED:MESSAGES:MEMBERS:CHANNELS", 365 days),
// into a store in tmp.
func importHistory(t *testing.T, dir, tmp string) *store.Store {
	t.Helper()
	ctx := context.Background()
	if spec, ok := strings.CutPrefix(dir, "sample:"); ok {
		var o sample.Options
		fields := strings.ReplaceAll(spec, ":", " ")
		if _, err := fmt.Sscanf(fields, "%d %d %d %d", &o.Seed, &o.Messages, &o.Members, &o.Channels); err != nil {
			t.Fatalf("%s: want sample:SEED:MESSAGES:MEMBERS:CHANNELS", dir)
		}
		o.Days = 365
		dir = filepath.Join(tmp, "export")
		if _, err := sample.New(o).WriteDir(dir); err != nil {
			t.Fatal(err)
		}
	}
	full, err := store.Open(ctx, filepath.Join(tmp, "full.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	exp, err := history.OpenExport(dir)
	if err != nil {
		full.Close()
		t.Fatal(err)
	}
	defer exp.Close()
	if _, err := history.Import(ctx, full, exp, history.Options{AllChannels: true, Progress: io.Discard}); err != nil {
		full.Close()
		t.Fatal(err)
	}
	return full
}

// TestRealReplay replays each history as a live Praxis would have lived it,
// the way Praxis is judged on histories kept out of this repository: the
// whole history imported and the ranking fitted on it (as praxis import
// does), then each top-level message of 20+ characters posted after 80% of
// the messages, that someone else answered in its thread, ranked as of the
// instant it was posted (Query.At: what came later is unknown, its own
// thread left out; as praxis expert --batch does with "ts"). The baseline
// is replayed alike: the channel's most active repliers before each
// question. The weights saw the test threads (the fit reads the whole
// history); the evidence did not. With PRAXIS_REPLAY_ORACLE set, it also
// prints the MRR of weights fitted on the replayed threads themselves (the
// most these features can give) and of each feature alone.
func TestRealReplay(t *testing.T) {
	list := os.Getenv("PRAXIS_REALDATA")
	if list == "" {
		t.Skip("PRAXIS_REALDATA names real Slack exports (see docs/realdata)")
	}
	for _, dir := range strings.Split(list, ",") {
		t.Run(filepath.Base(dir), func(t *testing.T) { replay(t, dir) })
	}
}

func replay(t *testing.T, dir string) {
	ctx := context.Background()
	full := importHistory(t, dir, t.TempDir())
	defer full.Close()
	channels, err := mappedChannels(ctx, full)
	if err != nil {
		t.Fatal(err)
	}
	cutoff, err := splitTime(ctx, full, channels, 0.8)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := testQuestions(ctx, full, channels, cutoff, ProtocolAnswered)
	if err != nil {
		t.Fatal(err)
	}
	eng := New(full, bot.Deps{Now: func() time.Time { return cutoff }}, Options{})
	if err := eng.Load(ctx); err != nil {
		t.Fatal(err)
	}
	m, err := eng.Fit(ctx, FitOptions{Now: cutoff})
	if err != nil {
		t.Fatal(err)
	}
	// The baseline's counts: each channel's replies to others' threads, in time.
	type reply struct {
		at  time.Time
		who string
	}
	replies := map[string][]reply{}
	for _, ch := range channels {
		authors := map[string]string{}
		if _, err := humanMessages(ctx, full, ch, nil, func(m store.ChannelMessage, top bool) {
			if top {
				authors[m.TS] = m.UserID
			} else if authors[m.ThreadTS] != m.UserID {
				replies[ch] = append(replies[ch], reply{m.PostedAt, m.UserID})
			}
		}); err != nil {
			t.Fatal(err)
		}
	}
	var praxis, base, p1 float64
	for _, q := range qs {
		res, err := eng.Rank(ctx, Query{
			Text:            q.text,
			Channel:         q.channel,
			Asker:           q.asker,
			ThreadTS:        q.ts,
			At:              q.at,
			Limit:           10,
			keepDeactivated: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		got, rr, _ := score(users(res), q.answerers)
		praxis, p1 = praxis+rr, p1+got
		counts := map[string]int{}
		for _, r := range replies[q.channel] {
			if r.at.Before(q.at) && r.who != q.asker {
				counts[r.who]++
			}
		}
		b := &baselines{replies: map[string]map[string]int{q.channel: counts}}
		_, rr, _ = score(b.activeRepliers(q.channel, q.asker, 10), q.answerers)
		base += rr
	}
	if os.Getenv("PRAXIS_REPLAY_ORACLE") != "" {
		var rows []row
		for _, q := range qs {
			rows = append(rows, eng.row(trainQuery(q)))
		}
		best := ascend(rows, m.Weights)
		rep := fmt.Sprintf("replay rows: fitted %.3f, oracle %.3f\n", mrr(rows, &m.Weights, 10), mrr(rows, &best, 10))
		for f := range nFeatures {
			var alone [nFeatures]float64
			alone[f] = 1
			rep += fmt.Sprintf("%-24s %5.2f %5.2f alone %.3f\n", featureNames[f], m.Weights[f], best[f], mrr(rows, &alone, 10))
		}
		t.Log("\n" + rep)
	}
	n := float64(len(qs))
	t.Logf("%d threads after %s; the ranking %s\nMRR %.3f (P@1 %.3f), the channel's most active repliers %.3f: %+.0f%%",
		len(qs), cutoff.Format(time.DateOnly), m.Note, praxis/n, p1/n, base/n, 100*(praxis/base-1))
	if praxis < 1.1*base {
		t.Errorf("replayed, Praxis's MRR is %+.0f%% against the channel's repliers, want +10%% or more", 100*(praxis/base-1))
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
		report += fmt.Sprintf("%-30s after the cutoff: MRR %.3f with these, %.3f with the defaults, "+
			"%.3f the channel's repliers\n",
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
