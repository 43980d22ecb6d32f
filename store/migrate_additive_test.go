package store

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// breakingMigrations are the PostgreSQL migrations that are not additive,
// by version, with why. A rolling upgrade across one would leave replicas
// of the previous release running statements the new schema refuses, so
// such an upgrade stops every replica first (docs/operations.md, "Upgrades
// and migrations").
// None so far: 0017 creates the whole schema, and every later one adds.
var breakingMigrations = map[int]string{}

// TestPostgresMigrationsAreAdditive holds every PostgreSQL migration but
// those listed as breaking to what a replica of the previous release can
// run beside: new tables, new columns with a default, new indexes, data
// filled in; nothing dropped, renamed or retyped, no new constraint on
// existing rows.
func TestPostgresMigrationsAreAdditive(t *testing.T) {
	for v, name := range migrationNames(t, pgMigrationFiles, "migrations_pg") {
		body, err := fs.ReadFile(pgMigrationFiles, "migrations_pg/"+name)
		if err != nil {
			t.Fatal(err)
		}
		why := nonAdditive(string(body))
		switch _, listed := breakingMigrations[v]; {
		case len(why) > 0 && !listed:
			t.Errorf("migrations_pg/%s is not additive (%s): make it so, or list it in breakingMigrations "+
				"with why, and say in docs/operations.md that upgrading across it stops every replica",
				name, strings.Join(why, "; "))
		case len(why) == 0 && listed:
			t.Errorf("migrations_pg/%s is additive: remove it from breakingMigrations", name)
		}
	}
}

// TestNonAdditiveCatches shows the check above on statements of each kind.
func TestNonAdditiveCatches(t *testing.T) {
	for _, tc := range []struct {
		sql  string
		want []string
	}{
		{"CREATE TABLE t (id BIGINT PRIMARY KEY, k TEXT NOT NULL);\nCREATE UNIQUE INDEX t_k ON t(k);", nil},
		{"ALTER TABLE members ADD COLUMN team TEXT NOT NULL DEFAULT '';\nCREATE INDEX m_t ON members(team);", nil},
		{"-- DROP TABLE x; in a comment\nUPDATE members SET team = 'a' WHERE team = '';", nil},
		{"DROP TABLE digest_prefs;", []string{"drops something"}},
		{"DROP TRIGGER a ON t;\nDROP FUNCTION f();\nCREATE FUNCTION f() RETURNS trigger AS $$ $$;\n" +
			"CREATE TRIGGER b AFTER INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION f();", nil},
		{"DROP FUNCTION f();\nCREATE FUNCTION g() RETURNS trigger AS $$ $$;", []string{"drops something"}},
		{"DROP TRIGGER a ON t;\nCREATE TRIGGER b AFTER INSERT ON u FOR EACH ROW EXECUTE FUNCTION f();",
			[]string{"drops something"}},
		{"ALTER TABLE digest_prefs_new RENAME TO digest_prefs;", []string{"renames something"}},
		{"ALTER TABLE members ALTER COLUMN team TYPE BIGINT USING 0;", []string{"changes a column"}},
		{"ALTER TABLE members ADD COLUMN site TEXT NOT NULL;", []string{"adds a NOT NULL column without a default"}},
		{"CREATE UNIQUE INDEX m_site ON members(site);", []string{"adds a unique index to existing rows"}},
		{"ALTER TABLE members ADD CONSTRAINT c CHECK (site <> '');", []string{"adds a constraint to existing rows"}},
	} {
		if got := nonAdditive(tc.sql); !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.sql, got, tc.want)
		}
	}
}

// replaced leaves out of sql the triggers and functions it drops and
// creates again: a function the store calls keeps its name (a replica of the
// previous release still finds it), and a table's triggers, which no
// statement names, are replaced by others on the same table.
func replaced(sql string) string {
	for _, m := range droppedTrigger.FindAllStringSubmatch(sql, -1) {
		if regexp.MustCompile(`(?is)\bCREATE\s+TRIGGER\s+\w+\b[^;]*?\bON\s+` + m[2] + `\b`).MatchString(sql) {
			sql = strings.Replace(sql, m[0], "", 1)
		}
	}
	for _, m := range droppedFunction.FindAllStringSubmatch(sql, -1) {
		if regexp.MustCompile(`(?i)\bCREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+` + m[1] + `\s*\(`).MatchString(sql) {
			sql = strings.Replace(sql, m[0], "", 1)
		}
	}
	return sql
}

var (
	droppedTrigger  = regexp.MustCompile(`(?i)\bDROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(\w+)\s+ON\s+(\w+)`)
	droppedFunction = regexp.MustCompile(`(?i)\bDROP\s+FUNCTION\s+(?:IF\s+EXISTS\s+)?(\w+)`)
	sqlComment      = regexp.MustCompile(`--[^\n]*`)
	createdTable    = regexp.MustCompile(`(?i)\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)`)
	uniqueIndexOn   = regexp.MustCompile(`(?i)\bCREATE\s+UNIQUE\s+INDEX\b[^;]*?\bON\s+(\w+)`)
	addedColumn     = regexp.MustCompile(`(?i)\bADD\s+COLUMN\b[^,;]*`)
	nonAdditiveSQL  = []struct {
		re  *regexp.Regexp
		why string
	}{
		{regexp.MustCompile(`(?i)\bDROP\b`), "drops something"},
		{regexp.MustCompile(`(?i)\bRENAME\b`), "renames something"},
		{regexp.MustCompile(`(?i)\bALTER\s+COLUMN\b`), "changes a column"},
		{regexp.MustCompile(`(?i)\bADD\s+(?:CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)\b`),
			"adds a constraint to existing rows"},
		{regexp.MustCompile(`(?i)\bTRUNCATE\b`), "empties a table"},
	}
)

// nonAdditive says what in a migration a replica of the previous release
// could trip on; nothing when it is additive.
func nonAdditive(sql string) []string {
	sql = replaced(sqlComment.ReplaceAllString(sql, ""))
	var why []string
	for _, n := range nonAdditiveSQL {
		if n.re.MatchString(sql) {
			why = append(why, n.why)
		}
	}
	for _, col := range addedColumn.FindAllString(sql, -1) {
		up := strings.ToUpper(col)
		if strings.Contains(up, "NOT NULL") && !strings.Contains(up, "DEFAULT") {
			why = append(why, "adds a NOT NULL column without a default")
		}
	}
	created := map[string]bool{}
	for _, m := range createdTable.FindAllStringSubmatch(sql, -1) {
		created[strings.ToLower(m[1])] = true
	}
	for _, m := range uniqueIndexOn.FindAllStringSubmatch(sql, -1) {
		if !created[strings.ToLower(m[1])] {
			why = append(why, "adds a unique index to existing rows")
		}
	}
	return slices.Compact(why)
}
