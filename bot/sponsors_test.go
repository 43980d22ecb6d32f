package bot

import (
	"slices"
	"testing"
)

func TestSponsors(t *testing.T) {
	cs := []Community{{Name: "a", Sponsors: []string{"U2", "U1"}}, {Name: "b"},
		{Name: "c", Sponsors: []string{"U2", "U3"}}}
	d := NewDirectory(cs, Community{Sponsors: []string{"U1"}}, nil)
	if got, want := d.Sponsors(), []string{"U1", "U2", "U3"}; !slices.Equal(got, want) {
		t.Errorf("Sponsors() = %v, want %v", got, want)
	}
	names := func(cs []Community) (out []string) {
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return out
	}
	for member, want := range map[string][]string{"U1": {"a", "b", "c"}, "U2": {"a", "c"}, "U3": {"c"}, "U4": nil} {
		if got := names(d.Sponsored(member)); !slices.Equal(got, want) {
			t.Errorf("Sponsored(%s) = %v, want %v", member, got, want)
		}
	}
}
