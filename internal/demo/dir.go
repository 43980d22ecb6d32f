package demo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// leftFiles are what a demo leaves in its folder (see Run); a demo run
// again in the same folder replaces them.
var leftFiles = []string{"export", "praxis.db", "praxis.db-wal", "praxis.db-shm", "praxis.yaml", "praxis.log",
	"report.html"}

// prepareDir makes dir ready for a demo that starts clean: created when
// missing, an earlier demo's files removed (its database would otherwise
// hold two runs' worth, and the story would not be the one told). A folder
// holding anything else is refused: the demo deletes only its own files.
func prepareDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return fmt.Errorf("demo folder: %w", err)
	}
	for _, e := range entries {
		if !slices.Contains(leftFiles, e.Name()) {
			return fmt.Errorf("demo folder %s holds %s, which is not a demo's: give a new or empty folder "+
				"(or leave out --dir for a temporary one)", dir, e.Name())
		}
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("demo folder: remove the earlier demo: %w", err)
		}
	}
	return nil
}
