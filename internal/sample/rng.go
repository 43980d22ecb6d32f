package sample

import (
	"math/bits"
	"strconv"
)

// rng is a small deterministic generator (SplitMix64). Its methods use
// integers only: floating-point results may differ across architectures
// (fused multiply-add), and the output must not.
type rng struct{ s uint64 }

const golden = 0x9E3779B97F4A7C15

// mix64 is SplitMix64's finaliser: a bijection of uint64 that scatters bits.
func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

// hash combines parts into one well-mixed value, for sub-seeds.
func hash(parts ...uint64) uint64 {
	h := uint64(0x5EED5EED5EED5EED)
	for _, p := range parts {
		h = mix64(h ^ (p + golden))
	}
	return h
}

// Tags keep the streams of different purposes apart.
const (
	tagWorkspace uint64 = iota + 1
	tagDay
	tagDayWeight
	tagLive
	tagLiveChannel
	tagFrac
	tagUUID
	tagFile
	tagPilot
)

func newRNG(parts ...uint64) rng { return rng{s: hash(parts...)} }

func (r *rng) next() uint64 {
	r.s += golden
	return mix64(r.s)
}

// intn returns a number in [0, n); 0 when n <= 0.
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance is true with probability perMille/1000.
func (r *rng) chance(perMille int) bool { return r.intn(1000) < perMille }

// weighted returns an index of ws, with probability proportional to its
// weight; -1 when all weights are zero.
func (r *rng) weighted(ws []int) int {
	total := 0
	for _, w := range ws {
		total += w
	}
	if total <= 0 {
		return -1
	}
	x := r.intn(total)
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// span is a range of values [lo, hi] chosen with a relative weight.
type span struct{ lo, hi, weight int }

// spanned draws a value from a mixture of uniform ranges.
func (r *rng) spanned(spans []span) int {
	total := 0
	for _, s := range spans {
		total += s.weight
	}
	x := r.intn(total)
	for _, s := range spans {
		if x < s.weight {
			return r.between(s.lo, s.hi)
		}
		x -= s.weight
	}
	return spans[0].lo
}

const idAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// randomID returns a Slack-like ID: prefix, "0", then 8 characters.
func randomID(r *rng, prefix byte) string {
	b := make([]byte, 10)
	b[0], b[1] = prefix, '0'
	for i := 2; i < len(b); i++ {
		b[i] = idAlphabet[r.intn(len(idAlphabet))]
	}
	return string(b)
}

// fileID returns the ID of the n-th file shared on day d of channel c:
// "F" and 9 base-36 characters, unique by construction (a bijection of the
// packed 46-bit (channel, day, n) scrambled by the seed).
func fileID(seed uint64, c, d, n int) string {
	const mask = 1<<46 - 1
	x := (uint64(c)&0x3FF)<<36 | (uint64(d)&0xFFFF)<<20 | uint64(n)&0xFFFFF
	x ^= seed & mask
	for range 3 {
		x ^= x >> 23
		x = (x * 0x2545F4914F6CDD1D) & mask
		x ^= x >> 17
		x = (x * 0x9E3779B97F4A7C15) & mask
	}
	b := make([]byte, 10)
	b[0] = 'F'
	for i := 9; i >= 1; i-- {
		b[i] = idAlphabet[x%36]
		x /= 36
	}
	return string(b)
}

// uuid formats a deterministic version-4-shaped UUID from two values.
func appendUUID(b []byte, a, c uint64) []byte {
	const hex = "0123456789abcdef"
	var s [32]byte
	for i := range 16 {
		s[i] = hex[a>>(60-4*i)&0xF]
		s[16+i] = hex[c>>(60-4*i)&0xF]
	}
	s[12] = '4'
	s[16] = "89ab"[c>>62]
	for i, x := range s {
		if i == 8 || i == 12 || i == 16 || i == 20 {
			b = append(b, '-')
		}
		b = append(b, x)
	}
	return b
}

// hexString returns n hexadecimal digits of h.
func hexString(h uint64, n int) string {
	s := strconv.FormatUint(h|1<<63, 16)
	return s[len(s)-n:]
}

// int63n returns a number in [0, n); 0 when n <= 0.
func (r *rng) int63n(n int64) int64 {
	if n <= 0 {
		return 0
	}
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int64(hi)
}
