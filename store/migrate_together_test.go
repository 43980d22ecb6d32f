package store

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"praxis/internal/pgtest"
)

// TestReplicasMigrateTogether opens one empty database from several stores
// at once, as replicas starting together do: each opens, and the schema is
// migrated once. On PostgreSQL two creating schema_migrations at the same
// instant made one fail (a catalog's unique key) before the table was
// created under the write lock.
func TestReplicasMigrateTogether(t *testing.T) {
	const rounds, replicas = 6, 4
	for round := range rounds {
		url := filepath.Join(t.TempDir(), "praxis.db")
		if testOnPostgres {
			url = pgtest.Database(t)
		}
		versions := make([]int, replicas)
		var wg sync.WaitGroup
		for i := range replicas {
			wg.Go(func() {
				s, err := openAt(url)
				if err != nil {
					t.Errorf("round %d, replica %d: %v", round, i, err)
					return
				}
				defer s.Close()
				if versions[i], err = s.SchemaVersion(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		for i, v := range versions {
			if v != versions[0] {
				t.Errorf("round %d: replica %d sees schema version %d, replica 0 %d", round, i, v, versions[0])
			}
		}
	}
}

// openAt opens the database under test at url (a file path on SQLite).
func openAt(url string) (*Store, error) {
	if testOnPostgres {
		return OpenPostgres(context.Background(), url, Options{})
	}
	return Open(context.Background(), url, Options{})
}
