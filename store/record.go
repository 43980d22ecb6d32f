package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"praxis/store/terms"
)

// Tx is a write transaction handed to an event's processing (see Process).
// Its methods are the recording operations; they are idempotent so that an
// event applied twice (a redelivery, an import overlapping live events)
// leaves the same rows.
type Tx struct {
	tx  txConn
	s   *Store
	now time.Time
	// seen gathers first/last activity per member, written once per member
	// at commit rather than once per message.
	seen []seenOp
	// fts holds the full-text index changes, applied in order at commit: an
	// FTS5 table flushes its in-memory index whenever another statement of
	// the transaction opens a savepoint, so interleaving them costs a flush
	// per message.
	fts []ftsOp
	// changed is what the transaction changed, told to the store's
	// followers once committed (see OnCommit); follow: someone follows.
	changed Changes
	follow  bool
	// scrub: the transaction erased something; the store's scrubber is
	// asked to run once it is committed (see scrub.go).
	scrub bool
	// withheld: the event being processed carried words or a trace of a
	// member Praxis keeps nothing of (paused, forgotten, past retention);
	// its raw payload in the inbox is emptied once it is processed.
	withheld bool
	// lastNew: the previous PutMessage found no such message (see PutMessage).
	lastNew bool
	// put is the message the previous PutMessage wrote or found, and
	// whether it is deleted (see AddResource).
	put putMark
	// priv caches the members' privacy and the retention mark for the
	// transaction (see privacyOf); nil: not read yet.
	priv *txPrivacy
	// removals: whether a reaction removal is recorded at all (see
	// AddReaction); nil: not read yet in this transaction.
	removals *bool
	stmts    map[string]*sql.Stmt // see stmt
	holds    map[int]bool         // the shards' leases read (see Holds)
	// batched: new messages may wait to be inserted together (PostgreSQL,
	// in ProcessBatch: see pending.go); pending are those waiting, and
	// flushErr the first error inserting them.
	batched  bool
	pending  []pendingMsg
	flushErr error
}

type putMark struct {
	channel, ts string
	deleted     bool
}

type seenOp struct {
	id string
	at int64
}

// commit writes what the transaction gathered and commits it.
func (t *Tx) commit(ctx context.Context) error {
	if err := t.flushMessages(ctx); err != nil {
		return err
	}
	if err := t.seeMembers(ctx); err != nil {
		return err
	}
	// Last, the writes that lock what every writer shares, held to the
	// commit: the full-text index's totals row, the change log's order.
	if err := t.applyFTS(ctx); err != nil {
		return err
	}
	if err := t.logChanges(ctx); err != nil {
		return err
	}
	if err := t.tx.raw.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	t.s.announce(t.changed)
	t.s.wrote()
	if t.scrub {
		t.s.scrubSoon()
	}
	return nil
}

// newTx wraps a write transaction just begun.
func (s *Store) newTx(tx *sql.Tx) *Tx {
	t := &Tx{s: s, now: s.Now(), follow: s.followed() || s.pg}
	t.tx = txConn{raw: tx, t: t}
	return t
}

// queryRow runs a one-row query in the transaction, prepared once.
func (t *Tx) queryRow(ctx context.Context, query sqlText, args ...any) *sql.Row {
	t.flushMessages(ctx) // its error aborted the transaction: the query fails
	if stmt := t.stmt(ctx, query); stmt != nil {
		return stmt.QueryRowContext(unwatched(ctx), args...)
	}
	return t.tx.queryRow(ctx, query, args...)
}

// stmt returns the transaction's copy of a statement prepared at Open, or
// nil. The copy is made once per transaction: database/sql's Tx.Stmt
// allocates a new one at each call and keeps them all until the commit,
// which, for an import's millions of statements, cost more than the SQL.
func (t *Tx) stmt(ctx context.Context, query sqlText) *sql.Stmt {
	if st, ok := t.stmts[string(query)]; ok {
		return st
	}
	stmt := t.s.prepared(query)
	if stmt == nil {
		return nil
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	st := t.tx.raw.StmtContext(ctx, stmt)
	t.stmts[string(query)] = st
	return st
}

// exec runs a statement in the transaction, prepared once per process: hot
// paths (recording, import) would otherwise spend most of their time parsing
// the same SQL again.
func (t *Tx) exec(ctx context.Context, query sqlText, args ...any) (sql.Result, error) {
	if err := t.flushMessages(ctx); err != nil {
		return nil, err
	}
	if stmt := t.stmt(ctx, query); stmt != nil {
		return stmt.ExecContext(unwatched(ctx), args...)
	}
	return t.tx.exec(ctx, query, args...)
}

// unwatched is ctx for a prepared statement of the transaction: one row
// looked up or written, which takes microseconds. Given a context that can
// end, the driver starts a goroutine per statement to interrupt it, and
// database/sql one per query to close its rows: an import's millions of
// statements spent more CPU on those than on some of the SQL. The
// transaction still stops when ctx ends: database/sql rolls it back (it
// watches the context it was begun with), and the next statement fails.
func unwatched(ctx context.Context) context.Context {
	if ctx.Done() == nil {
		return ctx
	}
	if err := ctx.Err(); err != nil {
		return ctx // the statement fails at once, as before
	}
	return context.WithoutCancel(ctx)
}

// Message is one Slack message in a mapped channel.
type Message struct {
	ChannelID string
	TS        string
	ThreadTS  string // "" for a top-level message; equal to TS for a thread parent that has replies
	UserID    string
	Text      string
	Subtype   string
	IsBot     bool
	EditedTS  string
	Deleted   bool
	PostedAt  time.Time
	// Erased: the text was erased for good (retention, a forgotten or
	// paused member) and is never written again. PutMessage sets it.
	Erased bool
	// Terms are the full-text index's terms for Text (terms.Index).
	// PutMessage computes them when empty; a caller that has cores to
	// spare (the importer's decoders) fills them first, to take the
	// stemming off the single writer.
	Terms string
}

// PutMessage inserts a message, or refreshes it if it is already known. A
// tombstone stays a tombstone, and an older edit never overwrites a newer one.
// The author's privacy applies (see private): a forgotten member's message
// is written without author or text, a paused member's without text, and
// an erased text never comes back.
func (t *Tx) PutMessage(ctx context.Context, m Message) error {
	t.put = putMark{}
	t.touch(m.ChannelID, m.TS, m.ThreadTS)
	m, err := t.private(ctx, m)
	if err != nil {
		return fmt.Errorf("put message %s/%s: %w", m.ChannelID, m.TS, err)
	}
	// One statement in the common cases: while messages keep being new (a
	// first import, live traffic) try the insert first, or, in a batch on
	// PostgreSQL, with the batch's others (see pending.go); while they keep
	// being known (a re-import, a back-fill over recorded days) look first.
	if t.lastNew && t.batched {
		t.pending = append(t.pending, pendingMsg{m: m, text: textOf(m)})
		t.put = putMark{m.ChannelID, m.TS, m.Deleted}
		return nil
	}
	if t.lastNew {
		id, err := t.insertMessage(ctx, messageArgs(m))
		if err != nil {
			return fmt.Errorf("put message %s/%s: %w", m.ChannelID, m.TS, err)
		}
		if id != 0 {
			t.put = putMark{m.ChannelID, m.TS, m.Deleted}
			t.indexNew(id, m)
			return nil
		}
	}
	return t.putKnown(ctx, m)
}

// messageArgs are m's columns, as qNewMessage and qPutMessage take them.
func messageArgs(m Message) []any {
	return []any{m.ChannelID, m.TS, m.ThreadTS, m.UserID, textOf(m), m.Subtype, m.IsBot,
		m.EditedTS, m.Deleted, ms(m.PostedAt), m.Erased}
}

// putKnown is PutMessage for a message that may be stored already: it is
// looked up, inserted if it is not, updated if it changed.
func (t *Tx) putKnown(ctx context.Context, m Message) error {
	args := messageArgs(m)
	var id int64
	var old Message
	err := t.queryRow(ctx, qMessageRow, m.ChannelID, m.TS).Scan(&id, &old.ThreadTS, &old.UserID, &old.Text,
		&old.Subtype, &old.IsBot, &old.EditedTS, &old.Deleted, &old.Erased)
	t.lastNew = errors.Is(err, sql.ErrNoRows)
	if t.lastNew {
		if id, err = t.insertMessage(ctx, args); err == nil && id == 0 {
			err = errVanished
		}
		if err != nil {
			return fmt.Errorf("put message %s/%s: %w", m.ChannelID, m.TS, err)
		}
		t.put = putMark{m.ChannelID, m.TS, m.Deleted}
		t.indexNew(id, m)
		return nil
	}
	if err != nil {
		return fmt.Errorf("put message %s/%s: %w", m.ChannelID, m.TS, err)
	}
	if !changes(old, m) {
		t.put = putMark{m.ChannelID, m.TS, old.Deleted}
		return nil // a re-import or a redelivery: nothing to write
	}
	var text string
	err = t.queryRow(ctx, qPutMessage, args...).Scan(&id, &text)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("put message %s/%s: %w", m.ChannelID, m.TS, err)
	}
	t.put = putMark{m.ChannelID, m.TS, old.Deleted || m.Deleted}
	if err != nil {
		return nil // nothing changed after all
	}
	if text != old.Text {
		t.fts = append(t.fts, ftsOp{id: id, terms: termsOf(m, text)})
	}
	return nil
}

// insertMessage inserts a message not stored yet and returns its id, or 0
// when it is stored already. Not with RETURNING: SQLite runs a statement
// with RETURNING like one with a trigger, which keeps a statement journal
// (a copy of every page it changes, in a temporary file once the journal
// outgrows 64 KiB): a million inserts spent 8 s of CPU on it.
func (t *Tx) insertMessage(ctx context.Context, args []any) (int64, error) {
	res, err := t.exec(ctx, qNewMessage, args...)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return 0, err
	}
	return res.LastInsertId()
}

// errVanished: a message looked up as absent was found by the insert that
// followed, in the same transaction (which cannot happen).
var errVanished = errors.New("message neither found nor inserted")

// indexNew queues the index row of a message just inserted.
func (t *Tx) indexNew(id int64, m Message) {
	if text := textOf(m); text != "" {
		if ts := termsOf(m, text); ts != "" {
			t.fts = append(t.fts, ftsOp{id: id, terms: ts, fresh: true})
		}
	}
}

// termsOf returns the terms of text, the stored text of m: m.Terms when
// the caller computed them for that same text.
func termsOf(m Message, text string) string {
	if m.Terms != "" && text == m.Text {
		return m.Terms
	}
	return terms.Index(text)
}

// changes reports whether writing m over old would change anything. It
// mirrors the WHERE clause of qPutMessage, which stays the rule; this only
// spares the statement when nothing would change.
func changes(old, m Message) bool {
	return m.EditedTS > old.EditedTS || (m.Deleted && !old.Deleted) || (m.Erased && !old.Erased) ||
		(old.ThreadTS == "" && m.ThreadTS != "") || (old.UserID == "" && m.UserID != "") ||
		(old.Subtype == "" && m.Subtype != "") || (m.IsBot && !old.IsBot) ||
		(!old.Deleted && !old.Erased && m.EditedTS == old.EditedTS && textOf(m) != old.Text)
}

func textOf(m Message) string {
	if m.Deleted || m.Erased {
		return ""
	}
	return m.Text
}

// EditMessage records a new text for a message if the edit is newer than
// what is stored. An edit of a message not seen yet creates it.
func (t *Tx) EditMessage(ctx context.Context, m Message) error {
	if m.EditedTS == "" {
		m.EditedTS = m.TS
	}
	return t.PutMessage(ctx, m)
}

// DeleteMessage erases a message's text and keeps a tombstone for counts.
func (t *Tx) DeleteMessage(ctx context.Context, channelID, ts string, at time.Time) error {
	return t.PutMessage(ctx, Message{ChannelID: channelID, TS: ts, Deleted: true, PostedAt: tsTime(ts, at)})
}

// Reaction is an emoji reaction on a message.
type Reaction struct {
	ChannelID string
	MessageTS string
	UserID    string
	Name      string
	ItemUser  string
	At        time.Time
}

// AddReaction records a reaction once, unless its removal, at or after
// its time, is known (Slack may deliver the removal first). A forgotten
// member's reaction is not recorded, and one on a forgotten member's
// message is recorded without their identity.
func (t *Tx) AddReaction(ctx context.Context, r Reaction) error {
	t.touch(r.ChannelID, r.MessageTS, "")
	forgotten, err := t.forgotten(ctx, r.UserID)
	if err != nil || forgotten {
		t.withheld = t.withheld || forgotten
		return err
	}
	if forgotten, err = t.forgotten(ctx, r.ItemUser); err != nil {
		return err
	} else if forgotten {
		r.ItemUser, t.withheld = "", true
	}
	// Where no removal was ever recorded (an import, most live traffic),
	// the plain upsert: the removal check makes an INSERT … SELECT that
	// costs half as much again per reaction.
	var q sqlText = qAddReaction
	if t.removals == nil {
		var known bool
		if err := t.queryRow(ctx, qReactionRemovalsKnown).Scan(&known); err != nil {
			return fmt.Errorf("add reaction: %w", err)
		}
		t.removals = &known
	}
	if !*t.removals {
		q = qAddReactionAnew
	}
	_, err = t.exec(ctx, q,
		r.ChannelID, r.MessageTS, r.UserID, r.Name, r.ItemUser, ms(r.At))
	if err != nil {
		return fmt.Errorf("add reaction: %w", err)
	}
	return nil
}

// RemoveReaction forgets a reaction added before r.At, and remembers the
// removal so that an addition delivered after it but made before it stays
// removed. A removal of unknown time is dated when it is recorded.
func (t *Tx) RemoveReaction(ctx context.Context, r Reaction) error {
	t.touch(r.ChannelID, r.MessageTS, "")
	if forgotten, err := t.forgotten(ctx, r.UserID); err != nil || forgotten {
		t.withheld = t.withheld || forgotten
		return err // none of their reactions is recorded
	}
	at := ms(r.At)
	if r.At.IsZero() {
		at = ms(t.now)
	}
	if _, err := t.exec(ctx, qReactionGone, r.ChannelID, r.MessageTS, r.UserID, r.Name, at); err != nil {
		return fmt.Errorf("remove reaction: %w", err)
	}
	known := true
	t.removals = &known
	if _, err := t.exec(ctx, qRemoveReaction, r.ChannelID, r.MessageTS, r.UserID, r.Name, at); err != nil {
		return fmt.Errorf("remove reaction: %w", err)
	}
	return nil
}

// Membership records a member joining (Joined) or leaving a channel. The
// membership follows the moves by their time, not their arrival: a join
// delivered after a later leave leaves the member gone.
func (t *Tx) Membership(ctx context.Context, channelID, memberID string, joined bool, ts string, at time.Time) error {
	kind := "leave"
	if joined {
		kind = "join"
	}
	// A live join arrives twice (member_joined_channel, then a channel_join
	// message with another ts): the same move within a minute is one move,
	// kept with the earliest time (and ts) whichever arrives first.
	var nearAt int64
	var nearTS string
	err := t.queryRow(ctx, qMembershipNear, channelID, memberID, kind, ms(at)).Scan(&nearAt, &nearTS)
	switch {
	case err == nil && (nearAt < ms(at) || nearAt == ms(at) && nearTS <= ts):
		return nil // known, or the same move known earlier
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("membership %s %s: %w", channelID, memberID, err)
	}
	if _, err := t.exec(ctx, qMembershipLater, channelID, memberID, kind, ms(at), ts); err != nil {
		return fmt.Errorf("membership %s %s: %w", channelID, memberID, err)
	}
	if _, err := t.exec(ctx, qMembershipEvent, channelID, memberID, kind, ts, ms(at)); err != nil {
		return fmt.Errorf("membership %s %s: %w", channelID, memberID, err)
	}
	if _, err := t.exec(ctx, qMembershipRow, channelID, memberID); err != nil {
		return fmt.Errorf("membership %s %s: %w", channelID, memberID, err)
	}
	return nil
}

// Resource is a link or a file shared in a mapped channel.
type Resource struct {
	Kind      string // "link" or "file"
	URL       string
	Title     string
	UserID    string
	ChannelID string
	MessageTS string
	SharedAt  time.Time
	// Version is the version of the message it was seen in (its edited
	// ts, "" for the original): the title of the newest one stands.
	Version string
}

// AddResource records a shared link or file once per message, unless the
// message is deleted (Slack may deliver the deletion first); one a
// forgotten member shared, without their identity or its label; none a
// paused member shared.
func (t *Tx) AddResource(ctx context.Context, r Resource) error {
	mp, err := t.memberPrivacy(ctx, r.UserID)
	if err != nil {
		return err
	}
	switch {
	case mp.forgotten:
		r.UserID, r.Title, t.withheld = "", "", true
	case mp.paused(ms(r.SharedAt)):
		t.withheld = true
		return nil // their words, a link's label included, are not recorded
	}
	if p, err := t.privacy(ctx); err != nil {
		return err
	} else if p.textBefore > 0 && ms(r.SharedAt) < p.textBefore {
		r.Title = "" // older than retention keeps words
	}
	if r.Title == "" {
		r.Version = "" // the version says where the title comes from
	}
	// The message was just written (its links and files follow it) and is
	// not deleted: the plain upsert, without looking the message up again
	// (an INSERT … SELECT costs half as much again). A message's deleted
	// flag is only ever set, and only by PutMessage, so t.put cannot be
	// out of date in that direction.
	if err := t.flushMessages(ctx); err != nil { // t.put is then what is stored
		return fmt.Errorf("add resource: %w", err)
	}
	var q sqlText = qAddResource
	if t.put.channel == r.ChannelID && t.put.ts == r.MessageTS && !t.put.deleted {
		q = qAddResourceLive
	}
	_, err = t.exec(ctx, q,
		r.Kind, r.URL, r.Title, r.UserID, r.ChannelID, r.MessageTS, ms(r.SharedAt), r.Version)
	if err != nil {
		return fmt.Errorf("add resource: %w", err)
	}
	return nil
}

// RemoveResources forgets the resources of a deleted message.
func (t *Tx) RemoveResources(ctx context.Context, channelID, ts string) error {
	_, err := t.exec(ctx, qRemoveResources, channelID, ts)
	if err != nil {
		return fmt.Errorf("remove resources: %w", err)
	}
	return nil
}

// RenameChannel records a channel's new name, renamed at a time: an
// older rename delivered late does not undo a newer one. A rename of
// unknown time is dated when it is recorded.
func (t *Tx) RenameChannel(ctx context.Context, channelID, name string, at time.Time) error {
	if at.IsZero() {
		at = t.now
	}
	_, err := t.exec(ctx, qRenameChannel,
		channelID, name, ms(t.now), ms(at))
	if err != nil {
		return fmt.Errorf("rename channel %s: %w", channelID, err)
	}
	return nil
}

// SeeMember notes activity by a member: the member's row is created if
// needed and first/last seen move, when the transaction commits.
func (t *Tx) SeeMember(ctx context.Context, memberID string, at time.Time) error {
	if memberID == "" {
		return nil
	}
	t.seen = append(t.seen, seenOp{id: memberID, at: ms(at)})
	return nil
}

// seeMembers writes what SeeMember noted, once per member: first and last
// seen over the transaction. On PostgreSQL the members are written in one
// statement (qSeeMembers): a round trip per member cost more than the rows.
func (t *Tx) seeMembers(ctx context.Context) error {
	seen := map[string][2]int64{}
	for _, op := range t.seen {
		if e, ok := seen[op.id]; ok {
			seen[op.id] = [2]int64{min(e[0], op.at), max(e[1], op.at)}
		} else {
			seen[op.id] = [2]int64{op.at, op.at}
		}
	}
	if t.s.pg && len(seen) > 1 {
		ids := slices.Sorted(maps.Keys(seen))
		first, last := make([]int64, len(ids)), make([]int64, len(ids))
		for i, id := range ids {
			first[i], last[i] = seen[id][0], seen[id][1]
		}
		if _, err := t.tx.exec(ctx, qSeeMembers, ids, first, last); err != nil {
			return fmt.Errorf("see members: %w", err)
		}
		return nil
	}
	for id, v := range seen {
		if _, err := t.exec(ctx, qSeeMember, id, v[0], v[1]); err != nil {
			return fmt.Errorf("see member %s: %w", id, err)
		}
	}
	return nil
}

// tsTime turns a Slack ts ("1700000000.000100") into a time, or returns
// fallback when it cannot be parsed.
func tsTime(ts string, fallback time.Time) time.Time {
	if t, ok := ParseTS(ts); ok {
		return t
	}
	return fallback
}

// Batch runs fn in one write transaction (an import writes one day file
// per batch, so a bad file leaves nothing half-written).
func (s *Store) Batch(ctx context.Context, fn func(*Tx) error) error {
	c, err := s.batch(ctx, fn)
	if err != nil {
		return err
	}
	s.committed(c)
	return nil
}

// batch is Batch, what it changed returned rather than told (see
// EraseBefore, which tells once for all its transactions).
func (s *Store) batch(ctx context.Context, fn func(*Tx) error) (Changes, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return Changes{}, fmt.Errorf("batch: %w", err)
	}
	defer tx.Rollback()
	t := s.newTx(tx)
	if err := fn(t); err != nil {
		return Changes{}, err
	}
	if err := t.commit(ctx); err != nil {
		return Changes{}, err
	}
	return t.changed, nil
}
