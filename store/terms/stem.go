package terms

import (
	"strings"
	"sync"
	"unsafe"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
)

type lang int

const (
	en lang = iota
	fr
)

// memoSize bounds each language's memo: a community's vocabulary is a few
// tens of thousands of words, and the frequent ones come back all the time.
const memoSize = 1 << 16

// memo remembers stems already computed. Snowball takes 1.5 µs a word and
// allocates; a lookup takes a few tens of nanoseconds. It is the package's
// only state: a cache of a pure function, safe for concurrent use, which
// the package-level API (Index, Stems, Query) needs.
type memo struct {
	mu sync.RWMutex
	m  map[string]string
}

var memos = [2]memo{{m: map[string]string{}}, {m: map[string]string{}}}

// stem returns word (lowercase) stemmed in language l, then folded.
func stem(l lang, word string) string {
	c := &memos[l]
	c.mu.RLock()
	s, ok := c.m[word]
	c.mu.RUnlock()
	if ok {
		return s
	}
	if l == fr {
		s = french.Stem(word, true)
	} else {
		s = english.Stem(word, true)
	}
	s = string(appendFolded(make([]byte, 0, len(s)+2), s))
	c.mu.Lock()
	if len(c.m) >= memoSize {
		clear(c.m) // start over: the frequent words come back first
	}
	c.m[strings.Clone(word)] = s
	c.mu.Unlock()
	return s
}

// unsafeString views b as a string without copying; b must not change
// while the string is in use (the scratch buffers are only appended to
// while scanning, and read afterwards).
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
