package discover

import (
	"slices"
	"strings"
	"time"

	"praxis/bot/inchannel"
	"praxis/bot/question"
	"praxis/store"
	"praxis/store/terms"
)

// Channel is a channel discovery reads.
type Channel struct {
	ID, Name string
	Purpose  string   // as its creator wrote it: the first candidate for a vocation
	Members  []string // who is in it, readers included (nil: unknown, the active ones count)
	// Configured is the community the configuration already maps it to
	// ("": none).
	Configured string
}

// Bounds on what one channel's reading holds, whatever the history holds:
// distinct terms, threads followed and bytes of question text kept for
// the vocation.
const (
	maxTerms     = 200_000 // distinct terms counted: a subject is said often, and early
	maxThreads   = 500_000
	maxTextBytes = 8 << 20
	openerBytes  = 280
)

// Reader gathers one channel's history in one pass. Channels are read
// independently, so several Readers can run at once; a Reader is not safe
// for concurrent use.
type Reader struct {
	h       History
	shape   inchannel.Shape
	inch    inchannel.Reader[string]
	threads map[string]*thread
	people  map[string]string    // interned member ids
	words   map[string]*spelling // by term
	lang    [2]int               // top-level messages read as English, French
	text    int                  // bytes of question text kept
	seen    []string
}

// thread is a top-level message and who replied to it.
type thread struct {
	asker    string // "" when the parent is not in the history
	at       time.Time
	first    time.Time // first reply by someone else
	repliers []string
	question bool
	needs    Need
	text     string // a question's opening, cut to openerBytes
}

// NewReader starts reading channel c.
func NewReader(c Channel) *Reader {
	r := &Reader{h: History{Channel: c, Posts: map[string]int{}, Terms: map[string]int{}},
		threads: map[string]*thread{}, people: map[string]string{}, words: map[string]*spelling{}}
	r.inch.Emit = func(ts string, _ store.ChannelMessage, replies []store.ChannelMessage) {
		for _, m := range replies {
			r.reply(ts, m)
		}
	}
	return r
}

// said reports whether m is something a person said (not a join, a topic
// change or a bot's post).
func said(m store.ChannelMessage) bool {
	switch m.Subtype {
	case "", "thread_broadcast", "file_share", "me_message":
		return !m.IsBot && !m.Deleted && m.UserID != ""
	}
	return false
}

// Add reads the channel's next message. Messages come in the order of the
// channel's day files (a thread's replies after their parent).
func (r *Reader) Add(m store.ChannelMessage) {
	if !said(m) {
		return
	}
	m.UserID = r.intern(m.UserID)
	h := &r.h
	h.Messages++
	h.Posts[m.UserID]++
	if h.From.IsZero() || m.PostedAt.Before(h.From) {
		h.From = m.PostedAt
	}
	if m.PostedAt.After(h.To) {
		h.To = m.PostedAt
	}
	lang := r.count(m.Text)
	reply := m.ThreadTS != "" && m.ThreadTS != m.TS
	r.shape.Add(m.PostedAt, reply)
	if reply {
		r.reply(m.ThreadTS, m)
		return
	}
	r.root(m, lang)
	r.inch.Add(&m, m.TS, r.shape.At(m.PostedAt))
}

func (r *Reader) intern(id string) string {
	if s, ok := r.people[id]; ok {
		return s
	}
	id = strings.Clone(id)
	r.people[id] = id
	return id
}

// count adds the message's distinct terms, and the words they were
// written as, and returns its language.
func (r *Reader) count(text string) string {
	r.seen = r.seen[:0]
	return terms.Each(text, func(term, word string) {
		if slices.Contains(r.seen, term) || len(r.seen) > 200 {
			return
		}
		r.seen = append(r.seen, term)
		sp := r.words[term]
		if sp == nil {
			if len(r.h.Terms) >= maxTerms {
				return
			}
			sp = &spelling{term: strings.Clone(term), words: map[string]int{}}
			r.words[sp.term] = sp
		}
		// Counted under its own copy: assigning under term, which lives
		// only during the call, would make it the map's key.
		r.h.Terms[sp.term]++
		if _, ok := sp.words[word]; ok || len(sp.words) < 8 {
			sp.words[strings.Clone(word)]++
		}
	})
}

// spelling is a term counted in a channel: its own copy, and the words it
// was written as, with how often.
type spelling struct {
	term  string
	words map[string]int
}

// root starts a thread at a top-level message in lang.
func (r *Reader) root(m store.ChannelMessage, lang string) {
	if lang == "fr" {
		r.lang[1]++
	} else {
		r.lang[0]++
	}
	if len(r.threads) >= maxThreads {
		r.h.Dropped++
		return
	}
	t := r.threads[m.TS]
	if t == nil {
		t = &thread{}
		r.threads[m.TS] = t
	}
	t.asker, t.at = m.UserID, m.PostedAt
	if t.question, _ = question.Detect(m.Text); t.question {
		t.needs = Needs(m.Text)
		if r.text < maxTextBytes {
			t.text = opening(m.Text)
			r.text += len(t.text)
		}
	}
}

// reply adds m as a reply to the thread at ts.
func (r *Reader) reply(ts string, m store.ChannelMessage) {
	t := r.threads[ts]
	if t == nil {
		if len(r.threads) >= maxThreads {
			return
		}
		t = &thread{} // its parent comes later, or is not in the history
		r.threads[ts] = t
	}
	if m.UserID == t.asker {
		return
	}
	if t.first.IsZero() || m.PostedAt.Before(t.first) {
		t.first = m.PostedAt
	}
	if !slices.Contains(t.repliers, m.UserID) {
		t.repliers = append(t.repliers, m.UserID)
	}
}

// opening is the start of a question, as a vocation may quote it: its
// first line, cut to openerBytes at a word.
func opening(text string) string {
	text, _, _ = strings.Cut(strings.TrimSpace(text), "\n")
	if len(text) <= openerBytes {
		return strings.Clone(text)
	}
	cut := strings.LastIndexByte(text[:openerBytes], ' ')
	if cut < openerBytes/2 {
		cut = openerBytes
		for cut > 0 && text[cut]&0xC0 == 0x80 {
			cut--
		}
	}
	return strings.Clone(text[:cut]) + "…"
}
