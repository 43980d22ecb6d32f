package nudge

import "testing"

func TestCatalogComplete(t *testing.T) {
	if p := catalog.Problems(); len(p) > 0 {
		t.Fatalf("catalog problems: %v", p)
	}
}
