package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is a settable clock for the store.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func openClock(t *testing.T, start time.Time) (*Store, *clock) {
	t.Helper()
	c := &clock{t: start}
	return openTestWith(t, Options{Now: c.now}), c
}

var t0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// slackTS is the Slack ts of a time.
func slackTS(at time.Time) string { return fmt.Sprintf("%d.000100", at.Unix()) }

// posted is a message of user in channel at a time, its ts made of the time.
func posted(channel, user, text string, at time.Time) Message {
	return Message{ChannelID: channel, TS: slackTS(at), UserID: user, Text: text, PostedAt: at}
}

func batch(t *testing.T, s *Store, fn func(tx *Tx) error) {
	t.Helper()
	if err := s.Batch(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// seed records, through the store's own methods, a message of each member
// with a word of its own ("zebra" + member), a reaction of each on the
// other's message, a link, a profile, a membership, a skill, preferences,
// a nudge, a digest item, an expert query, a ping, a question answered by
// the other, a pin, a raw event and a sent DM.
func seed(t *testing.T, s *Store, a, b string) {
	t.Helper()
	ctx := context.Background()
	for i, m := range []string{a, b} {
		other := []string{b, a}[i]
		at := t0.Add(time.Duration(i) * time.Minute)
		member := Member{
			ID:       m,
			Name:     strings.ToLower(m),
			RealName: "Real " + m,
			TZ:       "Europe/Paris",
			Locale:   "fr-FR",
			Status:   ":palm_tree: away",
		}
		if err := s.PutMember(ctx, member); err != nil {
			t.Fatal(err)
		}
		batch(t, s, func(tx *Tx) error {
			ts := slackTS(at)
			errs := []error{
				tx.PutMessage(ctx, posted("C1", m, "zebra"+m+" rotation of keys", at)),
				tx.PutMessage(ctx, Message{
					ChannelID: "C1",
					TS:        slackTS(at.Add(time.Hour)),
					ThreadTS:  slackTS(t0),
					UserID:    m,
					Text:      "reply by " + m,
					PostedAt:  at.Add(time.Hour),
				}),
				tx.AddReaction(ctx, Reaction{
					ChannelID: "C1",
					MessageTS: slackTS(t0.Add(time.Duration(1-i) * time.Minute)),
					UserID:    m,
					Name:      "tada",
					ItemUser:  other,
					At:        at,
				}),
				tx.RemoveReaction(ctx, Reaction{ChannelID: "C1", MessageTS: ts, UserID: m, Name: "eyes", At: at}),
				tx.MarkTick(ctx, "C1", slackTS(t0), m, at),
				tx.AddResource(ctx, Resource{
					Kind:      "link",
					URL:       "https://example.com/" + m,
					UserID:    m,
					ChannelID: "C1",
					MessageTS: ts,
					SharedAt:  at,
				}),
				tx.Membership(ctx, "C1", m, true, ts, at),
				tx.SeeMember(ctx, m, at),
				tx.AddSkill(ctx, m, "kubernetes"),
				tx.SetSuggestable(ctx, m, false),
				tx.SetDigestFrequency(ctx, m, "daily"),
				tx.MuteChannel(ctx, m, "C2"),
				tx.SetNudgesOff(ctx, m, true),
				tx.SetRecognitionOff(ctx, m, true),
				tx.RecordDigestItems(ctx, m, "2025-W10", []string{"thread:C1:" + ts, "newcomer:C1:" + other}),
				tx.AddPing(ctx, Ping{MemberID: m, ChannelID: "C1", QuestionTS: slackTS(t0), Kind: "routed", At: at}),
				tx.AddQuestion(ctx, Question{ChannelID: "C1", TS: ts, Asker: m, AskedAt: at, Why: "question mark"}, nil),
				tx.AnswerQuestion(ctx, "C1", ts, other, at.Add(time.Minute)),
				tx.Pin(ctx, "C1", ts, m, at),
			}
			_, err := tx.AddNudge(ctx, Nudge{
				Key:       "nudge:reader:" + m + ":C1",
				Member:    m,
				Community: "Security",
				Kind:      "reader",
				Subject:   "C1",
				Status:    "sent",
				At:        at,
			})
			errs = append(errs, err)
			_, err = tx.AddExpertQuery(ctx, ExpertQuery{
				Asker:     m,
				ChannelID: "C1",
				Text:      "who knows zebra" + m,
				Community: "Security",
				Ranked:    []string{other, "U9"},
				Source:    "command",
				AskedAt:   at,
			})
			errs = append(errs, err)
			_, err = tx.Enqueue(ctx, OutMessage{
				Key:       "digest:" + m,
				Method:    "chat.postMessage",
				ChannelID: m,
				Payload:   `{"text":"your digest zebra` + m + `"}`,
			})
			errs = append(errs, err)
			for _, err := range errs {
				if err != nil {
					return err
				}
			}
			return nil
		})
		row, err := s.OutboxByKey(ctx, "digest:"+m)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.MarkSent(ctx, row.ID, "D"+m, "1.1"); err != nil {
			t.Fatal(err)
		}
		payload := []byte(`{"event":{"user":"` + m + `","text":"zebra` + m + `"}}`)
		if _, err := s.PutInbox(ctx, []InboxItem{{EventID: "Ev" + m, Source: "socket", Payload: payload}}); err != nil {
			t.Fatal(err)
		}
		rows, err := s.PendingInbox(ctx, 0, 10)
		if err != nil || len(rows) != 1 {
			t.Fatalf("got %d pending events, %v", len(rows), err)
		}
		if err := s.Process(ctx, rows[0].ID, nil); err != nil {
			t.Fatal(err)
		}
	}
}

func count(t *testing.T, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.r.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func searchHits(t *testing.T, s *Store, words string) int {
	t.Helper()
	ms, err := s.Search(context.Background(), words, 10)
	if err != nil {
		t.Fatal(err)
	}
	return len(ms)
}

func TestForgetErasesEveryTrace(t *testing.T) {
	ctx := context.Background()
	s, _ := openClock(t, t0)
	seed(t, s, "U1", "U2")
	before, err := s.MemberData(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range memberSections {
		if n := len(before.Sections[name]); n == 0 && name != "privacy" && name != "member_prefs" {
			t.Errorf("before: section %s is empty: the seed does not cover it, so the test would prove nothing", name)
		}
	}
	messages := count(t, s, `SELECT count(*) FROM messages`)
	if searchHits(t, s, "zebraU1") != 1 {
		t.Fatal("the index does not find U1's word before forgetting")
	}

	first, err := s.Forget(ctx, "U1")
	if err != nil || !first {
		t.Fatalf("got %v, %v; want a first forget", first, err)
	}
	after, err := s.MemberData(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}
	for name, rows := range after.Sections {
		if name == "privacy" {
			if len(rows) != 1 || rows[0]["state"] != "forgotten" {
				t.Errorf("got privacy %v, want forgotten", rows)
			}
			continue
		}
		if len(rows) != 0 {
			t.Errorf("after: section %s still holds %v", name, rows)
		}
	}
	if got := count(t, s, `SELECT count(*) FROM messages`); got != messages {
		t.Errorf("got %d message rows, want %d: counts stay", got, messages)
	}
	tombstones := `SELECT count(*) FROM messages WHERE user_id = '' AND text = '' AND erased = 1 AND deleted = 0`
	if got := count(t, s, tombstones); got != 2 {
		t.Errorf("got %d anonymous tombstones, want U1's 2 messages", got)
	}
	if searchHits(t, s, "zebraU1") != 0 || searchHits(t, s, "reply") != 1 || searchHits(t, s, "zebraU2") != 1 {
		t.Errorf("the index still finds U1's words, or lost U2's")
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Error(err)
	}
	for q, want := range map[string]int{
		// U2's reaction on U1's message, anonymous
		`SELECT count(*) FROM reactions WHERE user_id = 'U2' AND item_user = ''`:       1,
		`SELECT count(*) FROM reactions`:                                               1,
		`SELECT count(*) FROM resources WHERE user_id = ''`:                            1,
		`SELECT count(*) FROM questions WHERE asker = '' AND first_answerer = 'U2'`:    1,
		`SELECT count(*) FROM questions WHERE asker = 'U2' AND first_answerer = ''`:    1,
		`SELECT count(*) FROM pins WHERE pinned_by = ''`:                               1,
		`SELECT count(*) FROM expert_queries WHERE asker = 'U2' AND ranked = '["U9"]'`: 1,
		`SELECT count(*) FROM digest_items_sent WHERE item LIKE '%U1%'`:                0,
		`SELECT count(*) FROM inbox WHERE instr(payload, CAST('U1' AS BLOB)) > 0`:      0,
		`SELECT count(*) FROM inbox WHERE instr(payload, CAST('U2' AS BLOB)) > 0`:      1,
		`SELECT count(*) FROM outbox WHERE payload LIKE '%zebraU1%'`:                   0,
		`SELECT count(*) FROM outbox WHERE payload LIKE '%zebraU2%'`:                   1,
		`SELECT count(*) FROM members WHERE id = 'U1'`:                                 0,
		`SELECT count(*) FROM skills WHERE member_id = 'U2'`:                           1,
		`SELECT count(*) FROM messages WHERE user_id = 'U2' AND text <> ''`:            2,
	} {
		if got := count(t, s, q); got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
	if first, err := s.Forget(ctx, "U1"); err != nil || first {
		t.Errorf("forgetting again: got %v, %v; want false, nil", first, err)
	}
}

// Whatever arrives about a forgotten member later (a re-import, a
// back-fill, a live event, a profile sync, an export's lists) is recorded
// without their identity, or not at all.
func TestForgottenStayForgotten(t *testing.T) {
	ctx := context.Background()
	s, _ := openClock(t, t0)
	seed(t, s, "U1", "U2")
	if _, err := s.Forget(ctx, "U1"); err != nil {
		t.Fatal(err)
	}
	later := t0.Add(48 * time.Hour)
	edit := posted("C1", "U1", "zebraU1 edited", t0)
	edit.EditedTS = slackTS(later)
	eyes := func(messageTS, by, author string) Reaction {
		return Reaction{ChannelID: "C1", MessageTS: messageTS, UserID: by, Name: "eyes", ItemUser: author, At: later}
	}
	file := Resource{
		Kind:      "file",
		URL:       "slack-file:F1",
		UserID:    "U1",
		ChannelID: "C1",
		MessageTS: slackTS(later),
		SharedAt:  later,
	}
	batch(t, s, func(tx *Tx) error {
		for _, err := range []error{
			tx.PutMessage(ctx, posted("C1", "U1", "zebraU1 rotation of keys", t0)),
			tx.EditMessage(ctx, edit),
			tx.PutMessage(ctx, posted("C1", "U1", "zebraU1 again", later)),
			tx.AddReaction(ctx, eyes(slackTS(t0.Add(time.Minute)), "U1", "U2")),
			tx.AddReaction(ctx, eyes(slackTS(later), "U2", "U1")),
			tx.AddResource(ctx, file),
			tx.Membership(ctx, "C1", "U1", true, slackTS(later), later),
			tx.SeeMember(ctx, "U1", later),
			tx.AddQuestion(ctx, Question{ChannelID: "C1", TS: slackTS(later), Asker: "U1", AskedAt: later}, nil),
			tx.Pin(ctx, "C1", slackTS(later), "U1", later),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err := s.PutMember(ctx, Member{ID: "U1", Name: "u1", RealName: "Real U1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.ImportMembers(ctx, []Member{{ID: "U1", Name: "u1"}, {ID: "U3", Name: "u3"}}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.ImportChannelMembers(ctx, map[string][]string{"C1": {"U1", "U3"}}); err != nil || n != 1 {
		t.Fatalf("got %d memberships imported, %v; want U3's only", n, err)
	}
	d, err := s.MemberData(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}
	for name, rows := range d.Sections {
		if name != "privacy" && len(rows) != 0 {
			t.Errorf("section %s holds %v again", name, rows)
		}
	}
	for q, want := range map[string]int{
		`SELECT count(*) FROM messages WHERE user_id = '' AND text = '' AND erased = 1`: 3,
		`SELECT count(*) FROM reactions WHERE item_user = '' AND name = 'eyes'`:         1,
		`SELECT count(*) FROM resources WHERE user_id = ''`:                             2,
		`SELECT count(*) FROM questions WHERE asker = ''`:                               2,
		`SELECT count(*) FROM pins WHERE pinned_by = ''`:                                2,
		`SELECT count(*) FROM members WHERE id = 'U3'`:                                  1,
	} {
		if got := count(t, s, q); got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
	if searchHits(t, s, "zebraU1") != 0 {
		t.Error("the index finds U1's words again")
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Error(err)
	}
}

func TestPauseAndResume(t *testing.T) {
	ctx := context.Background()
	s, c := openClock(t, t0)
	pausedAt := t0.Add(time.Hour)
	c.set(pausedAt)
	batch(t, s, func(tx *Tx) error {
		first, err := tx.Pause(ctx, "U1")
		if err != nil || !first {
			return fmt.Errorf("pause: got %v, %v", first, err)
		}
		if again, err := tx.Pause(ctx, "U1"); err != nil || again {
			return fmt.Errorf("pause again: got %v, %v; want false", again, err)
		}
		return nil
	})
	before, during := t0.Add(30*time.Minute), pausedAt.Add(time.Minute)
	batch(t, s, func(tx *Tx) error {
		for _, err := range []error{
			// posted before the pause, arriving late (a back-fill): kept
			tx.PutMessage(ctx, posted("C1", "U1", "zebra before", before)),
			tx.PutMessage(ctx, posted("C1", "U1", "zebra during", during)),
			tx.PutMessage(ctx, Message{
				ChannelID: "C1",
				TS:        slackTS(during.Add(time.Second)),
				UserID:    "U2",
				Text:      "zebra other",
				PostedAt:  during,
			}),
			tx.AddReaction(ctx, Reaction{ChannelID: "C1", MessageTS: slackTS(before), UserID: "U1", Name: "tada", At: during}),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	if p, err := s.Privacy(ctx, "U1"); err != nil || !p.Paused.Equal(pausedAt) || !p.Forgotten.IsZero() {
		t.Fatalf("got %+v, %v; want paused at %v", p, err, pausedAt)
	}
	text := func(at time.Time) (string, string) {
		t.Helper()
		m, err := s.MessageByTS(ctx, "C1", slackTS(at))
		if err != nil {
			t.Fatal(err)
		}
		return m.Text, m.UserID
	}
	if got, _ := text(before); got != "zebra before" {
		t.Errorf("got %q for a message from before the pause, want it kept", got)
	}
	if got, user := text(during); got != "" || user != "U1" {
		t.Errorf("got %q by %q during the pause, want a counted row without text", got, user)
	}
	if n := count(t, s, `SELECT count(*) FROM reactions WHERE user_id = 'U1'`); n != 1 {
		t.Errorf("got %d reactions, want the paused member's counted", n)
	}
	// An edit during the pause of a message from before it: its new text is not recorded.
	batch(t, s, func(tx *Tx) error {
		return tx.EditMessage(ctx, Message{
			ChannelID: "C1",
			TS:        slackTS(before),
			UserID:    "U1",
			Text:      "zebra edited",
			EditedTS:  slackTS(during),
			PostedAt:  before,
		})
	})
	if got, _ := text(before); got != "" {
		t.Errorf("got %q after an edit during the pause, want no text", got)
	}
	after := pausedAt.Add(2 * time.Hour)
	c.set(after)
	batch(t, s, func(tx *Tx) error {
		if ok, err := tx.Resume(ctx, "U1"); err != nil || !ok {
			return fmt.Errorf("resume: got %v, %v", ok, err)
		}
		for _, err := range []error{
			tx.PutMessage(ctx, posted("C1", "U1", "zebra after", after)),
			// the back-fill brings the paused message's text: it stays erased
			tx.PutMessage(ctx, posted("C1", "U1", "zebra during", during)),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	if got, _ := text(after); got != "zebra after" {
		t.Errorf("got %q after resuming, want the text", got)
	}
	if got, _ := text(during); got != "" {
		t.Errorf("got %q: the paused message's text came back", got)
	}
	if n := searchHits(t, s, "zebra"); n != 2 {
		t.Errorf("the index finds %d messages, want U2's and the one after resuming", n)
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Error(err)
	}
}

func TestEraseBefore(t *testing.T) {
	ctx := context.Background()
	s, c := openClock(t, t0)
	// retentionChunk+10 old messages (more than one chunk), and recent ones.
	old := t0.Add(-400 * 24 * time.Hour)
	batch(t, s, func(tx *Tx) error {
		for i := range retentionChunk + 10 {
			at := old.Add(time.Duration(i) * time.Minute)
			if err := tx.PutMessage(ctx, posted("C1", "U1", "ancient zebra", at)); err != nil {
				return err
			}
		}
		for i := range 3 {
			at := t0.Add(-time.Duration(i) * time.Hour)
			if err := tx.PutMessage(ctx, posted("C1", "U2", "recent zebra", at)); err != nil {
				return err
			}
		}
		return nil
	})
	c.set(old)
	oldEvent := InboxItem{EventID: "Ev-old", Source: "socket", Payload: []byte(`{"text":"ancient zebra"}`)}
	if _, err := s.PutInbox(ctx, []InboxItem{oldEvent}); err != nil {
		t.Fatal(err)
	}
	rows, _ := s.PendingInbox(ctx, 0, 10)
	if err := s.Process(ctx, rows[0].ID, nil); err != nil {
		t.Fatal(err)
	}
	oldDM := OutMessage{Key: "old", Method: "chat.postMessage", ChannelID: "U1", Payload: `{"text":"ancient zebra"}`}
	if _, err := s.Enqueue(ctx, oldDM); err != nil {
		t.Fatal(err)
	}
	o, _ := s.OutboxByKey(ctx, "old")
	if err := s.MarkSent(ctx, o.ID, "D1", "1.1"); err != nil {
		t.Fatal(err)
	}
	pending := OutMessage{
		Key:       "old-pending",
		Method:    "chat.postMessage",
		ChannelID: "U1",
		Payload:   `{"text":"still to send"}`,
	}
	if _, err := s.Enqueue(ctx, pending); err != nil {
		t.Fatal(err)
	}
	c.set(t0)
	newEvent := InboxItem{EventID: "Ev-new", Source: "socket", Payload: []byte(`{"text":"recent zebra"}`)}
	if _, err := s.PutInbox(ctx, []InboxItem{newEvent}); err != nil {
		t.Fatal(err)
	}

	cut := t0.Add(-365 * 24 * time.Hour)
	got, err := s.EraseBefore(ctx, cut)
	if err != nil {
		t.Fatal(err)
	}
	if testOnPostgres && (!got.Scrubbed.Due || got.Scrubbed.Vacuum == 0) { // docs/postgres.md
		t.Errorf("got %+v, want the erased tables vacuumed", got.Scrubbed)
	} else if !testOnPostgres && (!got.Scrubbed.Due || got.Scrubbed.MergeSteps == 0) {
		t.Errorf("got %+v, want the erasure scrubbed", got.Scrubbed)
	}
	got.Scrubbed = Scrubbed{}
	if want := (Erased{Messages: retentionChunk + 10, Inbox: 1, Outbox: 1}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if n := count(t, s, `SELECT count(*) FROM messages`); n != retentionChunk+13 {
		t.Errorf("got %d rows, want every message kept for counts", n)
	}
	if n := count(t, s, `SELECT count(*) FROM messages WHERE text <> ''`); n != 3 {
		t.Errorf("got %d messages with text, want the 3 recent ones", n)
	}
	if n := searchHits(t, s, "ancient"); n != 0 {
		t.Errorf("the index finds %d erased messages", n)
	}
	if n := count(t, s, `SELECT count(*) FROM outbox WHERE payload LIKE '%still to send%'`); n != 1 {
		t.Error("a message not yet sent was emptied")
	}
	if n := count(t, s, `SELECT count(*) FROM inbox WHERE length(payload) > 0`); n != 1 {
		t.Errorf("got %d raw events with a payload, want the recent one", n)
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Error(err)
	}
	if mark, err := s.RetentionMark(ctx); err != nil || !mark.Equal(cut) {
		t.Errorf("got mark %v, %v; want %v", mark, err, cut)
	}
	// Again: nothing more. Then a re-import of old history: recorded without text.
	if again, err := s.EraseBefore(ctx, cut); err != nil || again != (Erased{}) {
		t.Errorf("got %+v, %v; want nothing erased twice", again, err)
	}
	older := old.Add(-time.Hour)
	batch(t, s, func(tx *Tx) error {
		if err := tx.PutMessage(ctx, posted("C1", "U1", "ancient zebra", old)); err != nil {
			return err
		}
		return tx.PutMessage(ctx, posted("C2", "U1", "ancient zebra", older))
	})
	if n := count(t, s, `SELECT count(*) FROM messages WHERE text <> ''`); n != 3 {
		t.Errorf("got %d messages with text after a re-import, want 3", n)
	}
	// A longer retention moves the mark back: old history imported then keeps its text.
	if _, err := s.EraseBefore(ctx, older.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	between := old.Add(-30 * time.Minute)
	batch(t, s, func(tx *Tx) error {
		return tx.PutMessage(ctx, posted("C3", "U1", "ancient zebra", between))
	})
	if n := count(t, s, `SELECT count(*) FROM messages WHERE text <> ''`); n != 4 {
		t.Errorf("got %d messages with text, want the one imported after the mark moved back too", n)
	}
	if err := s.CheckFullText(ctx); err != nil {
		t.Error(err)
	}
}

func TestMemberDataIsJSON(t *testing.T) {
	ctx := context.Background()
	s, _ := openClock(t, t0)
	seed(t, s, "U1", "U2")
	d, err := s.MemberData(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Member string                      `json:"member"`
		Data   map[string][]map[string]any `json:"data"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	msgs := back.Data["messages"]
	if back.Member != "U1" || len(msgs) != 2 || msgs[0]["text"] != "zebraU1 rotation of keys" ||
		msgs[0]["posted_at"] != "2025-03-03T09:00:00Z" {
		t.Errorf("got %s", b)
	}
	q := back.Data["expert_queries"]
	if len(q) != 1 || fmt.Sprint(q[0]["ranked"]) != "[U2 U9]" {
		t.Errorf("got queries %v, want the ranking as JSON", q)
	}
	if strings.Contains(string(b), "zebraU2") {
		t.Errorf("U1's export holds U2's words: %s", b)
	}
	sum, err := s.PrivacySummary(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}
	want := PrivacySummary{
		Profile:          true,
		Messages:         2,
		MessagesWithText: 2,
		Reactions:        1,
		Resources:        1,
		Skills:           1,
		Prefs:            5, // expert, digest, nudge, recognition, one muted channel
		Nudges:           1,
		DigestItems:      2,
		Queries:          1,
		Pings:            1,
		Questions:        1,
		Channels:         1,
	}
	if sum != want {
		t.Errorf("got %+v\nwant %+v", sum, want)
	}
}
