package slackedge

import (
	"encoding/json"
	"testing"

	"praxis/bot"
	"praxis/bot/digest"
	"praxis/bot/digest/digesttest"
	"praxis/internal/golden"
)

// The rendered digest, in English and French, as Block Kit with its
// buttons (its text is bot/digest's: TestRender there).
func TestBlocks(t *testing.T) {
	w := digesttest.NewWorld(t, weekTo)
	w.Seed()
	opts := digest.Options{Directory: w.Directory(digesttest.Community(8)), TeamURL: "https://acme.slack.com"}
	r := digest.NewReader(w.St, bot.Deps{}, opts)
	for _, member := range []string{"U1", "U4"} { // en-US, fr-FR
		d, err := r.Build(w.Ctx, member, weekFrom, weekTo)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.MarshalIndent(Blocks(d, "daily"), "", "  ")
		golden.Check(t, "digest_"+d.Lang+".json", string(raw)+"\n")
	}
}

func TestCatalogComplete(t *testing.T) {
	for _, p := range catalog.Problems() {
		t.Error(p)
	}
}
