// Package redact takes secrets out of text before it is logged or
// printed: the configured secret values (tokens, keys), and anything shaped
// like a credential (Slack tokens, API keys, Authorization headers,
// token=… parameters, passwords in URLs), wherever it comes from. Servers
// and proxies echo requests in their errors; an error is therefore also cut
// to a bounded length. Every logger of the program goes through Handler,
// and every error the CLI prints through Error, so that nothing bypasses
// it.
package redact

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Mark replaces what is redacted.
const Mark = "[REDACTED]"

// MaxError is the length, in bytes, beyond which an error's text is cut:
// an upstream body echoed in an error has no business in a log.
const MaxError = 2048

// minSecret is the shortest configured value that is redacted as such:
// shorter ones would take common words out of every line.
const minSecret = 6

// secretNames are the names of fields and parameters that hold a secret.
const secretNames = `(?:access_|refresh_|bot_|app_)?token|client_secret|signing_secret|secret|` +
	`api[_-]?key|password|passwd`

// credentials are the shapes of secrets, each with its replacement.
var credentials = []struct {
	re   *regexp.Regexp
	with string
}{
	// Slack tokens: bot, user, app-level, configuration and refresh
	// tokens (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xoxe.xoxp-, xapp-),
	// wherever they start: an echo may glue them to what precedes
	// (%22xoxb-… in a URL-encoded body).
	{regexp.MustCompile(`(xox[a-z](?:\.xox[a-z])?|xapp)-[A-Za-z0-9-]+`), "${1}-" + Mark},
	// OpenAI-style API keys (sk-…, sk-proj-…), not the end of a word
	// (desk-reservations).
	{regexp.MustCompile(`(^|[^A-Za-z])sk-[A-Za-z0-9_-]{8,}`), "${1}sk-" + Mark},
	// Authorization headers and their schemes, in any echo of them.
	{regexp.MustCompile(`(?i)\b(authorization["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?[^\s"',;}]+`),
		"${1}" + Mark},
	{regexp.MustCompile(`(?i)\b(bearer)(\s+)[A-Za-z0-9._~+/=-]{6,}`), "${1}${2}" + Mark},
	// Basic credentials are base64: a digit, +, / or = somewhere, which
	// "basic knowledge" has not.
	{regexp.MustCompile(`\b(Basic)(\s+)[A-Za-z0-9+/]*[0-9+/=][A-Za-z0-9+/=]*`), "${1}${2}" + Mark},
	// token=…, api_key=…, password=… in forms, query strings and logs.
	{regexp.MustCompile(`(?i)\b(` + secretNames + `)=[^&\s"',;]+`), "${1}=" + Mark},
	// The same as JSON fields.
	{regexp.MustCompile(`(?i)"(` + secretNames + `)"(\s*:\s*)"[^"]*"`), `"${1}"${2}"` + Mark + `"`},
	// Passwords in URLs: scheme://user:password@host.
	{regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^/\s:@]+:[^/\s@]+@`), "${1}" + Mark + "@"},
}

// Redactor redacts the credential shapes and a set of secret values. The
// zero value and a nil *Redactor redact the shapes only.
type Redactor struct {
	values []string // longest first, with their URL-encoded forms
}

// New returns a Redactor for these secret values (empty and very short
// ones are ignored).
func New(secrets ...string) *Redactor {
	r := &Redactor{}
	for _, s := range secrets {
		if len(s) < minSecret {
			continue
		}
		r.values = append(r.values, s)
		if q := url.QueryEscape(s); q != s {
			r.values = append(r.values, q)
		}
	}
	slices.SortFunc(r.values, func(a, b string) int { return len(b) - len(a) })
	r.values = slices.Compact(r.values)
	return r
}

// String returns s with every secret replaced by Mark.
func (r *Redactor) String(s string) string {
	if r != nil {
		for _, v := range r.values {
			s = strings.ReplaceAll(s, v, Mark)
		}
	}
	for _, c := range credentials {
		s = c.re.ReplaceAllString(s, c.with)
	}
	return s
}

// Error returns err with a redacted text cut to MaxError bytes; errors.Is
// and errors.As still see err. Nil stays nil.
func (r *Redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	if e, ok := err.(*redacted); ok { // redacted already: not wrapped twice
		return &redacted{text: cut(r.String(e.text)), err: e.err}
	}
	return &redacted{text: cut(r.String(err.Error())), err: err}
}

// redacted is an error whose text was redacted.
type redacted struct {
	text string
	err  error
}

func (e *redacted) Error() string { return e.text }
func (e *redacted) Unwrap() error { return e.err }

// cut shortens s to MaxError bytes at most, on a character boundary,
// saying how much was left out.
func cut(s string) string {
	if len(s) <= MaxError {
		return s
	}
	i := MaxError
	for i > 0 && !utf8Start(s[i]) {
		i--
	}
	return s[:i] + fmt.Sprintf("… (%d more bytes)", len(s)-i)
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
