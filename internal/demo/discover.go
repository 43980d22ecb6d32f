package demo

import (
	"context"
	"path/filepath"

	"praxis/bot/discover"
	"praxis/bot/discover/source"
	"praxis/bot/history"
)

// discover runs what `praxis discover export` does on the sample export
// and says in a line per community what it found, configured as the demo's
// communities already are.
func (d *demo) discover(ctx context.Context) error {
	exp, err := history.OpenExport(filepath.Join(d.Dir, "export"))
	if err != nil {
		return err
	}
	defer exp.Close()
	configured := map[string]string{}
	for _, c := range d.ws.Communities {
		for _, ch := range c.Channels {
			configured[ch] = c.Name
		}
	}
	r, err := source.Export(ctx, exp, configured)
	if err != nil {
		return err
	}
	res := discover.Find(r.Histories, r.Names)
	d.say("   `praxis discover export` finds the communities it already holds, from its public channels alone "+
		"(modularity %.2f):", res.Modularity)
	for _, c := range res.Communities {
		d.say("   - %s", discover.Brief(c, "en"))
	}
	return nil
}
