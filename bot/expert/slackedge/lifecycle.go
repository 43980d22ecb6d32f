package slackedge

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/expert"
	"praxis/bot/i18n"
	"praxis/bot/inchannel"
	"praxis/bot/llm"
	"praxis/bot/outbox"
	"praxis/bot/question"
	"praxis/store"
)

// Tracker is the dispatch handler that follows the questions asked in
// community channels until someone answers and the asker ticks (✅) or
// thanks an answer. (The engine hears of the threads that changed from the
// store itself: Engine.Committed.)
type Tracker struct {
	eng        *expert.Engine
	st         *store.Store // who paused recording or was forgotten: no model reads their words
	dir        *bot.Directory
	botUser    string
	classifier Classifier
}

// Classifier tells whether a message is a question (a language model, see
// bot/llm); any error means it cannot tell.
type Classifier interface {
	IsQuestion(ctx context.Context, text string) (bool, error)
}

var _ Classifier = (*llm.Client)(nil)

// NewTracker returns a Tracker. botUser is Praxis's own user id; classifier
// may be nil (the heuristics of bot/question decide alone).
func NewTracker(eng *expert.Engine, st *store.Store, dir *bot.Directory, botUser string,
	classifier Classifier) *Tracker {
	return &Tracker{eng: eng, st: st, dir: dir, botUser: botUser, classifier: classifier}
}

// Prepare asks the model, when there is one, whether a new top-level
// message in a community channel is a question: outside the transaction,
// since it is a network call. Its step follows the event's thread with
// that verdict.
func (t *Tracker) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	if !t.tracks(ev) {
		return nil, nil
	}
	v := t.verdict(ctx, ev, true)
	return func(ctx context.Context, tx *store.Tx) error { return t.follow(ctx, ev, v, tx) }, nil
}

// Follow follows an event's thread in tx with the heuristics' verdict,
// the model not asked: for back-filled events, written as they come.
func (t *Tracker) Follow(ctx context.Context, ev bot.Event, tx *store.Tx) error {
	if !t.tracks(ev) {
		return nil
	}
	return t.follow(ctx, ev, t.verdict(ctx, ev, false), tx)
}

// tracks reports whether the tracker follows an event: a contribution in
// a community channel.
func (t *Tracker) tracks(ev bot.Event) bool {
	if !ev.IsContribution() || ev.TS == "" {
		return false
	}
	_, ok := t.dir.Of(ev.Channel)
	return ok
}

// verdict is whether a message starts a question, and who decided (why).
type verdict struct {
	question bool
	why      string
}

// verdict decides whether ev starts a question: the model's verdict when
// ask is set and the model gives one, else the heuristics' (bot/question).
// Detect's clear "no" (empty, social, an announcement) costs nothing.
func (t *Tracker) verdict(ctx context.Context, ev bot.Event, ask bool) verdict {
	if ev.Kind != bot.KindMessage || !t.candidate(ev) {
		return verdict{}
	}
	ok, why := question.Detect(ev.Text)
	if !ask || t.classifier == nil || (!ok && why != "statement") {
		return verdict{ok, why}
	}
	// A member who paused recording, or asked to be forgotten: their words
	// are not kept, so no model reads them either.
	if p, err := t.st.Privacy(ctx, ev.User); err != nil || !p.Paused.IsZero() || !p.Forgotten.IsZero() {
		return verdict{ok, why}
	}
	if is, err := t.classifier.IsQuestion(ctx, ev.Text); err == nil {
		return verdict{is, "llm"}
	}
	return verdict{ok, why} // the model failed: the heuristics decide
}

// candidate reports whether an event may start a question: a new top-level
// message by a member in a community channel.
func (t *Tracker) candidate(ev bot.Event) bool {
	if ev.Kind != bot.KindMessage || ev.TS == "" || (ev.ThreadTS != "" && ev.ThreadTS != ev.TS) {
		return false
	}
	if ev.User == "" || ev.BotID != "" || ev.Subtype == "bot_message" || ev.User == t.botUser {
		return false
	}
	if ev.Subtype != "" && ev.Subtype != "thread_broadcast" && ev.Subtype != "file_share" {
		return false
	}
	_, ok := t.dir.Of(ev.Channel)
	return ok
}

// follow follows the event's thread in tx; v is whether the event starts
// a question.
func (t *Tracker) follow(ctx context.Context, ev bot.Event, v verdict, tx *store.Tx) error {
	human := ev.User != "" && ev.BotID == "" && ev.Subtype != "bot_message" && ev.User != t.botUser
	at := ev.Time
	if ts, ok := store.ParseTS(ev.TS); ok && ev.Kind == bot.KindMessage {
		at = ts
	}
	// Slack does not promise the order of events: what may close a
	// question (a thanks, a ✅) is recorded as it comes, and the question
	// settled from what is recorded, so a question delivered after its
	// answer, its thanks or its ✅ ends the same as one delivered first.
	switch ev.Kind {
	case bot.KindMessage, bot.KindEdit:
		if !human {
			return nil
		}
		if ev.ThreadTS == "" || ev.ThreadTS == ev.TS {
			if !v.question {
				return nil // not a question, or not a new top-level message
			}
			q := store.Question{ChannelID: ev.Channel, TS: ev.TS, Asker: ev.User, AskedAt: at, Why: v.why}
			return tx.AddQuestion(ctx, q, question.AcceptNames)
		}
		// A reply, or a reply first seen through its edit (an unfurl): it
		// may answer, and a thanks may close, the thread's question.
		if ev.Kind == bot.KindMessage && ev.Subtype == "" && question.IsThanks(ev.Text) {
			if err := tx.MarkThanks(ctx, ev.Channel, ev.TS, ev.User, at); err != nil {
				return err
			}
		}
		return t.settle(ctx, tx, ev.Channel, ev.ThreadTS)
	case bot.KindReactionAdded:
		if !slices.Contains(question.AcceptNames, ev.Reaction) {
			return nil
		}
		if err := tx.MarkTick(ctx, ev.Channel, ev.TS, ev.User, ev.Time); err != nil {
			return err
		}
		thread, _, err := tx.ThreadOf(ctx, ev.Channel, ev.TS)
		if err != nil || thread == "" {
			return err // a tick on a message not recorded yet counts when the message arrives
		}
		return t.settle(ctx, tx, ev.Channel, thread)
	case bot.KindDelete:
		return tx.CloseQuestion(ctx, ev.Channel, ev.TS)
	}
	return nil
}

// settle settles the question of a thread, if it is one.
func (t *Tracker) settle(ctx context.Context, tx *store.Tx, channel, thread string) error {
	q, ok, err := tx.QuestionOf(ctx, channel, thread)
	if err != nil || !ok {
		return err
	}
	return tx.SettleQuestion(ctx, channel, q.TS, question.AcceptNames)
}

// Router invites experts into questions left unanswered, then tells the
// facilitators. Each step happens once per question; each message goes
// through the outbox under a key naming the question.
type Router struct {
	st      *store.Store
	eng     *expert.Engine
	dir     *bot.Directory
	teamURL string
	d       bot.Deps // its clock is the one questions wait by
	opts    RouterOptions
	// skipped counts the ticks put off because events were still waiting.
	skipped int
}

// RouterOptions tune a Router.
type RouterOptions struct {
	// Since: questions asked before it are followed but never routed nor
	// escalated (a first start, a back-fill, must not flood anyone with
	// a month of old questions). Zero: 30 days back.
	Since time.Time
	// Holds tells whether this replica holds a shard of channels
	// (store.Shard): the questions of the others' channels are theirs to
	// route. Default: every shard (one process).
	Holds func(shard int) bool
}

// NewRouter returns a Router following the questions of dir's communities,
// each by its working hours and delays.
func NewRouter(st *store.Store, eng *expert.Engine, dir *bot.Directory, teamURL string, d bot.Deps,
	opts RouterOptions) *Router {
	return &Router{st: st, eng: eng, dir: dir, teamURL: teamURL, d: d.For("questions"), opts: opts}
}

var routeCatalog = i18n.Catalog{
	"en": {
		"route": "This question has been waiting for an answer for %s. " +
			"%s, you answered similar questions: could you help?",
		"escalate":    "A question in #%s has had no answer for %s: <%s|%s>%s",
		"escalate_no": " (no expert could be found to invite)",
		"escalate_in": " (I invited %s)",
		"hours":       "%d working hours",
		"hours_one":   "%d working hour",
	},
	"fr": {
		"route": "Cette question attend une réponse depuis %s. %s, vous avez " +
			"répondu à des questions proches : pourriez-vous aider ?",
		"escalate":    "Une question de #%s attend une réponse depuis %s : <%s|%s>%s",
		"escalate_no": " (aucun expert n'a pu être sollicité)",
		"escalate_in": " (j'ai sollicité %s)",
		"hours":       "%d heures ouvrées",
		"hours_one":   "%d heure ouvrée",
	},
}

// Run checks the open questions every interval until ctx ends.
func (r *Router) Run(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := r.Tick(ctx, r.d.Now()); err != nil && ctx.Err() == nil {
			r.d.Log.Warn("question routing", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// maxSkipped bounds how many ticks in a row wait for the inbox.
const maxSkipped = 10

// Tick does what is due at now. While received events wait in the inbox
// (an answer may be among them), it waits too, a few ticks at most.
func (r *Router) Tick(ctx context.Context, now time.Time) error {
	if n, err := r.st.InboxDepth(ctx); err == nil && n > 0 && r.skipped < maxSkipped {
		r.skipped++
		return nil
	}
	r.skipped = 0
	since := now.Add(-30 * 24 * time.Hour)
	if r.opts.Since.After(since) {
		since = r.opts.Since
	}
	qs, err := r.st.OpenQuestions(ctx, since)
	if err != nil {
		return err
	}
	for _, q := range qs {
		c, ok := r.dir.Of(q.ChannelID)
		if !ok || r.opts.Holds != nil && !r.opts.Holds(store.Shard(q.ChannelID)) {
			continue
		}
		answered, err := r.answeredInChannel(ctx, q)
		if err != nil {
			return err
		}
		if answered {
			continue
		}
		waited := c.Hours.Between(q.AskedAt, now)
		if q.RoutedAt.IsZero() && waited >= c.AnswerWithin {
			if err := r.route(ctx, q, c, waited, now); err != nil {
				return err
			}
			q.RoutedAt = now
		}
		if q.EscalatedAt.IsZero() && waited >= c.EscalateAfter {
			if err := r.escalate(ctx, q, c, waited, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// answeredInChannel records the answer a question got in the channel
// rather than in a thread (bot/inchannel), read from what is recorded, so
// that the order events arrived in does not matter: the import reads the
// same rule.
func (r *Router) answeredInChannel(ctx context.Context, q store.Question) (bool, error) {
	m, ok, err := inchannel.Answered(ctx, r.st, q)
	if err != nil || !ok {
		return false, err
	}
	return true, r.st.Batch(ctx, func(tx *store.Tx) error {
		return tx.AnswerQuestion(ctx, q.ChannelID, q.TS, m.UserID, m.PostedAt)
	})
}

// route invites the one or two best available experts into the thread.
// Nobody is asked twice about a question (invited before, or sent a nudge
// about it), nor invited while away or over their weekly budget; when
// nobody fits, the question waits for escalation.
func (r *Router) route(ctx context.Context, q store.Question, c bot.Community, waited time.Duration,
	now time.Time) error {
	m, pinged, err := r.lookUp(ctx, q)
	if err != nil {
		return err
	}
	nudged, err := r.st.NudgedAbout(ctx, q.ChannelID, q.TS)
	if err != nil {
		return err
	}
	res, err := r.eng.Rank(ctx, expert.Query{
		Text:      m.Text,
		Asker:     q.Asker,
		ShownIn:   q.ChannelID,
		Channel:   q.ChannelID,
		ThreadTS:  q.TS,
		Limit:     8,
		Available: true,
		Now:       now,
	})
	if err != nil {
		return err
	}
	var pick []expert.Candidate
	for _, cand := range res.Experts {
		// Only people who answered close questions: a weak match is not
		// worth a ping, nor the invitation's "you answered similar questions".
		asked := pinged[cand.User] || nudged[cand.User]
		if asked || cand.Unavailable == "away" || cand.Unavailable == "busy" || cand.Answered == 0 || cand.Weak {
			continue
		}
		if len(pick) > 0 && cand.Score < pick[0].Score/2 {
			break
		}
		if pick = append(pick, cand); len(pick) == 2 {
			break
		}
	}
	err = r.st.Batch(ctx, func(tx *store.Tx) error {
		if err := tx.MarkRouted(ctx, q.ChannelID, q.TS, now); err != nil {
			return err
		}
		var names []string
		for _, p := range pick {
			err := tx.AddPing(ctx, store.Ping{
				MemberID:   p.User,
				ChannelID:  q.ChannelID,
				QuestionTS: q.TS,
				Kind:       "routed",
				At:         now,
			})
			if errors.Is(err, store.ErrPinged) {
				continue
			}
			if err != nil {
				return err
			}
			names = append(names, "<@"+p.User+">")
		}
		if len(names) == 0 {
			return nil
		}
		hours := routeCatalog.N(c.Language, "hours", int(waited.Hours()))
		text := routeCatalog.T(c.Language, "route", hours, strings.Join(names, ", "))
		_, err := tx.Enqueue(ctx, outbox.New("route:"+q.ChannelID+":"+q.TS, outbox.PostMessage, q.ChannelID,
			outbox.Message{Text: text, ThreadTS: q.TS}))
		return err
	})
	if err == nil {
		r.d.Log.Info("unanswered question routed", "channel_id", q.ChannelID, "ts", q.TS, "experts", len(pick))
		r.d.Metrics.QuestionsRouted.Inc()
	}
	return err
}

// lookUp reads a question's message and who was already asked about it.
func (r *Router) lookUp(ctx context.Context, q store.Question) (store.Message, map[string]bool, error) {
	m, err := r.st.MessageByTS(ctx, q.ChannelID, q.TS)
	if err != nil {
		return m, nil, err
	}
	pinged, err := r.st.Pinged(ctx, q.ChannelID, q.TS)
	return m, pinged, err
}

// escalate tells each facilitator, by DM, about a question still without
// an answer.
func (r *Router) escalate(ctx context.Context, q store.Question, c bot.Community, waited time.Duration,
	now time.Time) error {
	m, pinged, err := r.lookUp(ctx, q)
	if err != nil {
		return err
	}
	var invited []string
	for u := range pinged {
		invited = append(invited, "<@"+u+">")
	}
	slices.Sort(invited)
	note := routeCatalog.T(c.Language, "escalate_no")
	if len(invited) > 0 {
		note = routeCatalog.T(c.Language, "escalate_in", strings.Join(invited, ", "))
	}
	channel := bot.Escape(r.eng.ChannelName(q.ChannelID))
	link := expert.Permalink(r.teamURL, expert.ThreadRef{ChannelID: q.ChannelID, TS: q.TS})
	names := r.st.Names(ctx)
	quoted := bot.Quote(m.Text, bot.Label, maxQuoted, bot.Names{Member: names.Member, Channel: names.Channel})
	hours := routeCatalog.N(c.Language, "hours", int(waited.Hours()))
	text := routeCatalog.T(c.Language, "escalate", channel, hours, link, quoted, note)
	err = r.st.Batch(ctx, func(tx *store.Tx) error {
		if err := tx.MarkEscalated(ctx, q.ChannelID, q.TS, now); err != nil {
			return err
		}
		for _, f := range c.Facilitators {
			key := "escalate:" + q.ChannelID + ":" + q.TS + ":" + f
			if _, err := tx.Enqueue(ctx, outbox.New(key, outbox.PostMessage, f, outbox.Message{Text: text})); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		r.d.Log.Info("unanswered question escalated", "channel_id", q.ChannelID, "ts", q.TS,
			"facilitators", len(c.Facilitators))
		r.d.Metrics.QuestionsEscalated.Inc()
	}
	return err
}
