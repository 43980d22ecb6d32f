package history

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"praxis/bot"
	"praxis/internal/testkit"
	"praxis/store"
)

// A ts listed twice in a day file keeps the last record whole: its author,
// text, thread, reactions and links, nothing of the first. It once kept the
// first author with the last text.
func TestImportDuplicateTSKeepsTheLastRecordWhole(t *testing.T) {
	ctx := context.Background()
	ex := baseExport()
	ex["security/2024-01-03.json"] = js([]M{
		{"type": "message", "user": "U01", "text": "alice's words <https://alice.example.com>", "ts": "1704240000.000100",
			"thread_ts": "1704067300.000100", "reactions": []M{{"name": "eyes", "users": []string{"U02"}}}},
		{"type": "message", "user": "U02", "text": "other", "ts": "1704240000.000200"},
		{"type": "message", "user": "U02", "text": "bob's words", "ts": "1704240000.000100"},
	})
	st := testkit.Store(t, nil)
	sum := importPath(t, st, ex.dir(t), Options{Communities: security})
	m, err := st.MessageByTS(ctx, "C01", "1704240000.000100")
	if err != nil || m.UserID != "U02" || m.Text != "bob's words" || m.ThreadTS != "" {
		t.Fatalf("got %+v, %v; want bob's record whole", m, err)
	}
	want := store.Stats{
		Communities: 1,
		Channels:    1,
		Members:     3,
		Messages:    6,
		Replies:     1,
		Bot:         1,
		Reactions:   1,
		Resources:   2,
		Joins:       1,
	}
	if got := stats(t, st); got != want {
		t.Fatalf("got %+v\nwant %+v: nothing of alice's record", got, want)
	}
	if sum.Messages != 6 || sum.Skipped["duplicate ts in a day file (the last one wins)"] != 1 {
		t.Fatalf("got %d messages, skipped %v", sum.Messages, sum.Skipped)
	}
}

// A day file larger than a part is written in parts; a ts seen again in a
// later part keeps the first record whole rather than mixing the two.
func TestImportDayFileInParts(t *testing.T) {
	ctx := context.Background()
	var msgs []M
	for i := range 25 {
		msgs = append(msgs, M{"type": "message", "user": fmt.Sprintf("U%02d", i%3+1), "text": fmt.Sprintf("message %d", i),
			"ts": fmt.Sprintf("1704240000.%06d", i)})
	}
	msgs = append(msgs, M{"type": "message", "user": "U09", "text": "again", "ts": "1704240000.000003"})
	ex := baseExport()
	ex["security/2024-01-03.json"] = js(msgs)
	st := testkit.Store(t, nil)
	e, err := OpenExport(ex.dir(t))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	e.lim.partMessages = 4
	var parts []part
	users := newKeySet()
	readDay(e, "security/2024-01-03.json", "C01", users, func(p part) bool { parts = append(parts, p); return true })
	total := 0
	for i, p := range parts {
		if p.err != nil || len(p.events) > 4 || p.last != (i == len(parts)-1) {
			t.Fatalf("part %d: %d events, last %v, %v; want at most 4 events", i, len(p.events), p.last, p.err)
		}
		total += p.messages
	}
	if len(parts) != 7 || total != 25 {
		t.Fatalf("got %d parts, %d messages; want 7 parts, 25 messages", len(parts), total)
	}
	sum, err := Import(ctx, st, e, Options{Communities: security})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := st.MessageByTS(ctx, "C01", "1704240000.000003"); m.UserID != "U01" || m.Text != "message 3" {
		t.Fatalf("got %+v, want the first record whole", m)
	}
	if sum.Messages != 4+25 || sum.DayFiles != 3 {
		t.Fatalf("got %d messages from %d day files", sum.Messages, sum.DayFiles)
	}
}

// A member of users.json that cannot be read is skipped and the others
// kept; the summary counts only what was stored. A bad element once lost
// the batch of good members read before it, and those after.
func TestImportUsersSkipsABadElement(t *testing.T) {
	var users []string
	for i := range 1500 {
		users = append(users, fmt.Sprintf(`{"id":"U%04d","name":"m%d"}`, i, i))
		if i == 1200 {
			users = append(users, `{"id":"UBAD" "name":"no comma"}`, `{"id":{"deep":[[[1]]]},"name":5}`)
		}
	}
	for name, body := range map[string]string{
		"bad element":  "[" + strings.Join(users, ",") + "]",
		"broken end":   "[" + strings.Join(users, ",") + `,{"id":"ULAST","na`,
		"too large":    "[" + strings.Join(users, ",") + `,{"id":"UHUGE","tags":[` + strings.Repeat(`"x",`, 1<<18) + `"x"]}]`,
		"not an array": `{"id":"U1"}`,
	} {
		t.Run(name, func(t *testing.T) {
			ex := files{"users.json": body, "channels.json": js([]M{{"id": "C01", "name": "security"}})}
			st := testkit.Store(t, nil)
			e, err := OpenExport(ex.dir(t))
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			e.lim.listElement = 1 << 20
			sum, err := Import(context.Background(), st, e, Options{Communities: security})
			if err != nil {
				t.Fatal(err)
			}
			want := 1500
			if name == "not an array" {
				want = 0
			}
			if got := stats(t, st).Members; got != want || sum.Members != want {
				t.Fatalf("got %d members stored, %d in the summary; want %d", got, sum.Members, want)
			}
			skipped := 0
			for k, v := range sum.Skipped {
				if strings.HasPrefix(k, "users.json: member that could not be read") {
					skipped += v
				}
			}
			if wantSkipped := map[string]int{"bad element": 1, "broken end": 1, "too large": 2}[name]; skipped != wantSkipped {
				t.Fatalf("got %d members skipped (%v), want %d", skipped, sum.Skipped, wantSkipped)
			}
		})
	}
}

// repeat is a source of one byte, to make huge inputs without holding
// them.
type repeat struct {
	b    byte
	left int
}

func (r *repeat) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := min(len(p), r.left)
	for i := range p[:n] {
		p[i] = r.b
	}
	r.left -= n
	return n, nil
}

// A 64 MiB message is never held whole: the day file is read with a few
// MB allocated in all, and its text is capped at Slack's limit. Decoding
// the element whole once cost gigabytes for 256 MiB.
func TestReadDayHoldsNoGiantString(t *testing.T) {
	const giant = 64 << 20
	body := io.MultiReader(strings.NewReader(`[{"type":"message","user":"U01","text":"before","ts":"1704240000.000001"},
		{"type":"message","user":"U01","ts":"1704240000.000002","text":"`), &repeat{b: 'a', left: giant},
		strings.NewReader(`"},{"type":"message","user":"U02","text":"after","ts":"1704240000.000003"}]`))
	e := &Export{
		files: map[string]entry{
			"c/2024-01-03.json": {open: func() (io.ReadCloser, error) { return io.NopCloser(body), nil }},
		},
		lim: defaultLimits,
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var parts []part
	readDay(e, "c/2024-01-03.json", "C01", nil, func(p part) bool { parts = append(parts, p); return true })
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("got %d MB allocated reading a %d MB message, want a few", alloc>>20, giant>>20)
	}
	if len(parts) != 1 || parts[0].err != nil || parts[0].messages != 3 || parts[0].capped != 1 {
		t.Fatalf("got %+v, want one part of 3 messages, one capped", parts)
	}
	var texts []string
	for _, ev := range parts[0].events {
		if ev.Kind == bot.KindMessage {
			texts = append(texts, ev.Text[:min(len(ev.Text), 6)])
			if n := utf8.RuneCountInString(ev.Text); n > store.MaxTextChars {
				t.Errorf("got a text of %d characters", n)
			}
		}
	}
	if strings.Join(texts, ",") != "before,aaaaaa,after" {
		t.Fatalf("got texts %q", texts)
	}
}

// A file larger than limits.entry is refused before it is read when it says
// so, and after limits.entry bytes when it lies about its size.
func TestExportEntriesAreBounded(t *testing.T) {
	ctx := context.Background()
	ex := baseExport()
	delete(ex, "users.json")
	ex["security/2024-01-02.json"] = js([]M{
		{"type": "message", "user": "U01", "text": strings.Repeat("long ", 2000), "ts": "1704153600.000100"},
	})
	st := testkit.Store(t, nil)
	e, err := OpenExport(ex.zip(t))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	e.lim.entry = 8 << 10 // the other files are smaller
	liar := e.files["security/2024-01-02.json"]
	liar.size = 10
	e.files["security/2024-01-02.json"] = liar
	e.files["security/2024-01-03.json"] = entry{
		size: 1 << 40,
		open: func() (io.ReadCloser, error) { panic("read a file declared too large") },
	}
	e.days = nil
	sum, err := Import(ctx, st, e, Options{Communities: security})
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(sum.Errors, "\n")
	for _, want := range []string{
		"security/2024-01-02.json: malformed day file (2024-01-02.json): unterminated string: file too large",
		"security/2024-01-03.json: file too large: 1099511627776 bytes uncompressed, more than 8192",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("errors lack %q:\n%s", want, joined)
		}
	}
	if sum.Messages != 2 || sum.DayFiles != 3 {
		t.Fatalf("got %d messages from %d day files, want the first day file only", sum.Messages, sum.DayFiles)
	}
}

func TestKeySet(t *testing.T) {
	s := newKeySet()
	keys := []string{
		"1704240000.000002", "1704240000.000005", "1704240000.000003", "U01", "1704240000.0000050", "01704240000.000005",
	}
	for _, k := range keys {
		if !s.add(k) {
			t.Fatalf("got %q seen, want new", k)
		}
	}
	for _, k := range keys {
		if s.add(k) || !s.has(k) {
			t.Fatalf("got %q new, want seen", k)
		}
	}
	if s.has("1704240000.000004") || s.has("U02") || s.len() != 6 {
		t.Fatalf("got %d keys, or one never added", s.len())
	}
}

// A text longer than Slack allows is stored cut to its limit, and the
// summary says how many were.
func TestImportCapsLongTexts(t *testing.T) {
	ex := baseExport()
	ex["security/2024-01-03.json"] = js([]M{
		{"type": "message", "user": "U01", "text": strings.Repeat("long words ", 10000), "ts": "1704240000.000100"},
	})
	st := testkit.Store(t, nil)
	sum := importPath(t, st, ex.zip(t), Options{Communities: security})
	m, err := st.MessageByTS(context.Background(), "C01", "1704240000.000100")
	if err != nil || utf8.RuneCountInString(m.Text) != store.MaxTextChars || !strings.HasSuffix(m.Text, "…") {
		t.Fatalf("got %d characters, %v; want %d", utf8.RuneCountInString(m.Text), err, store.MaxTextChars)
	}
	var out strings.Builder
	sum.Report(&out)
	const capped = "1 message texts longer than Slack allows, cut to 40000 characters"
	if sum.Capped != 1 || !strings.Contains(out.String(), capped) {
		t.Fatalf("got %d capped, report:\n%s", sum.Capped, out.String())
	}
}
