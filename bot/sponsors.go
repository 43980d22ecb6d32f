package bot

import "slices"

// Sponsors returns every sponsor, the workspace's first then each
// community's in the configuration's order, each once: who the sponsors'
// report goes to.
func (d *Directory) Sponsors() []string {
	out := slices.Clone(d.fallback.Sponsors)
	for _, c := range d.Communities() {
		for _, s := range c.Sponsors {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Sponsored returns the communities whose sponsors' report member gets, in
// the configuration's order: every one for a sponsor of the workspace,
// else those that name them; none for a member who sponsors nothing.
func (d *Directory) Sponsored(member string) []Community {
	all := slices.Contains(d.fallback.Sponsors, member)
	var out []Community
	for _, c := range d.Communities() {
		if all || slices.Contains(c.Sponsors, member) {
			out = append(out, c)
		}
	}
	return out
}
