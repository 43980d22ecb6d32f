package pgtest

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// TestDatabase checks that each test gets a database of its own, empty,
// writable, and dropped when the test ends.
func TestDatabase(t *testing.T) {
	ctx := context.Background()
	var first string
	t.Run("first", func(t *testing.T) {
		first = Database(t)
		conn, err := pgx.Connect(ctx, first)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `CREATE TABLE t (v text)`); err != nil {
			t.Fatal(err)
		}
	})
	second := Database(t)
	if second == first {
		t.Fatalf("got %s twice, want a database per test", second)
	}
	conn, err := pgx.Connect(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE tablename = 't'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("got %d tables t, %v; want an empty database", n, err)
	}
	var gone bool
	u, err := url.Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	err = conn.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`,
		strings.TrimPrefix(u.Path, "/")).Scan(&gone)
	if err != nil || !gone {
		t.Fatalf("got dropped %v, %v; want the first test's database dropped", gone, err)
	}
}
