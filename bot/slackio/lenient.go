package slackio

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"
)

// Slack's payloads do not always have the types its documentation gives: a
// real message_changed carried "channel_id": 6147346546 inside its message;
// numbers stand where strings are expected, null where an object is, an
// object where a string is (user in user_change). A field Praxis does not
// read must never reject an event (a 400 makes Slack retry, then drop it),
// so every field is decoded leniently by the types below: each takes what
// can be taken and marks the rest odd. Only the fields an event's kind reads
// are then checked (see need): an odd one skips the event, counted.

// str is a string field: a string, or a number kept as written; null or
// absent is empty; anything else (an object, an array, a boolean) is odd.
type str struct {
	s   string
	odd bool
}

// UnmarshalJSON never fails on a well-formed value.
func (f *str) UnmarshalJSON(b []byte) error {
	*f = str{}
	switch c := first(b); {
	case c == '"':
		// The common case, a plain string, without a second scan.
		if in := b[1 : len(b)-1]; bytes.IndexByte(in, '\\') < 0 && utf8.Valid(in) {
			f.s = string(in)
			return nil
		}
		return json.Unmarshal(b, &f.s)
	case c == '-' || c >= '0' && c <= '9':
		f.s = string(b)
	case c == 'n': // null
	default:
		f.odd = true
	}
	return nil
}

// num is a number field (event_time): an integer, a float or a numeric
// string; anything else, or a value out of range, is zero and odd.
type num struct {
	n   int64
	odd bool
}

// UnmarshalJSON never fails on a well-formed value.
func (f *num) UnmarshalJSON(b []byte) error {
	var s str
	_ = s.UnmarshalJSON(b)
	*f = num{odd: s.odd}
	if s.s == "" || s.odd {
		return nil
	}
	v, err := strconv.ParseFloat(s.s, 64)
	if err != nil || math.IsNaN(v) || v < math.MinInt64 || v >= math.MaxInt64 {
		f.odd = true
		return nil
	}
	f.n = int64(v)
	return nil
}

// one is an object field: null or absent leaves v nil; a value that is not
// an object is odd.
type one[T any] struct {
	v   *T
	odd bool
}

// UnmarshalJSON never fails on a well-formed value.
func (o *one[T]) UnmarshalJSON(b []byte) error {
	*o = one[T]{}
	switch first(b) {
	case '{':
		o.v = new(T)
		return json.Unmarshal(b, o.v)
	case 'n':
	default:
		o.odd = true
	}
	return nil
}

// many is an array of objects: elements that are not objects are left out
// (the others are taken); a value that is not an array is odd.
type many[T any] struct {
	v   []T
	odd bool
}

// UnmarshalJSON never fails on a well-formed value.
func (m *many[T]) UnmarshalJSON(b []byte) error {
	*m = many[T]{}
	switch first(b) {
	case '[':
		var all []one[T]
		if err := json.Unmarshal(b, &all); err != nil {
			return err
		}
		for _, e := range all {
			if e.v != nil {
				m.v = append(m.v, *e.v)
			}
		}
	case 'n':
	default:
		m.odd = true
	}
	return nil
}

// ref is a conversation or a user: its id as a string (or a number), or an
// object with an id and a name (channel_rename, user_change).
type ref struct {
	id, name str
	odd      bool
}

// UnmarshalJSON never fails on a well-formed value.
func (r *ref) UnmarshalJSON(b []byte) error {
	*r = ref{}
	if first(b) != '{' {
		err := r.id.UnmarshalJSON(b)
		r.odd = r.id.odd
		return err
	}
	var obj struct {
		ID   str `json:"id"`
		Name str `json:"name"`
	}
	if err := json.Unmarshal(b, &obj); err != nil {
		return err
	}
	r.id, r.name, r.odd = obj.ID, obj.Name, obj.ID.odd
	return nil
}

func first(b []byte) byte {
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

// object returns an object field's value (zero when absent), noting it
// when it is not an object.
func object[T any](n *need, name string, o one[T]) T {
	n.odd(name, o.odd)
	if o.v == nil {
		var zero T
		return zero
	}
	return *o.v
}

// need gathers the names of the fields an event's kind read that held
// something unusable.
type need []string

// s returns the field's value, noting it when odd.
func (n *need) s(name string, f str) string {
	if f.odd {
		*n = append(*n, name)
	}
	return f.s
}

// ref returns the id of a conversation or user, noting it when odd.
func (n *need) ref(name string, r ref) string {
	if r.odd {
		*n = append(*n, name)
	}
	return r.id.s
}

// odd notes a field when odd.
func (n *need) odd(name string, odd bool) {
	if odd {
		*n = append(*n, name)
	}
}
