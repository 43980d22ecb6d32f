package config

import (
	"archive/zip"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

var writeZones = flag.Bool("write-zones", false, "rewrite zones.txt from $GOROOT/lib/time/zoneinfo.zip")

// TestZoneNames checks that every zone suggested loads, and that the list
// is Go's: the names of the zoneinfo.zip time/tzdata is made from, when
// the toolchain's copy is at hand (go test -write-zones rewrites it).
func TestZoneNames(t *testing.T) {
	for _, z := range zones() {
		if _, err := loadLocation(z); err != nil {
			t.Errorf("zones.txt lists %q, which does not load: %v", z, err)
		}
	}
	r, err := zip.OpenReader(filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Skipf("no zoneinfo.zip to compare with: %v", err)
	}
	defer r.Close()
	var names []string
	for _, f := range r.File {
		if !strings.HasSuffix(f.Name, "/") {
			names = append(names, f.Name)
		}
	}
	slices.Sort(names)
	if *writeZones {
		if err := os.WriteFile("zones.txt", []byte(strings.Join(names, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !slices.Equal(names, zones()) {
		t.Fatalf("zones.txt lists %d zones, Go's zoneinfo.zip %d: go test -run TestZoneNames -write-zones",
			len(zones()), len(names))
	}
}

func TestSuggestZone(t *testing.T) {
	for name, want := range map[string]string{
		"America/Los_Angles":  "America/Los_Angeles",
		"america/los_angeles": "America/Los_Angeles",
		"Paris":               "Europe/Paris",
		"Pariss":              "Europe/Paris",
		"Europe/Pariss":       "Europe/Paris",
		"New York":            "America/New_York",
		"Mars/Olympus":        "",
		"Local":               "",
	} {
		if got := suggestZone(name); got != want {
			t.Errorf("suggestZone(%q) = %q, want %q", name, got, want)
		}
		if _, err := time.LoadLocation(want); err != nil {
			t.Errorf("%q does not load: %v", want, err)
		}
	}
}
