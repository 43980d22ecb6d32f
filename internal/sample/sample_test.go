package sample

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

func TestDefaults(t *testing.T) {
	w := New(Options{})
	o := w.Options
	want := Options{
		Members:     80,
		Communities: 4,
		Channels:    6,
		Messages:    6000,
		End:         time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Days:        180,
	}
	if o != want {
		t.Errorf("options = %+v, want %+v", o, want)
	}
	humans, bots, deleted := 0, 0, 0
	for _, u := range w.Users {
		if u.IsBot {
			bots++
		} else {
			humans++
		}
		if u.Deleted {
			deleted++
		}
	}
	if deleted == 0 {
		t.Error("no deleted member")
	}
	if humans != 80 || bots < 1 || bots > 4 {
		t.Errorf("got %d members and %d bots, want 80 and a couple", humans, bots)
	}
	if len(w.Channels) != 6 || len(w.Communities) != 4 {
		t.Fatalf("got %d channels and %d communities, want 6 and 4", len(w.Channels), len(w.Communities))
	}
	langs := map[string]int{}
	for _, c := range w.Communities {
		langs[c.Language]++
		if n := len(c.Channels); n < 1 || n > 3 {
			t.Errorf("community %s has %d channels, want 1 to 3", c.Name, n)
		}
		if len(c.Facilitators) == 0 || len(c.Experts) == 0 || len(c.Specialists) < len(c.Experts) || len(c.Topics) < 5 {
			t.Errorf("community %s: %d facilitators, %d experts, %d specialists, %d topics", c.Name,
				len(c.Facilitators), len(c.Experts), len(c.Specialists), len(c.Topics))
		}
	}
	if langs["en"] != 2 || langs["fr"] != 2 {
		t.Errorf("languages %v, want half English, half French", langs)
	}
	big := New(Options{Channels: 50, Members: 1000})
	if len(big.Channels) != 50 || len(big.Communities) != 17 {
		t.Errorf("50 channels: got %d channels in %d communities, want 50 in 17", len(big.Channels), len(big.Communities))
	}
	names := map[string]bool{}
	for _, c := range big.Channels {
		if names[c.Name] {
			t.Errorf("channel name %s used twice", c.Name)
		}
		names[c.Name] = true
	}
}

func TestDeterministic(t *testing.T) {
	opts := Options{Seed: 42, Messages: 2000, Days: 60}
	dir1, st1 := writeDir(t, New(opts))
	dir2, st2 := writeDir(t, New(opts))
	if st1 != st2 {
		t.Errorf("stats differ: %+v, %+v", st1, st2)
	}
	a, b := treeFiles(t, dir1), treeFiles(t, dir2)
	if len(a) != len(b) {
		t.Fatalf("got %d and %d files", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	var z1, z2 bytes.Buffer
	zst, err := New(opts).WriteZip(&z1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(opts).WriteZip(&z2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(z1.Bytes(), z2.Bytes()) {
		t.Error("two zips of the same workspace differ")
	}
	if zst != st1 {
		t.Errorf("zip stats %+v, dir stats %+v", zst, st1)
	}
	zr, err := zip.NewReader(bytes.NewReader(z1.Bytes()), int64(z1.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(a) {
		t.Errorf("zip has %d files, dir %d", len(zr.File), len(a))
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(data, a[f.Name]) {
			t.Errorf("zip entry %s differs from the dir's file", f.Name)
		}
	}
	other, _ := writeDir(t, New(Options{Seed: 43, Messages: 2000, Days: 60}))
	if bytes.Equal(treeFiles(t, other)["users.json"], a["users.json"]) {
		t.Error("another seed gives the same users")
	}
}

// TestDayIndependent checks that any day file can be generated on its own.
func TestDayIndependent(t *testing.T) {
	for _, slackdump := range []bool{false, true} {
		w := New(Options{Seed: 3, Messages: 3000, Days: 40, SlackdumpLayout: slackdump})
		dir, _ := writeDir(t, w)
		files := treeFiles(t, dir)
		for c := range w.Channels {
			for _, d := range []int{0, 1, 5, 17, 39} {
				name := w.Channels[c].Name + "/" + unixDate(w.start+int64(d)*day, "2006-01-02") + ".json"
				if got := w.dayFile(c, d); !bytes.Equal(got, files[name]) {
					t.Errorf("slackdump=%v %s: generated alone, %d bytes; in the export, %d",
						slackdump, name, len(got), len(files[name]))
				}
			}
		}
	}
}

func TestLanguages(t *testing.T) {
	w := New(Options{Seed: 5, Messages: 3000, Days: 60})
	dir, _ := writeDir(t, w)
	x := readExport(t, dir)
	lang := map[string]string{}
	for _, c := range w.Channels {
		for _, cm := range w.Communities {
			if cm.Name == c.Community {
				lang[c.Name] = cm.Language
			}
		}
	}
	french := map[string][2]int{} // language → messages with French marks, messages
	x.each(func(folder string, d *xDay, m *xMsg) {
		if m.Subtype == "channel_join" || m.Subtype == "bot_message" || m.Text == "" {
			return
		}
		n := french[lang[folder]]
		n[1]++
		accented := strings.ContainsAny(m.Text, "éèàçêùô")
		if accented || strings.Contains(m.Text, " ?") || strings.Contains(m.Text, "merci") {
			n[0]++
		}
		french[lang[folder]] = n
	})
	if fr := french["fr"]; fr[0]*100 < fr[1]*60 {
		t.Errorf("French communities: %d of %d messages look French", fr[0], fr[1])
	}
	if en := french["en"]; en[0]*100 > en[1]*5 {
		t.Errorf("English communities: %d of %d messages look French", en[0], en[1])
	}
}
