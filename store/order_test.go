package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestRecordingIsOrderFree applies each scenario's operations in every
// order (Slack does not promise one, and redelivers late what was not
// acknowledged): the rows they leave are the same, and right.
func TestRecordingIsOrderFree(t *testing.T) {
	at := func(min int) time.Time { return time.Date(2026, 9, 21, 9, min, 0, 0, time.UTC) }
	msg := func(ch string) Message {
		return Message{ChannelID: ch, TS: "1790000000.000100", UserID: "U1", Text: "see <https://x.example>", PostedAt: at(0)}
	}
	res := func(ch, version, title string) Resource {
		return Resource{
			Kind:      "link",
			URL:       "https://x.example",
			Title:     title,
			UserID:    "U1",
			ChannelID: ch,
			MessageTS: msg(ch).TS,
			SharedAt:  at(0),
			Version:   version,
		}
	}
	rx := func(ch string, min int) Reaction {
		return Reaction{ChannelID: ch, MessageTS: "1.000100", UserID: "U2", Name: "eyes", ItemUser: "U1", At: at(min)}
	}
	type op func(ctx context.Context, tx *Tx, ch string) error
	// The queries PostgreSQL reads otherwise (group_concat), by scenario.
	pgQueries := map[string]string{"a join, its channel_join message, a leave": `SELECT
		(SELECT joined_at || ' ' || left_at FROM channel_members WHERE channel_id = ?1) || ' ' ||
		(SELECT string_agg(kind || ':' || ts, ',' ORDER BY at) FROM membership_events WHERE channel_id = ?1)`}
	for _, sc := range []struct {
		name  string
		ops   []op
		query string // of ?1, the channel
		want  string
	}{
		{"a reaction removed after it was added", []op{
			func(ctx context.Context, tx *Tx, ch string) error { return tx.AddReaction(ctx, rx(ch, 1)) },
			func(ctx context.Context, tx *Tx, ch string) error { return tx.RemoveReaction(ctx, rx(ch, 2)) },
		}, `SELECT count(*) FROM reactions WHERE channel_id = ?1`, "0"},
		{"a reaction added, removed, added again", []op{
			func(ctx context.Context, tx *Tx, ch string) error { return tx.AddReaction(ctx, rx(ch, 1)) },
			func(ctx context.Context, tx *Tx, ch string) error { return tx.RemoveReaction(ctx, rx(ch, 2)) },
			func(ctx context.Context, tx *Tx, ch string) error { return tx.AddReaction(ctx, rx(ch, 3)) },
		}, `SELECT added_at FROM reactions WHERE channel_id = ?1`, fmt.Sprint(ms(at(3)))},
		{"a pin undone and redone by someone else", []op{
			func(ctx context.Context, tx *Tx, ch string) error { return tx.Pin(ctx, ch, "1.000100", "U1", at(1)) },
			func(ctx context.Context, tx *Tx, ch string) error { return tx.Unpin(ctx, ch, "1.000100", at(2)) },
			func(ctx context.Context, tx *Tx, ch string) error { return tx.Pin(ctx, ch, "1.000100", "U3", at(3)) },
		}, `SELECT pinned_by || ' ' || pinned_at FROM pins WHERE channel_id = ?1`, "U3 " + fmt.Sprint(ms(at(3)))},
		{"a join, its channel_join message, a leave", []op{
			func(ctx context.Context, tx *Tx, ch string) error {
				return tx.Membership(ctx, ch, "U1", true, "1790000000.000001", at(1))
			},
			func(ctx context.Context, tx *Tx, ch string) error {
				return tx.Membership(ctx, ch, "U1", true, "1790000007.000001", at(1).Add(7*time.Second))
			},
			func(ctx context.Context, tx *Tx, ch string) error {
				return tx.Membership(ctx, ch, "U1", false, "1790000300.000001", at(5))
			},
		}, `SELECT (SELECT joined_at || ' ' || left_at FROM channel_members WHERE channel_id = ?1)
			|| ' ' || (SELECT group_concat(kind || ':' || ts, ',')
				FROM (SELECT * FROM membership_events WHERE channel_id = ?1 ORDER BY at))`,
			fmt.Sprintf("%d %d join:1790000000.000001,leave:1790000300.000001", ms(at(1)), ms(at(5)))},
		{"a leave, then a join back", []op{
			func(ctx context.Context, tx *Tx, ch string) error {
				return tx.Membership(ctx, ch, "U1", false, "1.1", at(1))
			},
			func(ctx context.Context, tx *Tx, ch string) error {
				return tx.Membership(ctx, ch, "U1", true, "3.1", at(3))
			},
		}, `SELECT joined_at || ' ' || coalesce(CAST(left_at AS TEXT), 'in') FROM channel_members WHERE channel_id = ?1`,
			fmt.Sprint(ms(at(3))) + " in"},
		{"two renames", []op{
			func(ctx context.Context, tx *Tx, ch string) error {
				return tx.RenameChannel(ctx, ch, "data-eng", at(1))
			},
			func(ctx context.Context, tx *Tx, ch string) error {
				return tx.RenameChannel(ctx, ch, "data-platform", at(2))
			},
		}, `SELECT name FROM channels WHERE id = ?1`, "data-platform"},
		{"a link of a message deleted", []op{
			func(ctx context.Context, tx *Tx, ch string) error { return tx.PutMessage(ctx, msg(ch)) },
			func(ctx context.Context, tx *Tx, ch string) error { return tx.AddResource(ctx, res(ch, "", "")) },
			func(ctx context.Context, tx *Tx, ch string) error {
				if err := tx.DeleteMessage(ctx, ch, msg(ch).TS, at(9)); err != nil {
					return err
				}
				return tx.RemoveResources(ctx, ch, msg(ch).TS)
			},
		}, `SELECT count(*) FROM resources WHERE channel_id = ?1`, "0"},
		{"a link's label edited twice, then dropped", []op{
			func(ctx context.Context, tx *Tx, ch string) error {
				return tx.AddResource(ctx, res(ch, "", "the page"))
			},
			func(ctx context.Context, tx *Tx, ch string) error {
				return tx.AddResource(ctx, res(ch, "1790000060.000001", "the new page"))
			},
			func(ctx context.Context, tx *Tx, ch string) error {
				return tx.AddResource(ctx, res(ch, "1790000120.000001", "the newest page"))
			},
			func(ctx context.Context, tx *Tx, ch string) error {
				return tx.AddResource(ctx, res(ch, "1790000180.000001", ""))
			},
		}, `SELECT title || ' ' || version FROM resources WHERE channel_id = ?1`, "the newest page 1790000120.000001"},
	} {
		t.Run(sc.name, func(t *testing.T) {
			s := openTest(t)
			ctx := context.Background()
			for i, order := range permutations(len(sc.ops)) {
				ch := fmt.Sprintf("C%03d", i)
				for _, k := range order {
					if err := s.Batch(ctx, func(tx *Tx) error { return sc.ops[k](ctx, tx, ch) }); err != nil {
						t.Fatal(err)
					}
				}
				var got string
				query := sc.query
				if pg, ok := pgQueries[sc.name]; ok && testOnPostgres {
					query = pg
				}
				if err := s.r.QueryRowContext(ctx, query, ch).Scan(&got); err != nil {
					t.Fatalf("order %v: %v", order, err)
				}
				if got != sc.want {
					t.Errorf("order %v: got %q, want %q", order, got, sc.want)
				}
			}
		})
	}
}

// permutations returns every order of 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}
