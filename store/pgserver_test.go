package store

import (
	"context"
	"strings"
	"testing"

	"praxis/internal/pgtest"
)

// A database whose text does not order by its bytes is refused, with the
// statement that creates one that does.
func TestCheckCollation(t *testing.T) {
	for _, tc := range []struct {
		collate, provider string
		ok                bool
	}{
		{"C", "c", true},
		{"POSIX", "c", true},
		{"C.UTF-8", "b", true}, // PostgreSQL 17's builtin provider: by code point
		{"C.utf8", "c", false},
		{"en_US.UTF-8", "c", false},
		{"fr_FR.UTF-8", "c", false},
		{"C", "i", false}, // ICU: the provider decides, whatever datcollate says
	} {
		err := checkCollation(tc.collate, tc.provider)
		if tc.ok != (err == nil) {
			t.Errorf("%s (%s): got %v, want ok %v", tc.collate, tc.provider, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "LC_COLLATE 'C' LC_CTYPE 'C'") {
			t.Errorf("%s (%s): got %v, want the fix", tc.collate, tc.provider, err)
		}
	}
}

// OpenPostgres refuses a database of another collation before migrating
// it: the C library's C.utf8 (the one locale besides C and POSIX every
// cluster has), and ICU's when the server has it.
func TestOpenPostgresRefusesAnotherCollation(t *testing.T) {
	if !testOnPostgres {
		t.Skip("PostgreSQL's own: run with " + testStoreEnv + "=postgres")
	}
	for _, options := range []string{
		"TEMPLATE template0 LC_COLLATE 'C.utf8' LC_CTYPE 'C.utf8'",
		"TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'",
	} {
		t.Run(options, func(t *testing.T) {
			url := pgtest.DatabaseWith(t, options)
			s, err := OpenPostgres(context.Background(), url, Options{})
			if err == nil {
				s.Close()
				t.Fatal("got the database opened, want it refused")
			}
			if !strings.Contains(err.Error(), "not C") || !strings.Contains(err.Error(), "CREATE DATABASE") {
				t.Errorf("got %v, want the collation refused with the fix", err)
			}
		})
	}
}
