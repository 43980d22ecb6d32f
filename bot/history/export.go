// Package history gives Praxis its communities' past: it imports Slack
// workspace exports (zipped or not, Slack's layout or slackdump's) and
// back-fills what was posted while the bot was not listening. Both go
// through the same recorder as live events, so identities (channel + ts)
// and the rules for edits and deletions are the same everywhere.
package history

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Export is an opened Slack export. Nothing is extracted to disk: entries
// are read in place, so a hostile path ("../../etc") can do no harm, and it
// is reported and skipped.
type Export struct {
	name     string
	files    map[string]entry // clean relative name → content
	days     map[string][]string
	daysOnce sync.Once // days is built once, by whichever reader asks first
	closer   io.Closer
	lim      limits
	Insecure []string // entries skipped because their path leaves the export
}

// entry is a file of the export: how to read it, and the size it declares.
type entry struct {
	open func() (io.ReadCloser, error)
	size uint64
}

// OpenExport opens a Slack export: a .zip file or a directory.
func OpenExport(p string) (*Export, error) {
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("open export: there is no file or folder %s: give %s", p, exportWanted)
	}
	if err != nil {
		return nil, fmt.Errorf("open export: %w", err)
	}
	if fi.IsDir() {
		return openDir(p)
	}
	if strings.EqualFold(filepath.Ext(p), ".json") {
		return nil, fmt.Errorf("open export: %s is one file of an export: give %s", p, exportWanted)
	}
	return openZip(p)
}

// exportWanted is what OpenExport needs, for the errors that say so.
const exportWanted = "the whole Slack export: the .zip file Slack sends, or the folder it unzips to " +
	"(the one holding channels.json)"

func openZip(p string) (*Export, error) {
	r, err := zip.OpenReader(p)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("open export %s: not a readable zip archive (truncated or corrupt?): %w",
			filepath.Base(p), err)
	}
	e := &Export{name: filepath.Base(p), files: map[string]entry{}, closer: r, lim: defaultLimits}
	for _, f := range r.File {
		if f.FileInfo().IsDir() {
			continue
		}
		name := strings.ReplaceAll(f.Name, `\`, "/")
		if !fs.ValidPath(name) {
			e.Insecure = append(e.Insecure, f.Name)
			continue
		}
		e.files[name] = entry{open: f.Open, size: f.UncompressedSize64}
	}
	return e.rooted()
}

func openDir(root string) (*Export, error) {
	e := &Export{name: filepath.Base(root), files: map[string]entry{}, lim: defaultLimits}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil // directories, and symlinks that could point outside
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		e.files[filepath.ToSlash(rel)] = entry{
			open: func() (io.ReadCloser, error) { return os.Open(p) },
			size: uint64(fi.Size()),
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("open export %s: %w", root, err)
	}
	return e.rooted()
}

// rooted strips a single top folder when the export was zipped with one
// ("my-export/channels.json"), and checks that this is an export at all.
func (e *Export) rooted() (*Export, error) {
	if _, ok := e.files["channels.json"]; ok {
		return e, nil
	}
	for name := range e.files {
		if dir, base := path.Split(name); base == "channels.json" && strings.Count(dir, "/") == 1 {
			stripped := map[string]entry{}
			for n, o := range e.files {
				if rest, ok := strings.CutPrefix(n, dir); ok {
					stripped[rest] = o
				}
			}
			e.files = stripped
			return e, nil
		}
	}
	e.Close()
	return nil, fmt.Errorf("open export %s: no channels.json: this is not a Slack workspace export", e.name)
}

// Close releases the archive.
func (e *Export) Close() error {
	if e.closer != nil {
		return e.closer.Close()
	}
	return nil
}

// Open reads one entry of the export, failing past limits.entry bytes
// (before reading when the entry declares as much).
func (e *Export) Open(name string) (io.ReadCloser, error) {
	f, ok := e.files[name]
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	if f.size > uint64(e.lim.entry) {
		return nil, entryTooLarge(f.size, e.lim.entry)
	}
	r, err := f.open()
	if err != nil {
		return nil, err
	}
	return &boundedEntry{ReadCloser: r, left: e.lim.entry}, nil
}

// Has reports whether the export holds an entry.
func (e *Export) Has(name string) bool { _, ok := e.files[name]; return ok }

// DayFiles lists a channel folder's YYYY-MM-DD.json files in date order.
func (e *Export) DayFiles(folder string) []string {
	e.daysOnce.Do(func() { // once: an export may hold many folders and files
		e.days = map[string][]string{}
		for name := range e.files {
			if dir, base := path.Split(name); dir != "" && isDayFile(base) {
				e.days[dir] = append(e.days[dir], name)
			}
		}
		for _, files := range e.days {
			sort.Strings(files)
		}
	})
	return e.days[folder+"/"]
}

func isDayFile(base string) bool {
	if len(base) != len("2006-01-02.json") || !strings.HasSuffix(base, ".json") {
		return false
	}
	for i, r := range base[:10] {
		if i == 4 || i == 7 {
			if r != '-' {
				return false
			}
		} else if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
