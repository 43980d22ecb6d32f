package config

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestUnknownKeysAgreeWithKnownFields checks the key walker against
// yaml.v3's own KnownFields, which also lists every unknown key (but
// without key paths or suggestions, and it stops at the first duplicate key
// of a mapping).
func TestUnknownKeysAgreeWithKnownFields(t *testing.T) {
	doc := `slack:
  mode: socket
  moed: http
database: {path: x.db, pth: y}
admin:
  listen: ":1"
  extra:
    deep: 1
communities:
  - name: A
    channels: [C0123ABC]
    digest: {hour: 9, hours: 10}
    rituals:
      - kind: custom
        text: hi
        schedule: 0 9 * * MON
        scheduel: x
`
	var want []int
	dec := yaml.NewDecoder(bytes.NewReader([]byte(doc)))
	dec.KnownFields(true)
	var terr *yaml.TypeError
	if err := dec.Decode(Default()); !errors.As(err, &terr) {
		t.Fatalf("KnownFields: %v", err)
	}
	for _, e := range terr.Errors {
		if strings.Contains(e, "not found in type") {
			want = append(want, (&source{}).decodeProblem(e).Line)
		}
	}
	_, err := Parse([]byte(doc), "c.yaml", env(socketEnv))
	var probs Problems
	errors.As(err, &probs)
	var got []int
	for _, p := range probs {
		if strings.HasPrefix(p.Message, "unknown key") {
			got = append(got, p.Line)
		}
	}
	if !slices.Equal(got, want) || len(got) != 5 {
		t.Errorf("unknown keys at lines %v, yaml.v3 KnownFields says %v:\n%v", got, want, err)
	}
}
