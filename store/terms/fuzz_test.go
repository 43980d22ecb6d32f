package terms

import (
	"database/sql"
	"strings"
	"testing"
	"unicode/utf8"

	_ "modernc.org/sqlite"
)

var corpus = []string{
	"How do we rotate the TLS certificates on the staging k8s cluster? <@U0123ABC> any runbook?",
	"Comment fait-on la rotation des certificats sur le cluster de recette ? " +
		"J'ai cherché dans le wiki sans succès :thinking_face:",
	"We rotated them last week, see <https://wiki.example.com/runbooks/tls|the TLS runbook>. " +
		"It's mostly cert-manager now.",
	"Les déploiements sont bloqués depuis ce matin, quelqu'un a une idée ? " +
		"Le pipeline échoue à l'étape des tests d'intégration.",
	"```kubectl rollout restart deployment/api -n prod```\nthat fixed it for us &amp; the alerts stopped",
	"Merci <@U0456DEF> ! C'était bien un problème de quota sur le bucket S3, c'est réglé :white_check_mark:",
	"Reminder: the security guild meets Thursday 14:00 UTC in <#C0789|sec-guild>, " +
		"agenda: OAuth2 token lifetimes, SSO rollout.",
	"Est-ce que quelqu'un a déjà migré une base PostgreSQL 12 vers 16 avec pg_upgrade ? " +
		"Combien de temps d'indisponibilité ?",
	"Running the load tests again with 2x the traffic; p99 latency went from 180ms to 240ms, still within the SLO.",
	"On a mis à jour la documentation des réseaux : les règles de pare-feu sont maintenant générées par Terraform.",
}

func FuzzIndex(f *testing.F) {
	for _, c := range corpus {
		f.Add(c)
	}
	f.Add("<<@U1>>:::emoji::<#|>&amp&lt;\xff\xfe")
	f.Add("e\u0301\u0301\u0301 İstanbul ǅ ß ﬁ")
	f.Fuzz(func(t *testing.T, text string) {
		got := Index(text)
		if !utf8.ValidString(got) {
			t.Fatalf("Index(%q) = %q: invalid UTF-8", text, got)
		}
		for _, term := range strings.Fields(got) {
			if term != strings.ToLower(term) || strings.ContainsAny(term, `"*:^()<>&`) {
				t.Fatalf("Index(%q) gives the term %q", text, term)
			}
		}
		if l := Language(text); l != "en" && l != "fr" {
			t.Fatalf("Language(%q) = %q", text, l)
		}
	})
}

// FuzzQuery checks that whatever a person types, the expression is valid
// FTS5 for the index the store keeps (the table as migrations create it).
func FuzzQuery(f *testing.F) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	f.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE VIRTUAL TABLE messages_fts USING fts5(terms, content = '', contentless_delete = 1,
		tokenize = "unicode61 remove_diacritics 2")`); err != nil {
		f.Fatal(err)
	}
	for i, c := range corpus {
		if _, err := db.Exec(`INSERT INTO messages_fts(rowid, terms) VALUES (?, ?)`, i+1, Index(c)); err != nil {
			f.Fatal(err)
		}
	}
	for _, c := range corpus {
		f.Add(c)
	}
	f.Add(`"a" OR b* NEAR(c d, 2) col:e ^f (g) NOT h AND i - + {terms}: '`)
	f.Add(`""""" *** ::: ^^^ ((( )))`)
	f.Add("\xff\xfe déploiement\x00 NEAR")
	syn := map[string][]string{"k8s": {"kubernetes", "container orchestration"}, "rotate": {"renew \"cert\"*"}}
	f.Fuzz(func(t *testing.T, text string) {
		q := Query(text, syn)
		if q == "" {
			return
		}
		if !utf8.ValidString(q) {
			t.Fatalf("Query(%q) = %q: invalid UTF-8", text, q)
		}
		rows, err := db.Query(`SELECT rowid, bm25(messages_fts) FROM messages_fts
			WHERE messages_fts MATCH ? ORDER BY bm25(messages_fts)`, q)
		if err != nil {
			t.Fatalf("Query(%q) = %s: %v", text, q, err)
		}
		defer rows.Close()
		for rows.Next() {
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("Query(%q) = %s: %v", text, q, err)
		}
	})
}

// BenchmarkIndex indexes English and French messages with Slack markup and
// reports words per second (words as a person counts them, markup aside).
func BenchmarkIndex(b *testing.B) {
	words := 0
	for _, c := range corpus {
		words += len(strings.Fields(c))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range corpus {
			Index(c)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkIndexCold is BenchmarkIndex with the memo of stems emptied
// before each pass: every word goes through Snowball, as the first
// messages of a new vocabulary do.
func BenchmarkIndexCold(b *testing.B) {
	words := 0
	for _, c := range corpus {
		words += len(strings.Fields(c))
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for l := range memos {
			memos[l].mu.Lock()
			clear(memos[l].m)
			memos[l].mu.Unlock()
		}
		for _, c := range corpus {
			Index(c)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func BenchmarkQuery(b *testing.B) {
	syn := map[string][]string{"k8s": {"kubernetes"}, "déploiement": {"release", "mise en production"}}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Query("comment déployer sur k8s sans coupure", syn)
	}
}
