package bigstore

import (
	"context"
	"crypto/sha256"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"praxis/bot/history"
	"praxis/internal/sample"
	"praxis/internal/testkit"
	"praxis/store"
)

// withVersion changes whenever what OpenWith adds to an import changes, so
// that a kept file built by an older version is not reused.
const withVersion = 2

// OpenWith returns a store built from the generator's options o, closed
// when tb ends. Besides the import, it holds what the live bot would have
// recorded that an export does not carry: the questions of the community
// channels, followed to their first answer and resolution (question.Detect
// on every top-level message by a person), and nudges (see addNudges).
//
// The file is kept in $PRAXIS_BENCH_DIR when set, named after the options,
// and built once; else it lives in the benchmark's temporary directory.
// Building a million-message store takes a minute or two. With
// $PRAXIS_TEST_STORE=postgres it is a PostgreSQL database instead, built
// once and kept (see openPostgres).
func OpenWith(tb testing.TB, o sample.Options) *store.Store {
	tb.Helper()
	if os.Getenv(testkit.StoreEnv) == "postgres" {
		return openPostgres(tb, "with", o, func(ctx context.Context, st *store.Store) error {
			ws, err := load(ctx, tb, st, o)
			if err != nil {
				return err
			}
			return addLive(ctx, st, ws)
		})
	}
	path := PathWith(tb, o)
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// PathWith returns the database file OpenWith opens, building it when
// missing.
func PathWith(tb testing.TB, o sample.Options) string {
	tb.Helper()
	dir := os.Getenv("PRAXIS_BENCH_DIR")
	if dir == "" {
		dir = tb.TempDir()
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%d %+v", withVersion, o))
	path := filepath.Join(dir, fmt.Sprintf("bench-%x.db", sum[:6]))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building"
	os.Remove(tmp)
	ws := build(tb, o, tmp)
	ctx := context.Background()
	st, err := store.Open(ctx, tmp, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	if err := addLive(ctx, st, ws); err != nil {
		st.Close()
		tb.Fatal(err)
	}
	if err := st.Close(); err != nil {
		tb.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// addLive adds to an import what the live bot would have recorded: the
// questions followed, and nudges.
func addLive(ctx context.Context, st *store.Store, ws *sample.Workspace) error {
	if _, err := history.FollowAllQuestions(ctx, st); err != nil {
		return err
	}
	return addNudges(ctx, st, ws)
}

// addNudges records, for each community, a nudge every week of the last 13
// weeks of history for one member in 16 of those who posted there (chosen by
// a hash of member and week), one in ten of them held out, then measures
// them as the nudge job does (store.SettleNudges).
func addNudges(ctx context.Context, st *store.Store, ws *sample.Workspace) error {
	end := ws.Options.End
	err := st.Batch(ctx, func(tx *store.Tx) error {
		for _, c := range ws.Communities {
			authors := map[string]bool{}
			for _, ch := range c.Channels {
				if err := st.ScanChannel(ctx, ch, func(m store.ChannelMessage) error {
					if !m.IsBot && m.UserID != "" && end.Sub(m.PostedAt) < 120*24*time.Hour {
						authors[m.UserID] = true
					}
					return nil
				}); err != nil {
					return err
				}
			}
			for week := 1; week <= 13; week++ {
				at := end.Add(-time.Duration(week) * 7 * 24 * time.Hour).Add(10 * time.Hour)
				for u := range authors {
					h := fnv.New32a()
					fmt.Fprintf(h, "%s/%s/%d", c.Name, u, week)
					v := h.Sum32()
					if v%16 != 0 {
						continue
					}
					status := store.NudgeSent
					if (v/16)%10 == 0 {
						status = store.NudgeHoldout
					}
					subject := fmt.Sprintf("w%d", week)
					if _, err := tx.AddNudge(ctx, store.Nudge{Key: "nudge:reengage:" + u + ":" + c.Name + ":" + subject, Member: u,
						Community: c.Name, Kind: "reengage", Subject: subject, Status: status, At: at}); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("add nudges: %w", err)
	}
	_, err = st.SettleNudges(ctx, end)
	return err
}
