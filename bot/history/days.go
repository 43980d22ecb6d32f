package history

import (
	"context"
	"errors"
	"fmt"
	"path"

	"praxis/bot"
	"praxis/store"
	"praxis/store/terms"
)

// part is a run of a day file's messages, decoded and ready to be written
// in one transaction: the whole file, unless it is larger than
// limits.partMessages or limits.partBytes.
type part struct {
	file                                                 string
	last                                                 bool // the file's last part
	events                                               []bot.Event
	messages, replies, bots, reactions, joins, resources int
	capped                                               int // texts cut to store.MaxTextChars
	size                                                 int // bytes held, about
	skipped                                              map[string]int
	problems                                             map[string]int // what is wrong with messages → how many
	err                                                  error
}

// eventBytes is about what an event costs in memory besides its text.
const eventBytes = 512

// readDays decodes the day files in order, a part at a time, while the
// caller writes the previous parts (two cores: one decodes JSON, one runs
// SQLite).
func readDays(ctx context.Context, e *Export, files []string, owner map[string]conv, users *keySet, out *queue) {
	defer out.close()
	send := func(p part) bool { return out.put(ctx, p) }
	for _, f := range files {
		if !readDay(e, f, owner[f].ID, users, send) {
			return
		}
	}
}

// errStop ends the reading of a day file when the import stops;
// errDayFull, when it holds more than limits.dayMessages.
var (
	errStop    = errors.New("stopped")
	errDayFull = errors.New("day file cut")
)

// readDay reads one day file and sends its parts; false when the import
// stops.
func readDay(e *Export, file, channel string, users *keySet, send func(part) bool) bool {
	r, err := e.Open(file)
	if err != nil {
		return send(part{file: file, last: true, err: err})
	}
	defer r.Close()
	d := &dayReader{file: file, channel: channel, users: users, lim: e.lim, seen: newKeySet()}
	d.reset()
	sent := 0
	err = eachElement(newArrayReader(r, e.lim.element, e.lim.literal), func(m wireMessage) error {
		if d.read == e.lim.dayMessages {
			d.skipped[fmt.Sprintf("day files cut after %d messages (the rest not read)", e.lim.dayMessages)]++
			return errDayFull
		}
		d.add(m)
		if len(d.recs) < e.lim.partMessages && d.size < e.lim.partBytes {
			return nil
		}
		if sent++; !send(d.flush(false)) {
			return errStop
		}
		return nil
	}, func(err error) { d.problems["could not be read ("+errKind(err)+"), skipped"]++ },
		func(what string) { d.problems[what+", kept without it"]++ })
	p := d.flush(true)
	switch {
	case errors.Is(err, errStop):
		return false
	case errors.Is(err, errDayFull):
	case err != nil && sent > 0:
		p.err = fmt.Errorf("malformed day file (%s), its first %d parts imported: %w", path.Base(file), sent, err)
	case err != nil:
		p.err = fmt.Errorf("malformed day file (%s): %w", path.Base(file), err)
	}
	return send(p)
}

// dayReader gathers a day file's messages into parts. Within a part, a ts
// seen again replaces the message before it whole (author, text, thread,
// reactions, files): an export that lists a message twice keeps the last.
// Across the parts of a file too large to hold at once, the first is kept:
// it is written already, and mixing the two is what must not happen.
type dayReader struct {
	file, channel string
	users         *keySet // nil: not checked
	lim           limits
	seen          *keySet // every ts of the file so far
	recs          []*wireMessage
	at            map[string]int // ts → index in recs
	size          int
	read          int // messages read from the file
	skipped       map[string]int
	problems      map[string]int // see part
}

func (d *dayReader) reset() {
	d.recs, d.at, d.size, d.skipped, d.problems = nil, map[string]int{}, 0, map[string]int{}, map[string]int{}
}

func (d *dayReader) add(m wireMessage) {
	d.read++
	if m.TS == "" {
		d.skipped["message without ts"]++
		return
	}
	if _, ok := store.ParseTS(m.TS); !ok {
		d.skipped["message with a malformed ts"]++
		return
	}
	if i, ok := d.at[m.TS]; ok {
		d.recs[i] = nil
		d.skipped["duplicate ts in a day file (the last one wins)"]++
	} else if !d.seen.add(m.TS) {
		d.skipped["duplicate ts in a day file too large to hold at once (the first one kept)"]++
		return
	}
	if n := m.limitReactions(d.lim.reactionUsers); n > 0 {
		d.skipped[fmt.Sprintf("reactions past %d on one message (not recorded)", d.lim.reactionUsers)] += n
	}
	d.at[m.TS] = len(d.recs)
	d.recs = append(d.recs, &m)
	d.size += m.size()
}

// flush turns the messages gathered into a part's events, their texts
// capped and their terms computed here, on the decoding core.
func (d *dayReader) flush(last bool) part {
	p := part{file: d.file, last: last, size: d.size, skipped: d.skipped, problems: d.problems}
	for _, m := range d.recs {
		if m == nil {
			continue // replaced by a later one
		}
		if text, capped := store.CapText(m.Text); capped {
			m.Text = text
			p.capped++
		}
		if m.User != "" && m.BotID == "" && d.users != nil && !d.users.has(m.User) {
			p.skipped["messages by members absent from users.json (recorded by id)"]++
		}
		p.count(*m)
		evs := m.events(d.channel)
		if evs[0].Text != "" {
			evs[0].Terms = terms.Index(evs[0].Text)
		}
		p.events = append(p.events, evs...)
	}
	d.reset()
	return p
}

func (p *part) count(m wireMessage) {
	switch {
	case m.BotID != "" || m.Subtype == "bot_message":
		p.bots++
	case m.Subtype == "channel_join":
		p.joins++
	case m.Subtype == "" || m.Subtype == "thread_broadcast" || m.Subtype == "file_share" || m.Subtype == "me_message":
		p.messages++
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			p.replies++
		}
	}
	if m.BotID == "" && m.Subtype != "bot_message" {
		p.resources += len(m.Files) + len(bot.Links(m.Text))
	}
	for _, r := range m.Reactions {
		p.reactions += len(r.Users)
	}
}
