package config

import (
	_ "embed"
	"path"
	"strings"
	"sync"
)

// zoneList is every time zone name Go's own database (time/tzdata, which
// this package embeds) knows, one a line: the names of
// $GOROOT/lib/time/zoneinfo.zip, which TestZoneNames keeps in step. Go
// offers no way to list them at run time, and a host's zoneinfo may be
// absent.
//
//go:embed zones.txt
var zoneList string

// zones returns the zone names, read once.
var zones = sync.OnceValue(func() []string { return strings.Fields(zoneList) })

// suggestZone returns the zone name an unknown one was probably meant to
// be: a typo of a whole name ("America/Los_Angles"), or a city alone or
// misspelt ("Paris", "Pariss"), which names the zone of that city. ""
// when nothing is close.
func suggestZone(name string) string {
	all := zones()
	if s := suggest(name, all); s != "" {
		return s
	}
	city := strings.ToLower(path.Base(name))
	cities := make([]string, 0, len(all))
	byCity := make(map[string]string, len(all))
	for _, z := range all {
		c := strings.ToLower(path.Base(z))
		if _, dup := byCity[c]; !dup && strings.Contains(z, "/") {
			byCity[c] = z
			cities = append(cities, c)
		}
	}
	return byCity[suggest(city, cities)]
}
