package terms

import (
	"strings"
	"testing"
)

// TSQuery writes what Query writes, in tsquery's syntax.
func TestTSQueryIsQueryForPostgreSQL(t *testing.T) {
	syn := map[string][]string{"deploy": {"release", "roll out"}}
	toTS := strings.NewReplacer(`"`, `'`, " OR ", " | ", " AND ", " & ")
	for _, text := range []string{"rotation", "déploiements du vendredi", "the", "型クラス k8s", "deploy now"} {
		if got, want := TSQuery(text, syn), toTS.Replace(Query(text, syn)); got != want {
			t.Errorf("%q: got %s, want %s", text, got, want)
		}
	}
	if got, want := quoteLexeme(`it's a\b`), `'it''s a\\b'`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
