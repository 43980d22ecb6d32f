package record

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"praxis/bot"
	"praxis/store"
)

// An edit of a message Praxis never stored (posted before it listened)
// creates it at its own date, not the edit's: retention and the reports
// date it right.
func TestEditOfAnOldMessageKeepsItsDate(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := New(st, bot.NewMapping(map[string]string{"C1": "sec"}), nil, "UPRAXIS", slog.New(slog.DiscardHandler))
	ev := bot.Event{ID: "Ev1", Kind: bot.KindEdit, Channel: "C1", User: "U1", TS: "1580000000.000100", EditedTS: "1790000000.000000",
		Text: "edited text of a 2020 message", Time: time.Unix(1790000000, 0)}
	if err := st.Batch(ctx, func(tx *store.Tx) error { return r.Apply(ctx, ev, tx) }); err != nil {
		t.Fatal(err)
	}
	m, err := st.MessageByTS(ctx, "C1", ev.TS)
	if err != nil || m.PostedAt.Unix() != 1580000000 {
		t.Fatalf("got %+v, %v; want it dated by its ts, January 2020", m, err)
	}
}
