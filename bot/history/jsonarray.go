package history

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// arrayReader reads a JSON array one element at a time, whatever its size,
// holding at most maxElement bytes of one element: json.Decoder buffers a
// whole element before decoding it, so one 256 MiB message in a 391 KB zip
// cost gigabytes. Every string literal is cut to maxLiteral bytes as it is
// read (between characters and escapes, so it stays valid JSON): a message
// text longer than Slack allows is capped when recorded anyway, and this
// keeps the giant string from ever being held. The elements' syntax is
// left to encoding/json; arrayReader only finds where each one ends
// (strings and nesting depth), so deep nesting costs nothing here.
type arrayReader struct {
	r          io.Reader
	in         []byte // read from r, not scanned yet: in[pos:]
	pos        int
	maxElement int
	maxLiteral int

	elem     []byte // the element being read
	oversize bool   // elem reached maxElement: the element is skipped
	started  bool   // '[' read
	done     bool   // ']' read
	cuts     int    // string literals cut so far
	err      error  // the input's end or failure, reported once in is consumed
}

// errTooLarge is an element longer than the reader holds; it is skipped
// and the array goes on.
var errTooLarge = errors.New("element too large")

// errNotArray is a file whose content is not a JSON array.
var errNotArray = errors.New("not a JSON array")

// unterminated is the error of an array (or a string in it) whose input
// stops before its end: in words when the file simply ends (cut short).
func unterminated(what string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("the file ends before its list does (cut short?)")
	}
	return fmt.Errorf("unterminated %s: %w", what, err)
}

func newArrayReader(r io.Reader, maxElement, maxLiteral int) *arrayReader {
	return &arrayReader{r: r, in: make([]byte, 0, 64<<10), maxElement: maxElement, maxLiteral: maxLiteral}
}

// next returns the next element's bytes, valid until the next call; io.EOF
// after the last. errTooLarge skips one element; any other error ends the
// array (its syntax is broken: nothing after can be trusted).
func (a *arrayReader) next() ([]byte, error) {
	if a.done {
		return nil, io.EOF
	}
	if !a.started {
		c, err := a.nonSpace()
		if err != nil || c != '[' {
			return nil, errNotArray
		}
		a.started = true
		if c, err = a.nonSpace(); err != nil {
			return nil, unterminated("array", err)
		}
		if c == ']' {
			a.done = true
			return nil, io.EOF
		}
		a.pos-- // the element's first byte
	}
	return a.element()
}

// element reads one element and the ',' or ']' after it.
func (a *arrayReader) element() ([]byte, error) {
	a.elem, a.oversize = a.elem[:0], false
	depth := 0
	for {
		if a.pos == len(a.in) {
			if err := a.fill(); err != nil {
				return nil, unterminated("array", err)
			}
		}
		chunk := a.in[a.pos:]
		i := indexOf(chunk, &structural)
		if i < 0 { // white space, numbers, literals: kept as they are
			a.putAll(chunk)
			a.pos = len(a.in)
			continue
		}
		a.putAll(chunk[:i])
		c := chunk[i]
		a.pos += i + 1
		switch {
		case c == '"':
			a.put(c)
			if err := a.literal(); err != nil {
				return nil, unterminated("string", err)
			}
			continue
		case depth == 0 && (c == ',' || c == ']'):
			a.done = c == ']'
			elem := bytes.TrimSpace(a.elem)
			switch {
			case len(elem) == 0:
				return nil, fmt.Errorf("empty element before %q", c)
			case a.oversize:
				return nil, fmt.Errorf("%w: more than %d bytes", errTooLarge, a.maxElement)
			}
			return elem, nil
		case c == '{' || c == '[':
			depth++
		default: // '}', ']' or ','
			if c != ',' {
				if depth--; depth < 0 {
					return nil, fmt.Errorf("unexpected %q", c)
				}
			}
		}
		a.put(c)
	}
}

// literal reads the rest of a string literal, its opening quote read,
// keeping at most maxLiteral bytes of it.
func (a *arrayReader) literal() error {
	kept, cut, high := 0, false, false // high: what was kept last is half a surrogate pair
	for {
		if a.pos == len(a.in) {
			if err := a.fill(); err != nil {
				return err
			}
		}
		chunk := a.in[a.pos:]
		i := indexOf(chunk, &stringStop)
		if i < 0 {
			i = len(chunk)
		}
		if !cut {
			n := min(i, a.maxLiteral-kept)
			for n < i && n > 0 && chunk[n]&0xC0 == 0x80 {
				n-- // not inside a UTF-8 character
			}
			a.putAll(chunk[:n])
			kept += n
			high = high && n == 0
			if n < i {
				cut = a.cutLiteral(kept, high)
			}
		}
		a.pos += i
		if i == len(chunk) {
			continue
		}
		if a.pos++; chunk[i] == '"' {
			if cut {
				a.cuts++
			}
			a.put('"')
			return nil
		}
		esc, err := a.escape()
		if err != nil {
			return err
		}
		switch {
		case cut:
		case kept+len(esc) > a.maxLiteral:
			cut = a.cutLiteral(kept, high)
		default:
			a.putAll(esc)
			kept += len(esc)
			high = isHighSurrogate(esc)
		}
	}
}

// cutLiteral ends the kept part of a literal of which kept bytes are kept:
// never after half a surrogate pair (\uD83D of \uD83D\uDE00, high), which
// would decode as U+FFFD, nor after part of a UTF-8 character (one read
// across two reads of the input). It returns true, for the caller's cut
// flag.
func (a *arrayReader) cutLiteral(kept int, high bool) bool {
	if high && !a.oversize {
		a.elem = a.elem[:len(a.elem)-len(`\uD800`)]
		return true
	}
	for i := len(a.elem) - 1; i >= max(0, len(a.elem)-utf8.UTFMax) && kept > 0; i-- {
		if !utf8.RuneStart(a.elem[i]) {
			continue
		}
		if !utf8.FullRune(a.elem[i:]) {
			a.elem = a.elem[:i]
		}
		break
	}
	return true
}

// escape reads an escape sequence, its backslash read: \n, or \u and up to
// four hex digits (fewer in broken JSON, which encoding/json then rejects).
func (a *arrayReader) escape() ([]byte, error) {
	esc := make([]byte, 0, 6)
	esc = append(esc, '\\')
	c, err := a.byte()
	if err != nil {
		return nil, err
	}
	esc = append(esc, c)
	for c == 'u' && len(esc) < 6 {
		h, err := a.byte()
		if err != nil {
			return nil, err
		}
		if !isHex(h) {
			a.pos--
			break
		}
		esc = append(esc, h)
	}
	return esc, nil
}

// isHighSurrogate reports whether esc is \uD800–\uDBFF, the first half of
// a character outside the BMP.
func isHighSurrogate(esc []byte) bool {
	return len(esc) == 6 && esc[1] == 'u' && (esc[2] == 'd' || esc[2] == 'D') &&
		bytes.IndexByte([]byte("89abAB"), esc[3]) >= 0
}

// The bytes the reader stops at: outside strings, and inside them.
var structural, stringStop = byteSet(`"{}[],`), byteSet(`"\`)

func byteSet(chars string) (set [256]bool) {
	for i := range len(chars) {
		set[chars[i]] = true
	}
	return set
}

// indexOf returns the index of the first byte of b in set, or -1
// (bytes.IndexAny builds its set again at every call).
func indexOf(b []byte, set *[256]bool) int {
	for i, c := range b {
		if set[c] {
			return i
		}
	}
	return -1
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func (a *arrayReader) put(c byte) {
	if len(a.elem) < a.maxElement {
		a.elem = append(a.elem, c)
	} else {
		a.oversize = true
	}
}

func (a *arrayReader) putAll(b []byte) {
	room := a.maxElement - len(a.elem)
	if len(b) > room {
		b, a.oversize = b[:max(room, 0)], true
	}
	a.elem = append(a.elem, b...)
}

// nonSpace returns the next byte that is not JSON white space.
func (a *arrayReader) nonSpace() (byte, error) {
	for {
		c, err := a.byte()
		if err != nil || (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			return c, err
		}
	}
}

func (a *arrayReader) byte() (byte, error) {
	if a.pos == len(a.in) {
		if err := a.fill(); err != nil {
			return 0, err
		}
	}
	c := a.in[a.pos]
	a.pos++
	return c, nil
}

// fill reads more input; io.ErrUnexpectedEOF at the end, since an array
// still being read is not complete.
func (a *arrayReader) fill() error {
	for range 100 { // a reader may return 0, nil, but not forever
		if a.err != nil {
			return a.err
		}
		n, err := a.r.Read(a.in[:cap(a.in)])
		a.in, a.pos = a.in[:n], 0
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		a.err = err
		if n > 0 {
			return nil
		}
	}
	return io.ErrNoProgress
}
