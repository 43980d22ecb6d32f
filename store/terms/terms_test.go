package terms

import (
	"slices"
	"strings"
	"testing"
)

func TestLanguage(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"How do we rotate the certificates on the staging cluster?", "en"},
		{"Comment fait-on la rotation des certificats sur le cluster de recette ?", "fr"},
		{"Déploiement réussi", "fr"},                       // no stop word, but French accents
		{"k8s s3 oauth2", "en"},                            // nothing to go on: English
		{"<@U123> :tada: merci pour le déploiement", "fr"}, // markup does not count
		{"", "en"},
	} {
		if got := Language(tc.text); got != tc.want {
			t.Errorf("Language(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestIndex(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"english stems", "The deployments are running", "deploy run"},
		{"french stems, accents folded after stemming", "Les déploiements sont terminés", "deploi termin"},
		{"stop words of both languages", "it is what it is, c'est la vie", "vie"},
		{"user, channel and special mentions", "<@U123ABC> see <#C0123|general> <!here>", "see"},
		{"a link keeps its label only", "read <https://example.com/x?a=b|the runbook> later", "read runbook later"},
		{"a bare link goes", "see <https://example.com/docs/setup>", "see"},
		{"emoji codes", "shipped :white_check_mark: :+1::skin-tone-2: done", "ship done"},
		{"a time is not an emoji", "at 10:30:45", "10 30 45"},
		{"entities", "Q&amp;A &lt;fast&gt;", "q fast"},
		{"tech tokens and numbers kept whole", "K8s on S3 with OAuth2, 2024", "k8s s3 oauth2 2024"},
		{"code fences keep their words", "```kubectl get pods```", "kubectl get pod"},
		{"diacritics: œ and ç", "Le cœur du garçon", "coeur garcon"},
		{"decomposed accents", "re\u0301seau", "reseau"},
		{"invalid UTF-8 separates", "abc\xffdef", "abc def"},
		{"a very long token is not a word", strings.Repeat("x", 65) + " ok", "ok"},
		{"japanese: pairs of characters, latin words apart", "Haskellの型クラス", "haskel の型 型ク クラ ラス"},
		{"a character alone stays", "型 です", "型 です"},
		{"korean: pairs within each word", "타입 클래스 질문", "타입 클래 래스 질문"},
		{"chinese, with the prolonged sound mark and punctuation", "类型类、ハスケー",
			"类型 型类 ハス スケ ケー"},
		{"a long run of japanese is indexed, not dropped as a long token", strings.Repeat("型", 40),
			strings.TrimSpace(strings.Repeat("型型 ", 39))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Index(tc.text); got != tc.want {
				t.Errorf("Index(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// A Japanese query meets the messages that share its words, whatever
// surrounds them, and not the ones that do not.
func TestQueryMeetsCJK(t *testing.T) {
	msg := "型クラスのインスタンスを自動導出したいのですが、DerivingViaは使えますか？"
	for _, q := range []string{"型クラス", "インスタンスの導出", "derivingvia"} {
		if !meets(q, msg) {
			t.Errorf("%q does not meet %q", q, msg)
		}
	}
	if meets("データベース", msg) {
		t.Errorf("データベース meets %q", msg)
	}
	if got := Language(msg); got != "en" {
		t.Errorf("Language = %q: pairs of characters must not count as French", got)
	}
}

// meets reports whether a query finds a message, as FTS5 would with the
// expression Query builds: one of the query's stems among the message's
// terms.
func meets(query, message string) bool {
	indexed := strings.Fields(Index(message))
	for _, s := range Stems(query) {
		if slices.Contains(indexed, s) {
			return true
		}
	}
	return false
}

func TestQueryMeetsMessage(t *testing.T) {
	for _, tc := range []struct {
		query, message string
		want           bool
	}{
		{"déploiements", "Le déploiement de la nouvelle version est prévu demain", true},
		{"deploiement", "Les déploiements sont bloqués depuis ce matin", true},
		{"déployer", "Nous avons des déploiements bloqués sur la prod", true},
		{"déploiements", "il faut deployer sans les accents, c'est plus rapide", true},
		{"données", "la base de donnees est pleine", true},
		{"donnees", "la base de données est pleine", true},
		{"running", "Who runs the on-call rotation this week?", true},
		{"runs", "The job is running again", true},
		{"run", "Jobs running slowly", true},
		{"rotation", "how often should we rotate secrets?", true},
		{"deployments", "deploying to prod now", true},
		{"k8s", "our k8s cluster is down", true},
		{"the", "the cluster is down", false},
		{"sécurité", "notes on gardening", false},
	} {
		if got := meets(tc.query, tc.message); got != tc.want {
			t.Errorf("query %q on %q: got %v, want %v (stems %v, index %q)", tc.query, tc.message, got, tc.want,
				Stems(tc.query), Index(tc.message))
		}
	}
}

func TestStems(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"running", []string{"run", "running"}},
		{"déploiements", []string{"deploiement", "deploi"}},
		{"the of le la", nil},
		{"S3 k8s", []string{"s3", "k8s"}},
		{"run runs", []string{"run"}},
	} {
		if got := Stems(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Stems(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestQuery(t *testing.T) {
	syn := map[string][]string{
		"k8s":         {"kubernetes", "container orchestration"},
		"déploiement": {"release", "mise en production"},
		"unused":      {"never"},
	}
	for _, tc := range []struct{ name, text, want string }{
		{"plain", "running", `"run" OR "running"`},
		{"nothing left", "the of :tada: <@U1>", ""},
		{"syntax is neutralised", `"a" OR b* NEAR(c d) col:e ^f (g) NOT h AND i`,
			`"b" OR "near" OR "col" OR "e" OR "f" OR "g" OR "h"`},
		{"synonyms: one word and several", "k8s upgrade",
			`"k8s" OR "upgrad" OR "kubernet" OR (("contain") AND ("orchestr"))`},
		{"a synonym key matches by stem", "deploiements",
			`"deploiement" OR "deploi" OR "releas" OR (("mise" OR "mis") AND ("product"))`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Query(tc.text, syn); got != tc.want {
				t.Errorf("Query(%q) = %s\nwant %s", tc.text, got, tc.want)
			}
		})
	}
}

// TestEachMatchesIndex: Each gives Index's terms, in order, each with the
// word it was written as, so that a term can be shown as people wrote it.
func TestEachMatchesIndex(t *testing.T) {
	for _, text := range []string{"Les déploiements sont terminés", "The deployments are running on k8s",
		"型クラスの質問", "<@U1> read <https://x.y|the runbook>"} {
		var got, words []string
		Each(text, func(term, word string) { got = append(got, term); words = append(words, word) })
		if want := Index(text); strings.Join(got, " ") != want {
			t.Errorf("Each(%q) gives %q, want Index's %q", text, got, want)
		}
		if len(words) > 0 && !strings.Contains(strings.ToLower(text), words[len(words)-1]) {
			t.Errorf("Each(%q): word %q is not in the text", text, words[len(words)-1])
		}
	}
}
