package history

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"strconv"
	"strings"

	"praxis/store"
)

// limits bound what reading an export holds in memory, whatever the export
// holds: an import stays under a few hundred MB for a 391 KB zip holding
// one 256 MiB message as for a day file of three million messages. Real
// exports stay far inside them; what goes past one is cut or skipped, and
// the summary says so.
type limits struct {
	// entry is the most bytes read from one file of the export, as its
	// zip entry declares them and as they are read (zip bombs lie).
	entry int64
	// element is the most bytes of one element of a JSON array (a message,
	// a member, a channel) held to decode it; a longer one is skipped.
	element int
	// listElement is the same for the lists of members and channels, whose
	// channels list their members (a million in the largest ones).
	listElement int
	// literal is the most bytes kept of one JSON string literal: enough for
	// a text longer than store.MaxTextChars however it is escaped
	// (\uD83D\uDE00 is 12 bytes for one character), so that the cap that
	// applies when it is recorded is the one that cuts it.
	literal int
	// partMessages and partBytes bound a part of a day file: the messages
	// decoded ahead and written in one transaction. A day file within
	// them lands whole or not at all; a larger one, in parts.
	partMessages, partBytes int
	// dayMessages is the most messages read from one day file (a channel
	// posting one a second all day long writes 86,400).
	dayMessages int
	// reactionUsers is the most reacting members recorded per message
	// (Slack's history itself lists only some of them past a point).
	reactionUsers int
	// conversations and members are the most conversations listed, and
	// members remembered to report messages by members absent from
	// users.json.
	conversations, members int
}

var defaultLimits = limits{
	entry:         1 << 30,
	element:       4 << 20,
	listElement:   32 << 20,
	literal:       12 * (store.MaxTextChars + 1),
	partMessages:  10_000,
	partBytes:     8 << 20,
	dayMessages:   4_000_000,
	reactionUsers: 10_000,
	conversations: 500_000,
	members:       2_000_000,
}

// errEntryTooLarge is a file of the export larger than limits.entry.
var errEntryTooLarge = errors.New("file too large")

// boundedEntry reads at most limit bytes of an entry and fails past them.
type boundedEntry struct {
	io.ReadCloser
	left int64
}

func (b *boundedEntry) Read(p []byte) (int, error) {
	if b.left <= 0 {
		var one [1]byte
		if n, _ := b.ReadCloser.Read(one[:]); n > 0 {
			return 0, errEntryTooLarge
		}
		return b.ReadCloser.Read(p) // the end, or a read error
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}

// entryTooLarge is the error for an entry declared larger than the limit.
func entryTooLarge(size uint64, limit int64) error {
	return fmt.Errorf("%w: %d bytes uncompressed, more than %d", errEntryTooLarge, size, limit)
}

// keySet remembers strings compactly: a message's ts ("1704067200.000100")
// exactly as a number, anything else by a 64-bit hash, which for the ids
// of members (only counted) is close enough. Keys that come in increasing
// order, as a day file's ts do, take 8 bytes each in a sorted slice; the
// others, a map.
type keySet struct {
	seed   maphash.Seed
	sorted []uint64
	rest   map[uint64]struct{}
}

func newKeySet() *keySet {
	return &keySet{seed: maphash.MakeSeed(), rest: map[uint64]struct{}{}}
}

func (s *keySet) key(k string) uint64 {
	sec, us, ok := strings.Cut(k, ".")
	if ok && len(us) == 6 && len(sec) > 0 && len(sec) <= 12 && (sec[0] != '0' || sec == "0") {
		a, err1 := strconv.ParseUint(sec, 10, 64) // digits only: no sign, no "_"
		b, err2 := strconv.ParseUint(us, 10, 64)
		if err1 == nil && err2 == nil {
			return a*1_000_000 + b // < 2^60: the high bit tells it from a hash
		}
	}
	return maphash.String(s.seed, k) | 1<<63
}

// add remembers k and reports whether it was new.
func (s *keySet) add(k string) bool {
	key := s.key(k)
	if n := len(s.sorted); n == 0 || key > s.sorted[n-1] {
		s.sorted = append(s.sorted, key)
		return true
	}
	if s.hasKey(key) {
		return false
	}
	s.rest[key] = struct{}{}
	return true
}

func (s *keySet) has(k string) bool { return s.hasKey(s.key(k)) }

func (s *keySet) hasKey(key uint64) bool {
	if _, ok := slices.BinarySearch(s.sorted, key); ok {
		return true
	}
	_, ok := s.rest[key]
	return ok
}

func (s *keySet) len() int { return len(s.sorted) + len(s.rest) }
