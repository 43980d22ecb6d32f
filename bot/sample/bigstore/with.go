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

	"praxis/bot/question"
	"praxis/bot/sample"
	"praxis/store"
)

// withVersion changes whenever what OpenWith adds to an import changes, so
// that a kept file built by an older version is not reused.
const withVersion = 1

// acceptNames are the reactions that accept an answer, as the live
// question tracker reads them.
var acceptNames = []string{"white_check_mark", "heavy_check_mark", "ballot_box_with_check", "check", "white_tick"}

// OpenWith returns a store built from the generator's options o, closed
// when tb ends. Besides the import, it holds what the live bot would have
// recorded that an export does not carry: the questions of the community
// channels, followed to their first answer and resolution (question.Detect
// on every top-level message by a person), and nudges (see addNudges).
//
// The file is kept in $PRAXIS_BENCH_DIR when set, named after the options,
// and built once; else it lives in the benchmark's temporary directory.
// Building a million-message store takes a minute or two.
func OpenWith(tb testing.TB, o sample.Options) *store.Store {
	tb.Helper()
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
	if err := followQuestions(ctx, st); err != nil {
		st.Close()
		tb.Fatal(err)
	}
	if err := addNudges(ctx, st, ws); err != nil {
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

// followQuestions records the questions of every mapped channel as the
// live tracker would have: each top-level message by a person that
// question.Detect calls a question, settled against its thread (first
// answer, accepted answer), and resolved as thanked when the asker thanks
// in the thread after an answer.
func followQuestions(ctx context.Context, st *store.Store) error {
	mapped, err := st.MappedChannels(ctx)
	if err != nil {
		return err
	}
	for ch := range mapped {
		var msgs []store.ChannelMessage
		if err := st.ScanChannel(ctx, ch, func(m store.ChannelMessage) error {
			if !m.IsBot && !m.Deleted && m.UserID != "" && m.Subtype == "" {
				m.Text = trimText(m.Text)
				msgs = append(msgs, m)
			}
			return nil
		}); err != nil {
			return err
		}
		asker := map[string]string{} // question ts → asker
		err := st.Batch(ctx, func(tx *store.Tx) error {
			for _, m := range msgs {
				if m.ThreadTS != "" && m.ThreadTS != m.TS {
					continue
				}
				if ok, why := question.Detect(m.Text); ok {
					asker[m.TS] = m.UserID
					if err := tx.AddQuestion(ctx, store.Question{ChannelID: ch, TS: m.TS, Asker: m.UserID, AskedAt: m.PostedAt, Why: why}, acceptNames); err != nil {
						return err
					}
				}
			}
			for _, m := range msgs {
				if m.ThreadTS == "" || m.ThreadTS == m.TS || asker[m.ThreadTS] != m.UserID || !question.IsThanks(m.Text) {
					continue
				}
				q, ok, err := tx.QuestionOf(ctx, ch, m.ThreadTS)
				if err != nil {
					return err
				}
				if ok && !q.FirstAnswerAt.IsZero() && q.FirstAnswerAt.Before(m.PostedAt) {
					if err := tx.ResolveQuestion(ctx, ch, m.ThreadTS, m.UserID, "thanked", m.PostedAt); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("follow questions of %s: %w", ch, err)
		}
	}
	return nil
}

// trimText keeps what Detect and IsThanks read of a long message.
func trimText(s string) string {
	if len(s) > 2000 {
		return s[:2000]
	}
	return s
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
