package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// Moving over (docs/postgres.md, "Moving over"): Copy carries a SQLite
// store's rows into a PostgreSQL store, so that a team that started on
// SQLite keeps its history. The rules:
//
//   - Both are at this binary's schema version (the target is migrated when
//     opened; an older source is refused, for `praxis migrate --db` to
//     upgrade first, and a newer one too).
//   - Tables are copied one by one, in primary-key order, in batches of one
//     transaction each, with PostgreSQL's COPY. A run that stops (killed,
//     cancelled, a lost connection) leaves each table holding the source's
//     first rows; the next run counts them, checks that the target's last
//     row is the source's row of that rank, and goes on after it. A table
//     already whole is not written again: running Copy twice copies nothing
//     twice.
//   - A target holding anything else (rows the source lacks, other values,
//     more rows than the source) is refused before anything is written, and
//     one missing rows it had (removed since) when a batch meets them again:
//     Copy fills an empty database or finishes its own interrupted copy.
//   - The source is read in one read transaction: a run copies it as it
//     stood when the run began, every table of the same instant. What is
//     written to it later is not copied, nor seen when it changes rows
//     already copied; rows added at the end of a table are copied by the
//     next run. So: stop `praxis run` first, or copy a `praxis backup` file.
//   - PostgreSQL's full-text index is not copied from FTS5 (whose tables
//     mean nothing there) but computed from the copied messages, as SQLite's
//     migration 0004 rebuilt its own (indexMessages), in the same
//     transactions as the messages.
//   - The identity sequences are set past the copied ids, and the copied
//     tables analysed, so that the store works on PostgreSQL at once.
//   - Last, every table is counted on both sides; a difference is an error.

// CopyOptions tune Copy.
type CopyOptions struct {
	// Batch is how many rows each transaction copies. Default 10,000.
	Batch int
	// Progress, when set, is told of each table's start and of every batch
	// committed.
	Progress func(CopyProgress)
}

// CopyProgress is how far Copy has gone in one table.
type CopyProgress struct {
	Table         string
	Index, Tables int   // the table is the Index-th (from 1) of Tables
	Done, Total   int64 // rows in the target, of the source's
}

// CopyCount is one table's rows after a copy, on each side.
type CopyCount struct {
	Table          string
	Source, Target int64
	Copied         int64 // by this run
	// NULs are the values this run copied without the NUL characters they
	// held, which PostgreSQL's text cannot hold.
	NULs int64
}

// CopyResult is what a copy did, table by table, the full-text index last.
type CopyResult struct {
	Tables []CopyCount
}

// Mismatches are the tables whose counts differ.
func (r CopyResult) Mismatches() []CopyCount {
	var out []CopyCount
	for _, c := range r.Tables {
		if c.Source != c.Target {
			out = append(out, c)
		}
	}
	return out
}

// ErrCopyRefused says that a copy cannot run as asked (schemas, databases,
// a target holding other data); nothing was written.
var ErrCopyRefused = errors.New("copy refused")

// ErrCopyCounts says that a copy ended with tables whose counts differ.
var ErrCopyCounts = errors.New("count check failed")

// copyTable is a table Copy carries over: its primary key's columns, then
// the others, as SQLite's schema has them (checked against both databases
// when a copy begins, and by TestCopyTablesAreTheSchema).
type copyTable struct {
	name sqlText
	key  sqlText
	rest sqlText
}

// copyTables are every table of the schema but notCopied and the
// full-text index (rebuilt), in the order copied: a table before those that refer to it (communities before
// channels); forgotten_members last, so that the triggers which keep a
// forgotten member out of members, memberships, questions and pins (see
// migration 0012) find nothing to do while the rows are copied as they are.
var copyTables = []copyTable{
	{"communities", "id", "name, vocation, language, timezone, updated_at"},
	{"channels", "id", "name, community_id, is_private, updated_at, renamed_at"},
	{"members", "id", "name, real_name, display_name, tz, locale, is_bot, deleted, first_seen, last_seen, " +
		"synced_at, status, status_expires, team, site"},
	{"channel_members", "channel_id, member_id", "joined_at, left_at"},
	{"membership_events", "id", "channel_id, member_id, kind, ts, at"},
	{"messages", "id", "channel_id, ts, thread_ts, user_id, text, subtype, is_bot, edited_ts, deleted, posted_at, erased"},
	{"reactions", "channel_id, message_ts, user_id, name", "item_user, added_at"},
	{"resources", "id", "kind, url, title, user_id, channel_id, message_ts, shared_at, version"},
	{"inbox", "id", "event_id, source, payload, received_at, processed_at, attempts, last_error, shard"},
	{"outbox", "id", "key, method, channel_id, payload, status, attempts, next_attempt_at, sending_since, " +
		"sent_channel, ts, last_error, created_at, sent_at, shard, sender"},
	{"backfill", "channel_id", "done_until, run_oldest, run_newest, cursor, pages_done, updated_at"},
	{"expert_prefs", "member_id", "suggest, updated_at"},
	{"skills", "member_id, skill", "added_at"},
	{"expert_pings", "id", "member_id, channel_id, question_ts, kind, at"},
	{"expert_queries", "id", "asker, channel_id, thread_ts, text, community, ranked, source, asked_at, feedback, " +
		"feedback_at"},
	{"questions", "channel_id, ts", "asker, asked_at, why, first_answer_at, first_answerer, resolved_at, resolution, " +
		"routed_at, escalated_at, closed"},
	{"job_runs", "id", "job, period, scheduled_at, status, attempts, started_at, heartbeat_at, finished_at, " +
		"retry_at, error"},
	{"nudges", "id", "key, member_id, community, kind, subject, status, at, contributed, checked_at"},
	{"nudge_prefs", "member_id", "off, updated_at"},
	{"muted_channels", "member_id, channel_id", "muted_at"},
	{"digest_items_sent", "member_id, item", "period, sent_at"},
	{"digest_prefs", "member_id", "frequency, hour, updated_at"},
	{"pins", "channel_id, message_ts", "pinned_by, pinned_at"},
	{"paused_members", "member_id", "paused_at"},
	{"retention", "id", "text_before, inbox_done, outbox_done, updated_at"},
	{"member_prefs", "member_id", "language, updated_at"},
	{"pause_intervals", "member_id, paused_at", "resumed_at"},
	{"scrub_due", "id", "generation, full_text, since"},
	{"reaction_removals", "channel_id, message_ts, user_id, name", "removed_at"},
	{"pin_removals", "channel_id, message_ts", "removed_at"},
	{"question_acts", "channel_id, message_ts, user_id, kind", "at"},
	{"expert_models", "id", "fitted_at, model"},
	{"recognition_prefs", "member_id", "off, updated_at"},
	{"forgotten_members", "member_id", "forgotten_at"},
}

// notCopied are the tables Copy leaves, with why.
var notCopied = map[string]string{
	"schema_migrations": "each database records its own migrations",
	"replicas":          "the processes running on the source, not history: they register again",
	"leases":            "the shards those processes held",
	"change_log":        "what replicas on PostgreSQL tell each other, kept minutes",
}

// cols are the table's columns, its key's first.
func (t copyTable) cols() sqlText { return t.key + ", " + t.rest }

// columnNames are the names of cols.
func (t copyTable) columnNames() []string { return strings.Split(string(t.cols()), ", ") }

// keyLen is how many of the first columns make the primary key.
func (t copyTable) keyLen() int { return strings.Count(string(t.key), ",") + 1 }

// ftsCount is the name under which the result counts the full-text index.
const ftsCount = "messages_fts (rebuilt)"

// Copy copies every row of src, a SQLite store, into dst, a PostgreSQL
// store at the same schema version, as the rules above say, and checks the
// counts. It returns the counts even when they differ (with ErrCopyCounts).
func Copy(ctx context.Context, src, dst *Store, opts CopyOptions) (CopyResult, error) {
	if opts.Batch <= 0 {
		opts.Batch = 10_000
	}
	if src.pg || !dst.pg {
		return CopyResult{}, fmt.Errorf("%w: a copy goes from a SQLite store to a PostgreSQL one", ErrCopyRefused)
	}
	if err := sameSchema(ctx, src, dst); err != nil {
		return CopyResult{}, err
	}
	// One read transaction: what is copied is the source as it stood when
	// the copy began, every table of the same instant.
	snap, err := src.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return CopyResult{}, fmt.Errorf("copy: %w", err)
	}
	defer snap.Rollback()
	plans := make([]*tablePlan, len(copyTables))
	for i := range copyTables {
		p, err := planTable(ctx, snap, dst, i)
		if err != nil {
			return CopyResult{}, err
		}
		plans[i] = p
	}
	indexed, err := countRows(ctx, dst.r, "messages_fts")
	if err != nil {
		return CopyResult{}, err
	}
	if err := copyAll(ctx, snap, dst, plans, opts); err != nil {
		return CopyResult{}, err
	}
	return countCheck(ctx, snap, dst, plans, indexed)
}

// sameSchema refuses a copy between stores at different schema versions,
// or at another version than this binary's.
func sameSchema(ctx context.Context, src, dst *Store) error {
	want, err := SchemaLatest()
	if err != nil {
		return err
	}
	sv, err := src.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	dv, err := dst.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	switch {
	case sv < want:
		return fmt.Errorf("%w: the source is at schema version %d, this praxis at %d: "+
			"upgrade it first (praxis migrate --db FILE)", ErrCopyRefused, sv, want)
	case sv > want:
		return fmt.Errorf("%w: the source is at schema version %d, newer than this praxis (%d): "+
			"copy it with the praxis that wrote it", ErrCopyRefused, sv, want)
	case dv != want:
		return fmt.Errorf("%w: the target is at schema version %d, this praxis at %d", ErrCopyRefused, dv, want)
	}
	return nil
}

// SchemaLatest is the schema version this binary migrates to: its last
// migration's number.
func SchemaLatest() (int, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		return 0, fmt.Errorf("schema version: no migrations: %v", err)
	}
	last := strings.TrimPrefix(names[len(names)-1], "migrations/")
	v, err := strconv.Atoi(strings.SplitN(last, "_", 2)[0])
	if err != nil {
		return 0, fmt.Errorf("schema version: bad migration name %s", last)
	}
	return v, nil
}
