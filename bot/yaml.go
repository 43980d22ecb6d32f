package bot

import (
	"encoding/json"
	"strings"
)

// YAMLString quotes s for a configuration Praxis writes (the demo's, the
// one `praxis discover --out` proposes): a JSON string is a valid YAML
// double-quoted scalar, so no name, newline or `#` can break out of it.
func YAMLString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// YAMLList is a YAML flow sequence of quoted strings: ["a", "b"].
func YAMLList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = YAMLString(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
