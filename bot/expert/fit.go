package expert

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"praxis/store"
)

// Fitting the ranking to a workspace. Real people answer where they are
// regulars, when they are around, and for people they already help, each
// community in its own measure: weights that suit one do not carry over.
// So the engine learns them from the workspace's own history. Each
// answered thread (a top-level message of at least minQueryChars that
// someone other than its author replied to) is a query put as of the
// instant it was posted, with what was known then only (Query.At), and its
// repliers are the answer. The weights are fitted by coordinate ascent on
// the mean reciprocal rank of the first replier: one weight at a time
// takes the value of a grid that ranks best, until no change helps. The
// older threads fit the weights, the latest checkFraction choose how far
// to go from the defaults towards them (none, a quarter, half, three
// quarters, all: the share that ranks the checked threads best, the
// smallest on a tie). On a few hundred threads, weights that fit the older
// ones by luck are common: measured on real histories, this shrinkage kept
// every fit at least as good as the defaults after the cutoff, where
// taking the fit whole or not at all did not. The fit is then redone on
// all the threads and shrunk as much.

// FitOptions tune a fit.
type FitOptions struct {
	// MaxQueries bounds the answered threads fitted on: the latest, spread
	// evenly over the history's later part. Default 3,000.
	MaxQueries int
	// MinQueries: with fewer answered threads, the defaults stay. Default 100.
	MinQueries int
	// Now dates the fit (the scheduler's period, the import's end).
	Now time.Time
}

const (
	// minQueryChars: shorter top-level messages are greetings and
	// reactions, not questions anyone could be suggested for.
	minQueryChars = 20
	// warmUp is the share of the history's threads that only serve as
	// history: the first threads have too little before them.
	warmUp = 0.3
	// checkFraction is the share of the fitted threads, the latest, kept
	// to check the fit.
	checkFraction = 0.3
	// maxWeight bounds a weight (the grid's top).
	maxWeight = 5.0
)

// grid is the values a weight may take.
var grid = []float64{0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, maxWeight}

// trainQuery is an answered thread put as a query.
type trainQuery struct {
	channel, ts, asker, text string
	at                       time.Time
	answerers                []string
}

// row is a query's candidates, their features and which of them answered.
type row struct {
	f        [][nFeatures]float64
	answered []bool
	repliers []int   // the baseline's order: answers in the channel before
	weight   float64 // in the mean; 0 counts as 1 (see meanRR)
}

// Fit learns the ranking's weights from the history the engine holds,
// uses them from now on and stores them with their measured quality. With
// too little history, or when the fitted weights rank the checked threads
// no better than the defaults, the defaults stay, and the model says why.
func (e *Engine) Fit(ctx context.Context, opts FitOptions) (Model, error) {
	if opts.MaxQueries <= 0 {
		opts.MaxQueries = 3000
	}
	if opts.MinQueries <= 0 {
		opts.MinQueries = 100
	}
	select {
	case <-e.ready:
	case <-ctx.Done():
		return Model{}, ctx.Err()
	}
	qs, err := e.trainingQueries(ctx, opts.MaxQueries)
	if err != nil {
		return Model{}, err
	}
	rows, err := e.rows(ctx, qs)
	if err != nil {
		return Model{}, err
	}
	m := fitRows(rows, opts.MinQueries)
	m.FittedAt = opts.Now
	e.SetModel(m)
	if err := e.saveModel(ctx, m); err != nil {
		return m, err
	}
	e.log.Info("expert ranking fitted", "fitted", m.Fitted, "note", m.Note, "queries", m.Quality.Queries,
		"checked", m.Quality.Checked, "mrr", m.Quality.MRR, "default_mrr", m.Quality.DefaultMRR,
		"repliers_mrr", m.Quality.RepliersMRR)
	return m, nil
}

// fitRows fits the weights on rows, ordered by time (see the comment at
// the top).
func fitRows(rows []row, minQueries int) Model {
	def := DefaultModel()
	if len(rows) < minQueries {
		def.Note = fmt.Sprintf("default weights: %d answered threads in the history, %d needed to fit", len(rows), minQueries)
		def.Quality.Queries = len(rows)
		return def
	}
	cut := len(rows) - int(float64(len(rows))*checkFraction)
	fit, check := rows[:cut], rows[cut:]
	fitted := ascend(fit, def.Weights)
	share := 0.0
	q := FitQuality{
		Queries:     len(rows),
		Checked:     len(check),
		DefaultMRR:  mrr(check, &def.Weights, 10),
		RepliersMRR: repliersMRR(check),
	}
	q.MRR = q.DefaultMRR
	for _, a := range []float64{0.25, 0.5, 0.75, 1} {
		b := blend(def.Weights, fitted, a)
		if m := mrr(check, &b, 10); m > q.MRR+1e-4 {
			share, q.MRR = a, m
		}
	}
	if share == 0 {
		def.Note = fmt.Sprintf("default weights: the weights fitted on %d answered threads "+
			"did not rank the latest %d better", len(fit), len(check))
		def.Quality = q
		return def
	}
	return Model{
		Weights: blend(def.Weights, ascend(rows, fitted), share),
		Fitted:  true,
		Quality: q,
		Note: fmt.Sprintf("fitted on %d answered threads, %.0f%% of the way from the defaults "+
			"(the best share on the latest %d); then refitted on all", len(fit), 100*share, len(check)),
	}
}

// trainingQueries returns the answered threads to fit on, oldest first.
func (e *Engine) trainingQueries(ctx context.Context, max int) ([]trainQuery, error) {
	e.mu.RLock()
	ix := e.ix
	var all []trainQuery
	for i := range ix.docs {
		d := &ix.docs[i]
		if d.dead || d.asker < 0 || len(d.answers) == 0 {
			continue
		}
		q := trainQuery{channel: ix.channels[d.ch].id, ts: d.ts, asker: ix.members[d.asker], at: time.Unix(d.at, 0).UTC()}
		for _, a := range d.answers {
			q.answerers = append(q.answerers, ix.members[a.who])
		}
		all = append(all, q)
	}
	e.mu.RUnlock()
	slices.SortFunc(all, func(a, b trainQuery) int { return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.ts, b.ts)) })
	all = evenly(all[int(float64(len(all))*warmUp):], max*3/2) // some are too short to keep
	var out []trainQuery
	for _, q := range all {
		m, err := e.st.MessageByTS(ctx, q.channel, q.ts)
		if err != nil {
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			return nil, err
		}
		if utf8.RuneCountInString(strings.TrimSpace(m.Text)) < minQueryChars {
			continue
		}
		q.text = m.Text
		out = append(out, q)
	}
	return evenly(out, max), nil
}

// evenly keeps at most n of xs, evenly spaced, in order.
func evenly[T any](xs []T, n int) []T {
	if len(xs) <= n {
		return xs
	}
	out := make([]T, 0, n)
	step := float64(len(xs)) / float64(n)
	for i := range n {
		out = append(out, xs[int(float64(i)*step)])
	}
	return out
}

// rows ranks each query as of its instant, on all cores, and keeps the
// candidates' features.
func (e *Engine) rows(ctx context.Context, qs []trainQuery) ([]row, error) {
	rows := make([]row, len(qs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rows[i] = e.row(qs[i])
			}
		}()
	}
	var err error
	for i := range qs {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	return rows, nil // a row whose repliers are not among its candidates counts 0, for every method
}

// row ranks one query as the engine would have then.
func (e *Engine) row(q trainQuery) row {
	e.mu.RLock()
	defer e.mu.RUnlock()
	ix := e.ix
	_, ps := e.gather(ix, Query{
		Text:            q.text,
		Asker:           q.asker,
		Channel:         q.channel,
		ThreadTS:        q.ts,
		At:              q.at,
		keepDeactivated: true,
	}, q.at, nil)
	r := row{}
	for _, p := range ps {
		r.f = append(r.f, p.f)
		r.answered = append(r.answered, slices.Contains(q.answerers, ix.members[p.who]))
		r.repliers = append(r.repliers, p.channelN)
	}
	return r
}

// ascend is coordinate ascent on the mean reciprocal rank, from w.
func ascend(rows []row, w [nFeatures]float64) [nFeatures]float64 { return ascendBut(rows, w, -1) }

// ascendBut is ascend leaving the weight of feature fixed as it is in w
// (-1: none). One weight at a time can get stuck where two would have to
// move together, so it also starts from each of the features that name
// people alone (the others at their weight in w divided by ten) and keeps
// the best end.
func ascendBut(rows []row, w [nFeatures]float64, fixed int) [nFeatures]float64 {
	best, bestRR := climb(rows, w, fixed)
	for _, f := range []int{fTopic, fChannel, fRecent, fHelped} {
		if f == fixed {
			continue
		}
		start := w
		for i := range start {
			if i != fixed {
				start[i] /= 10
			}
		}
		start[f] = 1
		if end, rr := climb(rows, start, fixed); rr > bestRR+1e-4 {
			best, bestRR = end, rr
		}
	}
	return best
}

// climb is one coordinate ascent from w; it returns where it ends and the
// mean reciprocal rank there.
func climb(rows []row, w [nFeatures]float64, fixed int) ([nFeatures]float64, float64) {
	scores := make([][]float64, len(rows))
	for i, r := range rows {
		scores[i] = make([]float64, len(r.f))
		for j := range r.f {
			scores[i][j] = weigh(&w, &r.f[j])
		}
	}
	best := meanRR(rows, scores, 0)
	for round := 0; round < 8; round++ {
		improved := false
		for f := range nFeatures {
			if f == fixed {
				continue
			}
			base := w[f]
			pick, pickRR := base, best
			for _, v := range grid {
				if v == base {
					continue
				}
				shift(rows, scores, f, v-base)
				if rr := meanRR(rows, scores, 0); rr > pickRR+1e-4 {
					pick, pickRR = v, rr
				}
				shift(rows, scores, f, base-v)
			}
			if pick != base {
				shift(rows, scores, f, pick-base)
				w[f], best, improved = pick, pickRR, true
			}
		}
		if !improved {
			break
		}
	}
	return w, best
}

// shift adds d times feature f to every candidate's score.
func shift(rows []row, scores [][]float64, f int, d float64) {
	for i, r := range rows {
		for j := range r.f {
			scores[i][j] += d * r.f[j][f]
		}
	}
}

// meanRR is the mean over rows of 1/rank of the first candidate who
// answered; beyond cutoff (0: none) it counts 0. Ties rank in the
// candidates' order (by member), as the engine breaks them.
func meanRR(rows []row, scores [][]float64, cutoff int) float64 {
	sum, n := 0.0, 0.0
	for i, r := range rows {
		w := r.weight
		if w == 0 {
			w = 1
		}
		sum += w * reciprocalRank(r.answered, scores[i], cutoff)
		n += w
	}
	if n == 0 {
		return 0
	}
	return sum / n
}

func reciprocalRank(answered []bool, s []float64, cutoff int) float64 {
	best := 0
	for j, ok := range answered {
		if !ok {
			continue
		}
		rank := 1
		for k, v := range s {
			if v > s[j] || (v == s[j] && k < j) {
				rank++
			}
		}
		if best == 0 || rank < best {
			best = rank
		}
	}
	if best == 0 || (cutoff > 0 && best > cutoff) {
		return 0
	}
	return 1 / float64(best)
}

// mrr is the MRR (top cutoff) of weights w on rows.
func mrr(rows []row, w *[nFeatures]float64, cutoff int) float64 {
	scores := make([][]float64, len(rows))
	for i, r := range rows {
		scores[i] = make([]float64, len(r.f))
		for j := range r.f {
			scores[i][j] = weigh(w, &r.f[j])
		}
	}
	return meanRR(rows, scores, cutoff)
}

// repliersMRR is the MRR (top 10) of the baseline: the candidates who
// answered most in the channel before.
func repliersMRR(rows []row) float64 {
	scores := make([][]float64, len(rows))
	for i, r := range rows {
		scores[i] = make([]float64, len(r.repliers))
		for j, n := range r.repliers {
			scores[i][j] = float64(n)
		}
	}
	return meanRR(rows, scores, 10)
}

// blend is (1-a)·d + a·w: a share of the way from d to w.
func blend(d, w [nFeatures]float64, a float64) [nFeatures]float64 {
	for i := range d {
		d[i] = (1-a)*d[i] + a*w[i]
	}
	return d
}
