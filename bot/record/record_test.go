package record

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"praxis/bot"
	"praxis/internal/testkit"
	"praxis/store"
)

// An edit of a message Praxis never stored (posted before it listened)
// creates it at its own date, not the edit's: retention and the reports
// date it right.
func TestEditOfAnOldMessageKeepsItsDate(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t, nil)
	r := New(st, testkit.Directory(map[string]string{"C1": "sec"}), nil, "UPRAXIS", bot.Deps{})
	ev := bot.Event{
		ID:       "Ev1",
		Kind:     bot.KindEdit,
		Channel:  "C1",
		User:     "U1",
		TS:       "1580000000.000100",
		EditedTS: "1790000000.000000",
		Text:     "edited text of a 2020 message",
		Time:     time.Unix(1790000000, 0),
	}
	if err := st.Batch(ctx, func(tx *store.Tx) error { return r.Record(ctx, ev, tx) }); err != nil {
		t.Fatal(err)
	}
	m, err := st.MessageByTS(ctx, "C1", ev.TS)
	if err != nil || m.PostedAt.Unix() != 1580000000 {
		t.Fatalf("got %+v, %v; want it dated by its ts, January 2020", m, err)
	}
}

// A text longer than Slack's limit, live or edited, is stored capped: its
// full-text terms and its links are those of what is kept.
func TestMessageTextIsCapped(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t, nil)
	sec := store.Community{Name: "sec", Language: "en", Timezone: "UTC", Channels: map[string]string{"C1": "sec"}}
	if _, err := st.AddCommunities(ctx, []store.Community{sec}); err != nil {
		t.Fatal(err)
	}
	r := New(st, testkit.Directory(map[string]string{"C1": "sec"}), nil, "UPRAXIS", bot.Deps{})
	head := "kept <https://kept.example.com|kept> " + strings.Repeat("word ", store.MaxTextChars/5)
	text := head + "zanzibar <https://cut.example.com|cut>"
	for i, ev := range []bot.Event{
		{
			ID:      "Ev1",
			Kind:    bot.KindMessage,
			Channel: "C1",
			User:    "U1",
			TS:      "1700000000.000100",
			Text:    text,
			Links:   bot.Links(text),
		},
		{
			ID:       "Ev2",
			Kind:     bot.KindEdit,
			Channel:  "C1",
			User:     "U1",
			TS:       "1700000000.000200",
			EditedTS: "1700000100.000000",
			Text:     text,
			Terms:    "zanzibar",
			Links:    bot.Links(text),
		},
	} {
		if err := st.Batch(ctx, func(tx *store.Tx) error { return r.Record(ctx, ev, tx) }); err != nil {
			t.Fatal(err)
		}
		m, err := st.MessageByTS(ctx, "C1", ev.TS)
		n := utf8.RuneCountInString(m.Text)
		if err != nil || n > store.MaxTextChars || !strings.HasPrefix(m.Text, head[:1000]) {
			t.Fatalf("event %d: got %d characters, %v; want the text capped at %d", i, n, err, store.MaxTextChars)
		}
	}
	if hits, err := st.Search(ctx, "zanzibar", 10); err != nil || len(hits) != 0 {
		t.Fatalf("got %d search hits, %v; want none for a word past the cap", len(hits), err)
	}
	res, err := st.ResourcesShared(ctx, time.Unix(0, 0), time.Unix(1800000000, 0))
	if err != nil || len(res) != 2 || res[0].URL != "https://kept.example.com" {
		t.Fatalf("got resources %+v, %v; want the kept link of each message only", res, err)
	}
}
