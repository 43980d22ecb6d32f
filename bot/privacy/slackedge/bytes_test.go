package slackedge

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"praxis/internal/dbbytes"
	"praxis/store/terms"
)

// aliceBytes are what only alice wrote or is in writeExport: a word, the
// full-text index's term for it (lower case: not the word as she wrote
// it), her link's label, her names.
func aliceBytes(t *testing.T) []string {
	t.Helper()
	term := terms.Index("Zebrakms")
	if term == "" || strings.Contains("Zebrakms", term) {
		t.Fatalf("got term %q: want one the raw text does not hold", term)
	}
	return []string{"Zebrakms", term, "Keyrotationbook", "Alice Martin", "Alicewonder"}
}

// holding is what `strings` finds of the markers in the world's database
// files.
func (w *world) holding(t *testing.T, markers ...string) []string {
	t.Helper()
	found, err := dbbytes.Holding(w.path, markers...)
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// erased waits until none of the markers is in the database's files: the
// store scrubs in the background after the data path erased something.
func (w *world) erased(t *testing.T, when string, markers []string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		found := w.holding(t, markers...)
		if len(found) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s, the database's bytes still hold:\n%s", when, strings.Join(found, "\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// /praxis forget erases alice's bytes, not only her rows; a re-import of
// the same export and live events carrying her old words (an edit, a
// redelivery) do not bring them back into the file.
func TestForgetErasesTheBytes(t *testing.T) {
	w := newWorld(t, 0)
	dir := writeExport(t)
	importExport(t, w, dir)
	alice := aliceBytes(t)
	if found := w.holding(t, alice...); len(found) != len(alice) {
		t.Fatalf("before: found only %v: the test would prove nothing", found)
	}
	id := w.command(t, "U01", "C01", "forget")
	_, m := w.out(t, "reply:"+id)
	w.click(t, "U01", "C01", ActionForget, confirmValue(t, m))
	w.erased(t, "after /praxis forget", alice)

	importExport(t, w, dir)
	w.erased(t, "after a re-import", alice)

	w.feed(t,
		fmt.Sprintf(`{"type":"event_callback","event_id":"EvE","event":{"type":"message","subtype":"message_changed",`+
			`"channel":"C01","ts":%q,"message":{"user":"U01","text":"Zebrakms edited","ts":%q,"edited":{"user":"U01",`+
			`"ts":%q}}}}`,
			ts(30), ts(0), ts(30)),
		fmt.Sprintf(`{"type":"event_callback","event_id":"EvR","event":{"type":"message","channel":"C01","user":"U01",`+
			`"text":"how do we rotate the Zebrakms keys?","ts":%q}}`, ts(0)),
	)
	w.erased(t, "after live events of hers", alice)
	if found := w.holding(t, "quokka", "Bob Durand"); len(found) == 0 {
		t.Error("bob's words and name are gone too")
	}
	if hits, _ := w.st.Search(context.Background(), "quokka", 5); len(hits) != 1 {
		t.Errorf("got %d hits for bob's words, want his answer", len(hits))
	}
}
