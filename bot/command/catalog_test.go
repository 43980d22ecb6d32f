package command

import "testing"

// TestCatalogComplete checks that every sentence exists in every language
// with the same placeholders in the same order.
func TestCatalogComplete(t *testing.T) {
	for _, p := range catalog.Problems() {
		t.Error(p)
	}
}

func TestStripMention(t *testing.T) {
	for in, want := range map[string]string{
		"<@UPRAXIS> status": "status", "  help ": "help", "<@U1>": "", "status <@U2>": "status <@U2>",
	} {
		if got := stripMention(in); got != want {
			t.Errorf("stripMention(%q) = %q, want %q", in, got, want)
		}
	}
}
