package history

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"praxis/bot"
	"praxis/bot/question"
	"praxis/bot/record"
	"praxis/internal/sample"
	"praxis/internal/testkit"
	"praxis/store"
)

func importPath(t testing.TB, st *store.Store, p string, opts Options) Summary {
	t.Helper()
	e, err := OpenExport(p)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	sum, err := Import(context.Background(), st, e, opts)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func stats(t testing.TB, st *store.Store) store.Stats {
	t.Helper()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// files is an export to write, name → content.
type files map[string]string

func (f files) dir(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range f {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func (f files) zip(t *testing.T, extra ...string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range f {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	for i := 0; i+1 < len(extra); i += 2 { // raw names, possibly hostile
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: extra[i]})
		w.Write([]byte(extra[i+1]))
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "export.zip")
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

func js(v any) string { b, _ := json.Marshal(v); return string(b) }

type M = map[string]any

func baseExport() files {
	return files{
		"users.json": js([]M{{"id": "U01", "name": "alice", "real_name": "Alice", "tz": "Europe/Paris"},
			{"id": "U02", "name": "bob", "real_name": "Bob", "tz": "America/New_York"}}),
		"channels.json": js([]M{{"id": "C01", "name": "security", "created": "1452837318", "members": []string{"U01", "U02"}},
			{"id": "C02", "name": "random", "created": 1452837318}}),
		"groups.json": js([]M{{"id": "G01", "name": "secret-stuff"}}),
		"security/2024-01-01.json": js([]M{
			{
				"type":    "message",
				"subtype": "channel_join",
				"user":    "U02",
				"text":    "<@U02> has joined the channel",
				"ts":      "1704067200.000100",
			},
			{
				"type":        "message",
				"user":        "U01",
				"text":        "How do we rotate KMS keys? <https://wiki.example.com/kms|runbook>",
				"ts":          "1704067300.000100",
				"thread_ts":   "1704067300.000100",
				"reply_count": 1,
				"replies":     []M{{"user": "U02", "ts": "1704067400.000100"}},
				"pinned_to":   []string{"C01", "C99"},
			},
			{
				"type":           "message",
				"user":           "U02",
				"text":           "Every 90 days, automated",
				"ts":             "1704067400.000100",
				"thread_ts":      "1704067300.000100",
				"parent_user_id": "U01",
				"reactions":      []M{{"name": "white_check_mark", "users": []string{"U01"}, "count": 1}},
			},
			{"type": "message", "subtype": "bot_message", "bot_id": "B01", "text": "deploy ok", "ts": "1704067500.000100"},
		}),
		"security/2024-01-02.json": js([]M{
			{"type": "message", "subtype": "file_share", "user": "U02", "text": "diagram", "ts": "1704153600.000100",
				"files": []M{{"id": "F01", "name": "kms.png", "title": "KMS flow", "permalink": "https://files.example.com/F01"}}},
			{"type": "message", "user": "U09", "text": "who am I? caf\xc3\xa9", "ts": "1704153700.000100"},
		}),
		"random/2024-01-01.json": js([]M{
			{"type": "message", "user": "U01", "text": "lunch?", "ts": "1704067200.000200"},
		}),
		"secret-stuff/2024-01-01.json": js([]M{
			{"type": "message", "user": "U01", "text": "private", "ts": "1704067200.000300"},
		}),
	}
}

// security is the export's community, its channel resolved as praxis
// import resolves "#security".
var security = []bot.Community{{Name: "Security guild", Language: "en", Loc: time.UTC,
	Channels: []bot.Channel{{ID: "C01", Name: "security"}}}}

func TestImportMappedChannelsIdempotently(t *testing.T) {
	for _, kind := range []string{"dir", "zip"} {
		t.Run(kind, func(t *testing.T) {
			st := testkit.Store(t, nil)
			ex := baseExport()
			p := ex.dir(t)
			if kind == "zip" {
				p = ex.zip(t)
			}
			sum := importPath(t, st, p, Options{Communities: security})
			want := store.Stats{
				Communities: 1,
				Channels:    1,
				Members:     3,
				Messages:    4,
				Replies:     1,
				Bot:         1,
				Reactions:   1,
				Resources:   2,
				Joins:       1,
			}
			if got := stats(t, st); got != want {
				t.Fatalf("got %+v\nwant %+v\nsummary %+v", got, want, sum)
			}
			if sum.Messages != 4 || sum.Replies != 1 || sum.Channels != 1 || sum.Members != 2 || sum.Memberships != 2 ||
				len(sum.Errors) != 0 {
				t.Fatalf("got summary %+v", sum)
			}
			if sum.Skipped["channel not mapped to a community (day files)"] != 1 ||
				sum.Skipped["private or direct conversation not mapped (day files)"] != 1 {
				t.Fatalf("got skipped %v, want #random and the private group reported", sum.Skipped)
			}
			pins, err := st.Pinned(context.Background(), []string{"C01", "C99"}, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), 10)
			if err != nil || len(pins) != 1 || pins[0].TS != "1704067300.000100" ||
				!strings.HasPrefix(pins[0].Text, "How do we rotate") {
				t.Fatalf("got pins %+v, %v; want the pinned question of #security only", pins, err)
			}
			again := importPath(t, st, p, Options{Communities: security})
			if got := stats(t, st); got != want || again.Memberships != 0 {
				t.Fatalf("after a second import got %+v (%d memberships), want nothing added", got, again.Memberships)
			}
		})
	}
}

func TestImportAllChannelsSkipsPrivate(t *testing.T) {
	st := testkit.Store(t, nil)
	importPath(t, st, baseExport().dir(t), Options{AllChannels: true})
	s := stats(t, st)
	if s.Communities != 2 || s.Messages != 5 {
		t.Fatalf("got %+v, want #security and #random, not the private group", s)
	}
}

func TestImportKeepsEditsAndDeletionsStraight(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t, nil)
	ex := baseExport()
	importPath(t, st, ex.dir(t), Options{Communities: security})
	// Live: the question is deleted after the first import.
	rec := record.New(st, testkit.Directory(map[string]string{"C01": "Security guild"}), nil, "", bot.Deps{})
	if err := st.Batch(ctx, func(tx *store.Tx) error {
		return rec.Record(ctx, bot.Event{Kind: bot.KindDelete, Channel: "C01", TS: "1704067300.000100"}, tx)
	}); err != nil {
		t.Fatal(err)
	}
	// A newer, overlapping export: the reply was edited since.
	ex["security/2024-01-01.json"] = strings.Replace(ex["security/2024-01-01.json"], `"text":"Every 90 days, automated"`,
		`"edited":{"user":"U02","ts":"1704070000.000000"},"text":"Every 90 days, automated by the platform team"`, 1)
	importPath(t, st, ex.dir(t), Options{Communities: security})
	m, _ := st.MessageByTS(ctx, "C01", "1704067400.000100")
	if m.Text != "Every 90 days, automated by the platform team" {
		t.Fatalf("got %q, want the edit from the newer export", m.Text)
	}
	q, _ := st.MessageByTS(ctx, "C01", "1704067300.000100")
	if !q.Deleted || q.Text != "" {
		t.Fatalf("got %+v, want the deletion to survive the re-import", q)
	}
	// An older export must not undo the edit.
	importPath(t, st, baseExport().dir(t), Options{Communities: security})
	if m, _ = st.MessageByTS(ctx, "C01", "1704067400.000100"); !strings.Contains(m.Text, "platform team") {
		t.Fatalf("got %q, want the newer edit kept", m.Text)
	}
}

func TestImportBadInput(t *testing.T) {
	st := testkit.Store(t, nil)
	ex := baseExport()
	ex["security/2024-01-03.json"] = `[{"type":"message","user":"U01","text":"half`
	ex["security/2024-01-04.json"] = js([]M{{"type": "message", "user": "U01", "text": "first", "ts": "1704326400.000100"},
		{"type": "message", "user": "U01", "text": "second", "ts": "1704326400.000100"},
		{"type": "message", "user": "U01", "text": "no ts"}})
	ex["security/2024-01-05.json"] = `[{"type":"message","user":"U01","text":"bad ` + "\xff\xfe" +
		` bytes","ts":"1704412800.000100"}]`
	p := ex.zip(t, "../../evil/2024-01-01.json", "[]", "/abs/users.json", "[]")
	sum := importPath(t, st, p, Options{Communities: security})
	joined := strings.Join(sum.Errors, "\n")
	for _, want := range []string{
		"security/2024-01-03.json: malformed day file",
		"../../evil/2024-01-01.json: path leaves the export",
		"/abs/users.json",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("errors lack %q:\n%s", want, joined)
		}
	}
	if sum.Skipped["duplicate ts in a day file (the last one wins)"] != 1 || sum.Skipped["message without ts"] != 1 {
		t.Errorf("got skipped %v", sum.Skipped)
	}
	m, err := st.MessageByTS(context.Background(), "C01", "1704412800.000100")
	if err != nil || !strings.Contains(m.Text, "\uFFFD") {
		t.Fatalf("got %+v, %v; want invalid bytes replaced", m, err)
	}
	if m, _ := st.MessageByTS(context.Background(), "C01", "1704326400.000100"); m.Text != "second" {
		t.Fatalf("got %q for a duplicate ts, want the last one", m.Text)
	}
	if s := stats(t, st); s.Messages != 6 {
		t.Fatalf("got %d messages, want the good files imported around the bad one", s.Messages)
	}
}

func TestOpenExportRejectsNonExports(t *testing.T) {
	good := baseExport().zip(t)
	b, _ := os.ReadFile(good)
	truncated := filepath.Join(t.TempDir(), "truncated.zip")
	os.WriteFile(truncated, b[:len(b)/2], 0o644)
	notExport := files{"readme.txt": "hello"}.dir(t)
	for name, p := range map[string]string{
		"truncated zip": truncated,
		"not an export": notExport,
		"missing":       "/nonexistent/x.zip",
	} {
		if _, err := OpenExport(p); err == nil {
			t.Errorf("%s: got no error", name)
		}
	}
	nested := files{}
	for k, v := range baseExport() {
		nested["my-export/"+k] = v
	}
	e, err := OpenExport(nested.zip(t))
	if err != nil || !e.Has("users.json") {
		t.Fatalf("got %v, want an export zipped inside a folder opened", err)
	}
	e.Close()
}

// TestImportRealExport imports the real 2016 export from ../shared.
func TestImportRealExport(t *testing.T) {
	p := "../../../shared/fixtures/slack-export-sample.zip"
	if _, err := os.Stat(p); err != nil {
		t.Skip("../shared fixtures not present")
	}
	st := testkit.Store(t, nil)
	sum := importPath(t, st, p, Options{AllChannels: true})
	if sum.Channels != 2 || sum.Members != 4 || sum.Messages == 0 || len(sum.Errors) != 0 {
		t.Fatalf("got %+v", sum)
	}
	first := stats(t, st)
	importPath(t, st, p, Options{AllChannels: true})
	if again := stats(t, st); again != first {
		t.Fatalf("got %+v after re-import, want %+v", again, first)
	}
}

// TestImportGeneratedExports imports generated workspaces in Slack's layout
// (zipped) and slackdump's (a thread's replies under the parent's day): the
// same workspace must give the same rows either way.
func TestImportGeneratedExports(t *testing.T) {
	var got []store.Stats
	for _, dump := range []bool{false, true} {
		ws := sample.New(sample.Options{Seed: 7, Messages: 3000, SlackdumpLayout: dump})
		var buf bytes.Buffer
		gen, err := ws.WriteZip(&buf)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), "export.zip")
		os.WriteFile(p, buf.Bytes(), 0o644)
		comms := ws.Resolved()
		st := testkit.Store(t, nil)
		sum := importPath(t, st, p, Options{Communities: comms})
		if len(sum.Errors) != 0 || sum.Replies != gen.Replies || sum.Reactions != gen.Reactions {
			t.Fatalf("slackdump=%v: got %+v, generated %+v", dump, sum, gen)
		}
		got = append(got, stats(t, st))
	}
	if got[0] != got[1] {
		t.Fatalf("got %+v from Slack's layout and %+v from slackdump's", got[0], got[1])
	}
}

// The questions of imported history are followed as the live tracker
// would have: the KMS question, answered and accepted with ✅, and U09's
// "who am I?", still open; following again adds nothing.
func TestFollowQuestionsOfImportedHistory(t *testing.T) {
	st := testkit.Store(t, nil)
	importPath(t, st, baseExport().dir(t), Options{Communities: security})
	ctx := context.Background()
	for range 2 {
		n, err := FollowQuestions(ctx, st, []string{"C01"})
		if err != nil || n != 2 {
			t.Fatalf("got %d questions, %v; want two", n, err)
		}
	}
	q, err := st.QuestionByTS(ctx, "C01", "1704067300.000100")
	if err != nil || q.Asker != "U01" || q.FirstAnswerer != "U02" || q.Resolution != "accepted" {
		t.Fatalf("got %+v, %v; want alice's question answered by bob and accepted", q, err)
	}
	if open, _ := st.OpenQuestions(ctx, time.Time{}); len(open) != 1 || open[0].Asker != "U09" {
		t.Fatalf("got open questions %+v, want U09's", open)
	}
}

// FollowQuestions settles a generated history's questions in memory
// exactly as the live tracker's store.AddQuestion settles them one query
// at a time, thanks included: same questions, answers and resolutions.
func TestFollowQuestionsAgreesWithTheTracker(t *testing.T) {
	ws := sample.New(sample.Options{Seed: 11, Messages: 4000})
	dir := t.TempDir()
	if _, err := ws.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	comms := ws.Resolved()
	ctx := context.Background()
	questions := func(st *store.Store) map[string]store.Question {
		qs, err := st.ReportQuestions(ctx, time.Unix(0, 0), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]store.Question{}
		for _, q := range qs {
			out[q.ChannelID+"/"+q.TS] = q
		}
		return out
	}
	bulk, live := testkit.Store(t, nil), testkit.Store(t, nil)
	for _, st := range []*store.Store{bulk, live} {
		importPath(t, st, dir, Options{Communities: comms})
	}
	mapped, _ := bulk.MappedChannels(ctx)
	chans := slices.Collect(maps.Keys(mapped))
	if _, err := FollowQuestions(ctx, bulk, chans); err != nil {
		t.Fatal(err)
	}
	// The tracker's way: each thanks in a thread marked (whoever says it,
	// question or not), then AddQuestion per question, which settles it.
	for _, ch := range chans {
		var msgs []store.ChannelMessage
		live.ScanChannel(ctx, ch, func(m store.ChannelMessage) error { msgs = append(msgs, m); return nil })
		err := live.Batch(ctx, func(tx *store.Tx) error {
			person := func(m store.ChannelMessage) bool {
				return !m.IsBot && !m.Deleted && m.UserID != "" && m.Subtype == ""
			}
			for _, m := range msgs {
				if m.ThreadTS != "" && m.ThreadTS != m.TS && person(m) && question.IsThanks(m.Text) {
					if err := tx.MarkThanks(ctx, ch, m.TS, m.UserID, m.PostedAt); err != nil {
						return err
					}
				}
			}
			for _, m := range msgs {
				if (m.ThreadTS == "" || m.ThreadTS == m.TS) && person(m) {
					if ok, why := question.Detect(m.Text); ok {
						q := store.Question{ChannelID: ch, TS: m.TS, Asker: m.UserID, AskedAt: m.PostedAt, Why: why}
						if err := tx.AddQuestion(ctx, q, question.AcceptNames); err != nil {
							return err
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	got, want := questions(bulk), questions(live)
	resolved := 0
	for k, w := range want {
		g := got[k]
		if g.Asker != w.Asker || !g.FirstAnswerAt.Equal(w.FirstAnswerAt) || g.FirstAnswerer != w.FirstAnswerer ||
			g.Resolution != w.Resolution || !g.ResolvedAt.Equal(w.ResolvedAt) || g.Why != w.Why {
			t.Errorf("%s: got %+v\nwant %+v", k, g, w)
		}
		if w.Resolution != "" {
			resolved++
		}
	}
	if len(got) != len(want) || len(want) < 50 || resolved < 10 {
		t.Fatalf("got %d questions, want %d (%d resolved): too few to tell", len(got), len(want), resolved)
	}
}
