package config

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Duration is a time.Duration written in the file as a Go duration string
// such as "30s", "15m" or "720h". Convert it with time.Duration(d).
type Duration time.Duration

// Std returns d as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// String formats d like time.Duration does.
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalText writes d as a Go duration string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// UnmarshalYAML reads a Go duration string. Errors are *yaml.TypeError so
// that decoding goes on and every problem of the file is reported.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	const fix = "write a Go duration such as 30s, 15m or 720h (units: ms, s, m, h)"
	if n.Kind != yaml.ScalarNode {
		return lineError(n.Line, "expected a duration, got "+kindName(n.Kind), fix)
	}
	s := strings.TrimSpace(n.Value)
	v, err := time.ParseDuration(s)
	if err == nil {
		*d = Duration(v)
		return nil
	}
	msg := fmt.Sprintf("invalid duration `%s`", shorten(n.Value))
	switch {
	case s != "" && strings.Trim(s, "0123456789") == "":
		return lineError(n.Line, msg+": no unit", fmt.Sprintf("add a unit, e.g. %ss or %sh", s, s))
	case len(s) > 1 && strings.HasSuffix(s, "d") && strings.Trim(s[:len(s)-1], "0123456789") == "":
		return lineError(n.Line, msg+": days are not a unit", "write days as hours, e.g. 30d is 720h")
	}
	return lineError(n.Line, msg, fix)
}

// fixSeparator joins a message and its fix inside a decoding error string.
const fixSeparator = " — fix: "

// lineError is a decoding error at a line, in the format yaml.v3 uses for
// its own type errors, carrying a fix.
func lineError(line int, msg, fix string) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s%s%s", line, msg, fixSeparator, fix)}}
}

// shorten keeps user values short in messages.
func shorten(s string) string {
	const max = 40
	if r := []rune(s); len(r) > max {
		return string(r[:max-3]) + "..."
	}
	return s
}

// kindName names a YAML node kind for messages.
func kindName(k yaml.Kind) string {
	switch k {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		return "a value"
	}
	return "nothing"
}
