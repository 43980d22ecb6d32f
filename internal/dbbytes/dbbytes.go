// Package dbbytes lets tests look at a SQLite database as `strings
// praxis.db` would: the raw bytes of the file, its write-ahead log and its
// shared memory, whatever SQL says is stored.
package dbbytes

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Holding returns, for each of the database's files (path, path-wal,
// path-shm) and each marker it holds, "file: marker"; nothing when none
// does. A file that does not exist holds nothing.
func Holding(path string, markers ...string) ([]string, error) {
	var found []string
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + suffix)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, m := range markers {
			if bytes.Contains(b, []byte(m)) {
				found = append(found, filepath.Base(path)+suffix+": "+m)
			}
		}
	}
	return found, nil
}
