package llm

import (
	"math"
	"time"

	"github.com/sashabaranov/go-openai"
)

// budget is a UTC day's token allowance. A call holds its expected cost
// while in flight, then is charged what the server reports.
type budget struct {
	limit  int
	day    time.Time // midnight UTC of the day counted
	spent  int       // tokens charged today
	held   int       // expected cost of the calls in flight
	warned bool      // running out was logged today

	// bytes sent and the prompt tokens the server counted for them: what a
	// byte costs with this model's tokenizer.
	bytes, promptTokens int
}

// hold is a call's reservation.
type hold struct {
	day    time.Time
	tokens int
}

// turn starts a new day's count when the UTC date has changed.
func (b *budget) turn(now time.Time) {
	if day := now.UTC().Truncate(24 * time.Hour); !day.Equal(b.day) {
		b.day, b.spent, b.held, b.warned = day, 0, 0, false
	}
}

// expect estimates a request's cost: its size in bytes times the prompt
// tokens per byte reported so far (a third before any report, which is
// generous for English and French), plus the tokens the answer may use.
func (b *budget) expect(size, maxTokens int) int {
	perByte := 1.0 / 3
	if b.bytes > 0 && b.promptTokens > 0 {
		perByte = float64(b.promptTokens) / float64(b.bytes)
	}
	return int(math.Ceil(float64(size)*perByte)) + maxTokens
}

// take holds a call's expected cost, unless it would not fit today.
func (b *budget) take(now time.Time, size, maxTokens int) (hold, bool) {
	b.turn(now)
	n := b.expect(size, maxTokens)
	if b.spent+b.held+n > b.limit {
		return hold{}, false
	}
	b.held += n
	return hold{day: b.day, tokens: n}, true
}

// settle releases h (unless the day has turned since, which released it)
// and charges the usage reported; an answer without usage is charged its
// estimate, a call without an answer nothing.
func (b *budget) settle(now time.Time, h hold, u openai.Usage, answered bool, size int) {
	b.turn(now)
	if h.day.Equal(b.day) {
		b.held -= h.tokens
	}
	used := u.TotalTokens
	if used == 0 {
		used = u.PromptTokens + u.CompletionTokens
	}
	if used == 0 && answered {
		used = h.tokens
	}
	b.spent += used
	if u.PromptTokens > 0 {
		b.bytes += size
		b.promptTokens += u.PromptTokens
	}
}
