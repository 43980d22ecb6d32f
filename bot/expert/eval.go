package expert

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"praxis/bot/inchannel"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"praxis/bot"
	"praxis/bot/question"
	"praxis/store"
	"praxis/store/terms"
)

// The evaluation protocol: a workspace's history is split in time. What was
// posted before the cutoff is what the methods know; each question asked in
// a mapped channel after it, that someone other than the asker answered, is
// put to every method as of the instant it was asked, and its ranking is
// scored against who actually answered: P@1 (the first suggestion
// answered), MRR (the mean of 1/rank of the first suggestion who answered,
// 0 beyond the 10th) and recall@5 (the share of the answerers among the
// first five). With ProtocolAnswered, every top-level message of at least
// 20 characters answered in its thread by someone else is a question, not
// only those bot/question reads as questions. Praxis ranks twice, with the
// weights it fits on the history before the cutoff (Fit) and with the
// defaults, and is compared with two baselines computed the same way: the
// channel's most active repliers, and BM25 over each person's messages.

// Protocols: which messages after the cutoff are put as questions.
const (
	ProtocolQuestions = "questions" // what bot/question reads as a question
	ProtocolAnswered  = "answered"  // every top-level message of 20+ characters answered in its thread by someone else
)

// EvalOptions tune an evaluation.
type EvalOptions struct {
	Split        float64   // share of the messages posted before the cutoff; default 0.8
	Cutoff       time.Time // overrides Split
	MaxQuestions int       // 0: all
	Protocol     string    // ProtocolQuestions (default) or ProtocolAnswered
	Engine       Options   // the engine's options (Now is set to the cutoff)
	Log          io.Writer // progress; nil: none
	// Undated puts the questions without their instant, as praxis expert
	// --batch does with no "ts": ranked on the history that ended at the
	// cutoff, as of the test period's end (who was around when each was
	// asked, and at which hour, is not known then).
	Undated bool
}

// Scores are one method's results.
type Scores struct {
	Method     string  `json:"method"`
	P1         float64 `json:"p_at_1"`
	MRR        float64 `json:"mrr"`
	Recall5    float64 `json:"recall_at_5"`
	Questions  int     `json:"questions"`
	Unanswered int     `json:"unanswered"` // questions for which the method suggested nobody
	Baseline   bool    `json:"baseline"`   // a reference method, not Praxis
}

// EvalReport is an evaluation's outcome.
type EvalReport struct {
	Cutoff          time.Time `json:"cutoff"`
	HistoryMessages int       `json:"history_messages"`
	Questions       int       `json:"questions"`
	Protocol        string    `json:"protocol"`
	Undated         bool      `json:"undated"` // the questions were put without their instant (EvalOptions.Undated)
	// Methods are Praxis with fitted weights first, then with the
	// defaults, then the baselines.
	Methods []Scores      `json:"methods"`
	Fitted  Model         `json:"fitted"` // what the fit on the history before the cutoff gave
	Took    time.Duration `json:"took_ns"`
}

// Lift is Praxis's MRR, with the weights fitted on the history before the
// cutoff, relative to the better baseline (0.25 = 25% above).
func (r EvalReport) Lift() float64 {
	best := 0.0
	for _, m := range r.Methods {
		if m.Baseline {
			best = math.Max(best, m.MRR)
		}
	}
	if best == 0 {
		return math.Inf(1)
	}
	return r.Methods[0].MRR/best - 1
}

type testQuestion struct {
	channel, ts, asker, text string
	at                       time.Time
	answerers                []string
}

// Evaluate runs the protocol on a store holding a whole imported history.
// It works on a copy made in dir and leaves full untouched.
func Evaluate(ctx context.Context, full *store.Store, dir string, opts EvalOptions) (EvalReport, error) {
	start := time.Now()
	var rep EvalReport
	if opts.Split <= 0 || opts.Split >= 1 {
		opts.Split = 0.8
	}
	channels, err := mappedChannels(ctx, full)
	if err != nil {
		return rep, err
	}
	rep.Cutoff = opts.Cutoff
	if rep.Cutoff.IsZero() {
		if rep.Cutoff, err = splitTime(ctx, full, channels, opts.Split); err != nil {
			return rep, err
		}
	}
	if opts.Protocol == "" {
		opts.Protocol = ProtocolQuestions
	}
	if opts.Protocol != ProtocolQuestions && opts.Protocol != ProtocolAnswered {
		return rep, fmt.Errorf("evaluate: protocol %q: want %q or %q", opts.Protocol, ProtocolQuestions, ProtocolAnswered)
	}
	rep.Protocol, rep.Undated = opts.Protocol, opts.Undated
	qs, err := testQuestions(ctx, full, channels, rep.Cutoff, opts.Protocol)
	if err != nil {
		return rep, err
	}
	if opts.MaxQuestions > 0 && len(qs) > opts.MaxQuestions {
		// An even spread over the test period.
		step := float64(len(qs)) / float64(opts.MaxQuestions)
		var pick []testQuestion
		for i := 0; i < opts.MaxQuestions; i++ {
			pick = append(pick, qs[int(float64(i)*step)])
		}
		qs = pick
	}
	rep.Questions = len(qs)
	logf(opts.Log, "cutoff %s: %d questions after it were answered by someone else",
		rep.Cutoff.Format(time.DateOnly), len(qs))

	past, err := full.CopyBefore(ctx, dir, rep.Cutoff)
	if err != nil {
		return rep, err
	}
	defer past.Close()
	st, err := past.Stats(ctx)
	if err != nil {
		return rep, err
	}
	rep.HistoryMessages = st.Messages

	eng := New(past, bot.Deps{Now: func() time.Time { return rep.Cutoff }}, opts.Engine)
	if err := eng.Load(ctx); err != nil {
		return rep, err
	}
	base, err := newBaselines(ctx, past, channels)
	if err != nil {
		return rep, err
	}
	rep.Fitted, err = eng.Fit(ctx, FitOptions{Now: rep.Cutoff})
	if err != nil {
		return rep, err
	}
	praxis := func(q testQuestion) ([]string, error) {
		query := Query{
			Text:            q.text,
			Asker:           q.asker,
			Channel:         q.channel,
			At:              q.at,
			Limit:           10,
			keepDeactivated: true,
		}
		if opts.Undated {
			query.At, query.Now = time.Time{}, qs[len(qs)-1].at
		}
		res, err := eng.Rank(ctx, query)
		var out []string
		for _, c := range res.Experts {
			out = append(out, c.User)
		}
		return out, err
	}
	def := DefaultModel()
	methods := []struct {
		name  string
		model *Model // Praxis's weights; nil: a baseline
		rank  func(q testQuestion) ([]string, error)
	}{
		{"praxis, weights fitted before the cutoff", &rep.Fitted, praxis},
		{"praxis, default weights", &def, praxis},
		{"most active repliers in the channel", nil, func(q testQuestion) ([]string, error) {
			return base.activeRepliers(q.channel, q.asker, 10), nil
		}},
		{"BM25 over each person's messages", nil, func(q testQuestion) ([]string, error) {
			return base.bm25(q.text, q.asker, 10), nil
		}},
	}
	for _, m := range methods {
		if m.model != nil {
			eng.SetModel(*m.model)
		}
		s := Scores{Method: m.name, Questions: len(qs), Baseline: m.model == nil}
		for _, q := range qs {
			ranked, err := m.rank(q)
			if err != nil {
				return rep, err
			}
			if len(ranked) == 0 {
				s.Unanswered++
			}
			p1, rr, r5 := score(ranked, q.answerers)
			s.P1 += p1
			s.MRR += rr
			s.Recall5 += r5
		}
		if n := float64(len(qs)); n > 0 {
			s.P1, s.MRR, s.Recall5 = s.P1/n, s.MRR/n, s.Recall5/n
		}
		rep.Methods = append(rep.Methods, s)
	}
	rep.Took = time.Since(start)
	return rep, nil
}

// mappedChannels returns the mapped channels' ids, sorted.
func mappedChannels(ctx context.Context, st *store.Store) ([]string, error) {
	cs, err := st.Communities(ctx)
	if err != nil {
		return nil, err
	}
	var channels []string
	for _, c := range cs {
		for id := range c.Channels {
			channels = append(channels, id)
		}
	}
	slices.Sort(channels)
	return channels, nil
}

// splitTime is the time by which split of the channels' messages by
// members had been posted (activity is rarely even over an export's
// span); zero when there are none.
func splitTime(ctx context.Context, st *store.Store, channels []string, split float64) (time.Time, error) {
	var times []int64
	for _, ch := range channels {
		err := st.ScanChannel(ctx, ch, func(m store.ChannelMessage) error {
			if !m.IsBot && !m.Deleted {
				times = append(times, m.PostedAt.Unix())
			}
			return nil
		})
		if err != nil {
			return time.Time{}, err
		}
	}
	if len(times) == 0 {
		return time.Time{}, nil
	}
	slices.Sort(times)
	return time.Unix(times[min(int(float64(len(times))*split), len(times)-1)], 0).UTC(), nil
}

// score returns P@1, the reciprocal rank (up to 10) and recall@5.
func score(ranked, truth []string) (p1, rr, r5 float64) {
	for i, u := range ranked {
		if i == 10 {
			break
		}
		if slices.Contains(truth, u) {
			if rr == 0 {
				rr = 1 / float64(i+1)
			}
			if i == 0 {
				p1 = 1
			}
			if i < 5 {
				r5++
			}
		}
	}
	if len(truth) > 0 {
		r5 /= float64(len(truth))
	}
	return p1, rr, r5
}

// testQuestions returns the questions asked after the cutoff that someone
// other than the asker answered, with who answered.
func testQuestions(ctx context.Context, st *store.Store, channels []string, cutoff time.Time,
	protocol string) ([]testQuestion, error) {
	var out []testQuestion
	for _, ch := range channels {
		threads := map[string]*testQuestion{}
		var order []string
		flat, err := humanMessages(ctx, st, ch, func(m store.ChannelMessage) bool { return !m.PostedAt.Before(cutoff) },
			func(m store.ChannelMessage, top bool) {
				if top {
					if m.PostedAt.Before(cutoff) {
						return
					}
					if isTestQuestion(m.Text, protocol) {
						threads[m.TS] = &testQuestion{channel: ch, ts: m.TS, asker: m.UserID, text: m.Text, at: m.PostedAt}
						order = append(order, m.TS)
					}
					return
				}
				if q := threads[m.ThreadTS]; q != nil && m.UserID != q.asker && !slices.Contains(q.answerers, m.UserID) {
					q.answerers = append(q.answerers, m.UserID)
				}
			})
		if err != nil {
			return nil, err
		}
		for ts, rs := range flat {
			q := threads[ts]
			for _, r := range rs {
				if q != nil && !slices.Contains(q.answerers, r.UserID) {
					q.answerers = append(q.answerers, r.UserID)
				}
			}
		}
		for _, ts := range order {
			if q := threads[ts]; len(q.answerers) > 0 {
				out = append(out, *q)
			}
		}
	}
	slices.SortFunc(out, func(a, b testQuestion) int { return cmp.Compare(a.ts, b.ts) })
	return out, nil
}

// isTestQuestion reports whether a top-level message is put as a
// question under protocol.
func isTestQuestion(text, protocol string) bool {
	if protocol == ProtocolAnswered {
		return utf8.RuneCountInString(strings.TrimSpace(text)) >= minQueryChars
	}
	ok, _ := question.Detect(text)
	return ok
}

// humanMessages calls fn with each message of a channel a member wrote
// (not deleted, not a bot's), oldest first, saying whether it is top-level.
// It also returns the in-channel replies (bot/inchannel) to the questions
// among the top-level messages keep accepts (nil: all) that got no thread
// reply where the channel answered in the channel.
func humanMessages(ctx context.Context, st *store.Store, ch string, keep func(store.ChannelMessage) bool,
	fn func(m store.ChannelMessage, top bool)) (map[string][]store.ChannelMessage, error) {
	var top []store.ChannelMessage
	var shape inchannel.Shape
	threaded := map[string]bool{} // top-level messages with a thread reply
	inChannel := map[string]bool{}
	err := st.ScanChannel(ctx, ch, func(m store.ChannelMessage) error {
		isTop := m.ThreadTS == "" || m.ThreadTS == m.TS
		shape.Add(m.PostedAt, !isTop)
		if !isTop {
			threaded[m.ThreadTS] = true
		} else if shape.At(m.PostedAt) {
			inChannel[m.TS] = true
		}
		if m.Deleted || m.IsBot || m.UserID == "" {
			return nil
		}
		if isTop && (keep == nil || keep(m)) {
			top = append(top, m)
		}
		fn(m, isTop)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return inchannel.Replies(top, func(m store.ChannelMessage) bool { return inChannel[m.TS] && !threaded[m.TS] }), nil
}

// baselines are the two reference methods.
type baselines struct {
	replies map[string]map[string]int // channel → member → replies to others' threads
	people  []string
	tf      []map[string]int32 // per person: term → count
	length  []int
	df      map[string]int
	avg     float64
	posting map[string][]int // term → people
}

func newBaselines(ctx context.Context, st *store.Store, channels []string) (*baselines, error) {
	b := &baselines{replies: map[string]map[string]int{}, df: map[string]int{}, posting: map[string][]int{}}
	idx := map[string]int{}
	for _, ch := range channels {
		authors := map[string]string{}
		counts := map[string]int{}
		flat, err := humanMessages(ctx, st, ch, nil, func(m store.ChannelMessage, top bool) {
			if top {
				authors[m.TS] = m.UserID
			} else if a, ok := authors[m.ThreadTS]; !ok || a != m.UserID {
				counts[m.UserID]++
			}
			i, ok := idx[m.UserID]
			if !ok {
				i = len(b.people)
				idx[m.UserID] = i
				b.people = append(b.people, m.UserID)
				b.tf = append(b.tf, map[string]int32{})
				b.length = append(b.length, 0)
			}
			for _, t := range strings.Fields(terms.Index(m.Text)) {
				b.tf[i][t]++
				b.length[i]++
			}
		})
		if err != nil {
			return nil, err
		}
		for _, rs := range flat {
			for _, r := range rs {
				counts[r.UserID]++
			}
		}
		b.replies[ch] = counts
	}
	total := 0
	for i, tf := range b.tf {
		total += b.length[i]
		for t := range tf {
			b.df[t]++
			b.posting[t] = append(b.posting[t], i)
		}
	}
	b.avg = float64(total) / math.Max(float64(len(b.people)), 1)
	return b, nil
}

func (b *baselines) activeRepliers(channel, asker string, limit int) []string {
	type pc struct {
		who string
		n   int
	}
	var ps []pc
	for who, n := range b.replies[channel] {
		if who != asker {
			ps = append(ps, pc{who, n})
		}
	}
	slices.SortFunc(ps, func(a, b pc) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.who, b.who)) })
	var out []string
	for _, p := range ps[:min(limit, len(ps))] {
		out = append(out, p.who)
	}
	return out
}

func (b *baselines) bm25(text, asker string, limit int) []string {
	scores := map[int]float64{}
	n := float64(len(b.people))
	for _, t := range terms.Stems(text) {
		df := float64(b.df[t])
		if df == 0 {
			continue
		}
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for _, i := range b.posting[t] {
			tf := float64(b.tf[i][t])
			scores[i] += idf * tf * (k1 + 1) / (tf + k1*(1-b0+b0*float64(b.length[i])/b.avg))
		}
	}
	type ps struct {
		i int
		s float64
	}
	var all []ps
	for i, s := range scores {
		if b.people[i] != asker {
			all = append(all, ps{i, s})
		}
	}
	slices.SortFunc(all, func(x, y ps) int {
		return cmp.Or(cmp.Compare(y.s, x.s), cmp.Compare(b.people[x.i], b.people[y.i]))
	})
	var out []string
	for _, p := range all[:min(limit, len(all))] {
		out = append(out, b.people[p.i])
	}
	return out
}

// b0 is BM25's length normalisation for the person documents.
const b0 = b

// Print writes the report as a table, then the fitted and default weights
// side by side.
func (r EvalReport) Print(w io.Writer) {
	what := "questions"
	if r.Protocol == ProtocolAnswered {
		what = "top-level messages of 20+ characters"
	}
	fmt.Fprintf(w, "History before %s: %d messages. %s after it, answered by someone else: %d",
		r.Cutoff.Format(time.DateOnly), r.HistoryMessages, strings.ToUpper(what[:1])+what[1:], r.Questions)
	if r.Undated {
		fmt.Fprint(w, ", put without their instant")
	}
	fmt.Fprint(w, ".\n\n")
	fmt.Fprintf(w, "%-42s %6s %6s %9s\n", "method", "P@1", "MRR", "recall@5")
	for _, m := range r.Methods {
		fmt.Fprintf(w, "%-42s %6.3f %6.3f %9.3f\n", m.Method, m.P1, m.MRR, m.Recall5)
	}
	fmt.Fprintf(w, "\nWeights (%s):\n%s", r.Fitted.Note, r.Fitted.Describe())
	if q := r.Fitted.Quality; q.Checked > 0 {
		fmt.Fprintf(w, "Checked by the fit on the latest %d answered threads before the cutoff: "+
			"MRR %.3f fitted, %.3f default, %.3f the channel's repliers.\n",
			q.Checked, q.MRR, q.DefaultMRR, q.RepliersMRR)
	}
	if r.Questions == 0 {
		fmt.Fprintln(w, "\nNot enough data: no answered question after the cutoff.")
		return
	}
	fmt.Fprintf(w, "\nPraxis's MRR is %+.0f%% against the better baseline (%s).\n",
		100*r.Lift(), r.Took.Round(time.Millisecond))
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}
