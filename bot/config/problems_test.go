package config

import (
	"errors"
	"strings"
	"testing"
)

// community wraps community lines (indented by 4) into a valid file, so
// that the first community line is line 3.
func community(lines string) string {
	return "communities:\n  - name: A\n" + lines
}

// inCommunity adds lines (indented by 4) after a community's one channel, so
// that the first of them is line 4.
func inCommunity(lines string) string {
	return community("    channels: [C0123ABC]\n" + lines)
}

// rituals gives a community the ritual list items (indented by 6), so that
// the first item is line 5.
func rituals(items string) string {
	return inCommunity("    rituals:\n" + items)
}

func TestProblemKinds(t *testing.T) {
	httpEnv := map[string]string{EnvBotToken: "xoxb-1", EnvSigningSecret: "s"}
	tests := []struct {
		name string
		doc  string
		env  map[string]string // socketEnv when nil
		line int
		key  string
		msg  string // substring of the message
		fix  string // substring of the fix
	}{
		{"unknown top-level key", "langage: fr\n" + minimal, nil, 1,
			"langage", `unknown key "langage"`, "did you mean `language`?"},
		{"unknown nested key", inCommunity("    digest: {hours: 9}\n"), nil, 4,
			"communities[0].digest.hours", "unknown key", "`hour`"},
		{"unknown ritual key",
			rituals("      - kind: show_and_tell\n        schedule: 0 9 * * MON\n        chanel: C0123ABC\n"), nil, 7,
			"communities[0].rituals[0].chanel", "unknown key", "`channel`"},
		{"token in file", "slack:\n  bot_token: abc\n" + minimal, nil, 2,
			"slack.bot_token", "secrets are never read from the file", "SLACK_BOT_TOKEN"},
		{"top-level token", "token: abc\n" + minimal, nil, 1,
			"token", "secrets", "SLACK_BOT_TOKEN"},
		{"signing secret in file", "signing_secret: abc\n" + minimal, nil, 1,
			"signing_secret", "secrets", "SLACK_SIGNING_SECRET"},
		{"api key in file", "llm:\n  api_key: abc\n" + minimal, nil, 2,
			"llm.api_key", "secrets", "OPENAI_API_KEY"},
		{"token value in file", community("    vocation: xoxb-1234-5678-abcd\n    channels: [C0123ABC]\n"), nil, 3,
			"communities[0].vocation", "looks like a secret", "SLACK_BOT_TOKEN"},
		{"wrong type", "inbox:\n  workers: many\n" + minimal, nil, 2,
			"inbox.workers", "expected a whole number, got the text `many`", "whole number"},
		{"fraction for int", "inbox:\n  workers: 2.5\n" + minimal, nil, 2,
			"inbox.workers", "whole number", "whole number"},
		{"list for string", "language: [en]\n" + minimal, nil, 1,
			"language", "got a list", "single value"},
		{"bad duration", "llm:\n  timeout: soon\n" + minimal, nil, 2,
			"llm.timeout", "invalid duration `soon`", "30s"},
		{"llm concurrency", "llm: {max_concurrent: 0}\n" + minimal, nil, 1,
			"llm.max_concurrent", "out of range 1..64", "between 1 and 64"},
		{"duration without unit", "llm: {timeout: 30}\n" + minimal, nil, 1,
			"llm.timeout", "no unit", "30s"},
		{"duplicate key", "language: en\nlanguage: fr\n" + minimal, nil, 2,
			"language", "given twice (first at line 1)", "only one"},
		{"invalid mode", "slack:\n  mode: websocket\n" + minimal, nil, 2,
			"slack.mode", `unsupported slack mode "websocket"`, "socket, http"},
		{"http without listen", "slack:\n  mode: http\n" + minimal, httpEnv, 2,
			"slack.listen", "needs an address", `":3000"`},
		{"bad listen", "admin:\n  listen: localhost\n" + minimal, nil, 2,
			"admin.listen", "not host:port", "127.0.0.1:9090"},
		{"bad api url", "slack:\n  api_url: slack.com\n" + minimal, nil, 2,
			"slack.api_url", "not an http(s) URL", "https://"},
		{"missing bot token", minimal, map[string]string{EnvAppToken: "xapp-1"}, 0,
			EnvBotToken, "not set", "xoxb-"},
		{"missing app token", minimal, map[string]string{EnvBotToken: "xoxb-1"}, 0,
			EnvAppToken, "socket mode needs it", "xapp-"},
		{"missing signing secret",
			"slack: {mode: http, listen: \":3000\"}\n" + minimal, map[string]string{EnvBotToken: "xoxb-1"}, 0,
			EnvSigningSecret, "http mode needs it", "Signing Secret"},
		{"swapped tokens", minimal, map[string]string{EnvBotToken: "xapp-1", EnvAppToken: "xapp-2"}, 0,
			EnvBotToken, "app-level token", "xoxb-"},
		{"unknown timezone", "timezone: Europe/Pariss\n" + minimal, nil, 1,
			"timezone", `unknown time zone "Europe/Pariss"`, "IANA"},
		{"local timezone", "timezone: Local\n" + minimal, nil, 1,
			"timezone", "unknown time zone", "IANA"},
		{"community timezone", inCommunity("    timezone: Paris\n"), nil, 4,
			"communities[0].timezone", "unknown time zone", "Europe/Paris"},
		{"city for a timezone", inCommunity("    timezone: Paris\n"), nil, 4,
			"communities[0].timezone", "unknown time zone", `did you mean "Europe/Paris"?`},
		{"misspelt timezone", "timezone: America/Los_Angles\n" + minimal, nil, 1,
			"timezone", "unknown time zone", `did you mean "America/Los_Angeles"?`},
		{"unsupported language", "language: de\n" + minimal, nil, 1,
			"language", `unsupported language "de"`, "en, fr"},
		{"community language", inCommunity("    language: english\n"), nil, 4,
			"communities[0].language", "unsupported language", "en, fr"},
		{"uppercase channel name", community("    channels: [\"#Security\"]\n"), nil, 3,
			"communities[0].channels[0]", `"#Security" is not a valid channel name`, `use lowercase: "#security"`},
		{"bare channel name", community("    channels: [C0123ABC, general]\n"), nil, 3,
			"communities[0].channels[1]", "neither a channel ID nor a #name", `"#general"`},
		{"unquoted #name", community("    channels:\n      - #security\n"), nil, 4,
			"communities[0].channels[0]", "list item is empty", "unquoted #"},
		{"long channel name", community("    channels: [\"#" + strings.Repeat("a", 81) + "\"]\n"), nil, 3,
			"communities[0].channels[0]", "longer than 80", "ID"},
		{"bad channel id", community("    channels: [X0123ABC]\n"), nil, 3,
			"communities[0].channels[0]", "not a valid channel ID", "C0123ABC"},
		{"sponsor report frequency", "sponsor_report: {frequency: montly}\n" + minimal, nil, 1,
			"sponsor_report.frequency", `unsupported sponsor report frequency "montly"`, `did you mean "monthly"?`},
		{"sponsor report day", "sponsor_report: {day: 31}\n" + minimal, nil, 1,
			"sponsor_report.day", "out of range 1..28", "between 1 and 28"},
		{"bad sponsor", "sponsors: [\"@boss\"]\n" + minimal, nil, 1,
			"sponsors[0]", "is a handle, not a user ID", "Copy member ID"},
		{"bad community sponsor", inCommunity("    sponsors: [u0123abc]\n"), nil, 4,
			"communities[0].sponsors[0]", "not a valid user ID", `"U0123ABC"`},
		{"bad user id", inCommunity("    facilitators: [u0123abc]\n"), nil, 4,
			"communities[0].facilitators[0]", "not a valid user ID", `"U0123ABC"`},
		{"user handle", inCommunity("    experts:\n      - user: \"@alice\"\n        topics: [go]\n"), nil, 5,
			"communities[0].experts[0].user", "handle", "member ID"},
		{"channel twice in one community", community("    channels: [C0123ABC, \"#a\", C0123ABC]\n"), nil, 3,
			"communities[0].channels[2]", "listed twice in this community", "duplicate"},
		{"channel name in two communities",
			community("    channels: [\"#a\", \"#b\"]\n    rituals: []\n") + "  - name: B\n    channels: [\"#b\"]\n", nil, 6,
			"communities[1].channels[0]", `already belongs to community "A"`, "exactly one community"},
		{"channel in two communities", minimal + "  - name: B\n    channels: [C0123ABC]\n", nil, 6,
			"communities[1].channels[0]", `already belongs to community "A"`, "exactly one community"},
		{"duplicate community name", minimal + "  - name: a\n    channels: [C0999]\n", nil, 5,
			"communities[1].name", "already used by communities[0]", "its own name"},
		{"missing community name", "communities:\n  - channels: [C0123ABC]\n", nil, 2,
			"communities[0].name", "no name", "name:"},
		{"missing channels", "communities:\n  - name: A\n", nil, 2,
			"communities[0].channels", `community "A" has no channels`, "channels:"},
		{"no community", "language: en\n", nil, 0,
			"communities", "no community configured", "add at least one"},
		{"empty communities", "communities: []\n", nil, 1,
			"communities", "no community configured", "add at least one"},
		{"ritual channel not in community",
			rituals("      - kind: show_and_tell\n        schedule: 0 9 * * MON\n        channel: \"#other\"\n"), nil, 7,
			"communities[0].rituals[0].channel", `"#other" is not one of the community's channels`, "C0123ABC"},
		{"bad cron", rituals("      - kind: show_and_tell\n        schedule: 0 25 * * MON\n"), nil, 6,
			"communities[0].rituals[0].schedule", "not a valid cron spec", "5 fields"},
		{"cron with 6 fields", rituals("      - kind: show_and_tell\n        schedule: 0 0 9 * * MON\n"), nil, 6,
			"communities[0].rituals[0].schedule", "has 6 fields", "5 fields"},
		{"cron with TZ", rituals("      - kind: show_and_tell\n        schedule: TZ=UTC\n"), nil, 6,
			"communities[0].rituals[0].schedule", "own time zone", "community's timezone"},
		{"cron never fires", rituals("      - kind: show_and_tell\n        schedule: 0 9 31 2 *\n"), nil, 6,
			"communities[0].rituals[0].schedule", "never fires", "month"},
		{"unknown ritual kind", rituals("      - kind: show_and_tel\n        schedule: 0 9 * * MON\n"), nil, 5,
			"communities[0].rituals[0].kind", "unsupported ritual kind", `did you mean "show_and_tell"`},
		{"qotw without questions", rituals("      - kind: question_of_the_week\n        schedule: 0 9 * * MON\n"), nil, 5,
			"communities[0].rituals[0].questions", "needs questions", "questions:"},
		{"office hours without hosts", rituals("      - kind: office_hours\n        schedule: 0 9 * * MON\n"), nil, 5,
			"communities[0].rituals[0].hosts", "needs hosts", "hosts:"},
		{"hosts on the wrong kind",
			rituals("      - kind: show_and_tell\n        schedule: 0 9 * * MON\n        hosts: [U0123ABC]\n"), nil, 7,
			"communities[0].rituals[0].hosts", "only used by office_hours", "change kind"},
		{"recognition with a text",
			rituals("      - kind: recognition\n        schedule: 0 10 1 * *\n        text: Thanks all\n"), nil, 7,
			"communities[0].rituals[0].text", "only used by custom", "change kind"},
		{"hour out of range", inCommunity("    digest: {hour: 24}\n"), nil, 4,
			"communities[0].digest.hour", "hour is 24, out of range 0..23", "between 0 and 23"},
		{"report hour out of range", inCommunity("    report:\n      hour: -1\n"), nil, 5,
			"communities[0].report.hour", "out of range 0..23", "between 0 and 23"},
		{"unknown digest frequency", inCommunity("    digest:\n      frequency: weekli\n"), nil, 5,
			"communities[0].digest.frequency", `unsupported digest frequency "weekli"`, `did you mean "weekly"`},
		{"unknown weekday", inCommunity("    report: {weekday: mondey}\n"), nil, 4,
			"communities[0].report.weekday", "unknown weekday", `"monday"`},
		{"bad quiet hours", inCommunity("    nudges: {quiet_hours: \"7pm-8am\"}\n"), nil, 4,
			"communities[0].nudges.quiet_hours", "not a time of day", "HH:MM-HH:MM"},
		{"nobody asked about a question", inCommunity("    nudges: {per_question: 0}\n"), nil, 4,
			"communities[0].nudges.per_question", "per_question is 0, out of range 1..10", "between 1 and 10"},
		{"escalate before answer", inCommunity("    questions: {answer_within_hours: 8, escalate_after_hours: 4}\n"), nil, 4,
			"communities[0].questions.escalate_after_hours", "between answer_within_hours and 720", "(8)"},
		{"unknown holiday calendar", inCommunity("    questions: {holidays: fx}\n"), nil, 4,
			"communities[0].questions.holidays", `unsupported holiday calendar "FX"`, "use one of: AR, AT, AU-ACT"},
		{"region written with _", inCommunity("    questions: {holidays: de_by}\n"), nil, 4,
			"communities[0].questions.holidays", "unsupported holiday calendar", `did you mean "DE-BY"?`},
		{"bad extra holiday", inCommunity("    questions:\n      extra_holidays: [2026-12-24, 2026-13-01]\n"), nil, 5,
			"communities[0].questions.extra_holidays[1]", `holiday "2026-13-01" is not a date`, `"2026-12-24"`},
		{"workers out of range", "inbox: {workers: 65}\n" + minimal, nil, 1,
			"inbox.workers", "out of range 1..64", "between 1 and 64"},
		{"rate zero", "outbox:\n  rate_per_second: 0\n" + minimal, nil, 2,
			"outbox.rate_per_second", "positive", "positive"},
		{"rate negative", "outbox: {rate_per_second: -1}\n" + minimal, nil, 1,
			"outbox.rate_per_second", "positive", "positive"},
		{"database path and url", "database:\n  path: p.db\n  url: postgres://praxis@db/praxis\n" + minimal, nil, 2,
			"database.path", "database.path and database.url are both set", "remove database.path"},
		{"database path and env url", "database: {path: p.db}\n" + minimal, pgEnv("postgres://praxis:pw@db/p"), 1,
			"database.path", "database.path and PRAXIS_DATABASE_URL are both set", "unset"},
		{"database url scheme", "database:\n  url: mysql://praxis@db/praxis\n" + minimal, nil, 2,
			"database.url", `scheme is "mysql"`, "postgres://praxis@"},
		{"database password in file", "database:\n  url: postgres://praxis:hunter22@db/praxis\n" + minimal, nil, 2,
			"database.url", "holds a password", "PGPASSWORD"},
		{"database password in query", "database: {url: \"postgres://db/p?password=hunter22\"}\n" + minimal, nil, 1,
			"database.url", "holds a password", "PRAXIS_DATABASE_URL"},
		{"database password key", "database: {password: hunter22}\n" + minimal, nil, 1,
			"database.password", "secrets are never read from the file", "PRAXIS_DATABASE_URL"},
		{"env database url shape", minimal, pgEnv("host=db password=hunter22"), 0,
			EnvDatabaseURL, "not a postgres:// URL", "postgres://"},
		{"log level", "log: {level: verbose}\n" + minimal, nil, 1,
			"log.level", `unsupported log level "verbose"`, "debug, info, warn, error"},
		{"llm without model", "llm: {base_url: \"http://localhost:11434/v1\"}\n" + minimal, nil, 1,
			"llm.model", "no model", "llm.model"},
		{"syntax error", "slack:\n  mode: [socket\n" + minimal, nil, 2,
			"", "YAML syntax error", "indentation"},
		{"empty file", "", nil, 0,
			"", "the file is empty", "config.example.yaml"},
		{"comments only", "# nothing\n", nil, 0,
			"", "the file", "config.example.yaml"},
		{"not a mapping", "- a\n- b\n", nil, 1,
			"", "must be a mapping", "config.example.yaml"},
		{"two documents", minimal + "---\nlanguage: fr\n", nil, 5,
			"", "more than one YAML document", "---"},
		{"scanner syntax error", "slack:\n  mode: socket\n   listen: x: y\n", nil, 3,
			"", "mapping values are not allowed", "indentation"},
		{"block syntax error", "slack:\n  mode: socket\n listen: x\n", nil, 3,
			"", "did not find expected key", "indentation"},
		{"api url with credentials", "slack:\n  api_url: https://u:p@slack.com/api/\n" + minimal, nil, 2,
			"slack.api_url", "credentials", "user:password@"},
		{"lowercase id or name", community("    channels: [c0123]\n"), nil, 3,
			"communities[0].channels[0]", "neither", `"C0123" if it is a channel ID, or "#c0123"`},
		{"community is a string", "communities:\n  - security\n", nil, 2,
			"communities[0]", "expected a mapping", "mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.env
			if e == nil {
				e = socketEnv
			}
			c, err := Parse([]byte(tt.doc), "config.yaml", env(e))
			if c == nil {
				t.Fatal("Parse returned a nil config")
			}
			if err != nil && strings.Contains(err.Error(), "hunter22") {
				t.Errorf("a problem shows the database's password:\n%s", err)
			}
			var probs Problems
			if !errors.As(err, &probs) {
				t.Fatalf("err = %v, want Problems", err)
			}
			for _, p := range probs {
				if p.Line == tt.line && p.Key == tt.key && strings.Contains(p.Message, tt.msg) && strings.Contains(p.Fix, tt.fix) {
					if p.File != "config.yaml" {
						t.Errorf("file = %q", p.File)
					}
					return
				}
			}
			t.Errorf("no problem at line %d, key %q, message ~%q, fix ~%q; got:\n%s", tt.line, tt.key, tt.msg, tt.fix, err)
		})
	}
}

// pgEnv is socketEnv with PRAXIS_DATABASE_URL set to url.
func pgEnv(url string) map[string]string {
	e := map[string]string{EnvDatabaseURL: url}
	for k, v := range socketEnv {
		e[k] = v
	}
	return e
}

// TestOnlyTheProblem checks that a single mistake yields a single problem
// (no knock-on noise).
func TestOnlyTheProblem(t *testing.T) {
	allTokens := map[string]string{EnvBotToken: "xoxb-1", EnvAppToken: "xapp-1", EnvSigningSecret: "s"}
	for _, doc := range []string{
		"inbox: {workers: many}\n" + minimal,
		community("    channels: [C0123ABC]\n    digest: {hour: nine}\n"),
		community("    channels: C0123ABC\n"),
		community("    channels: [C0123ABC]\n    questions: {holidays: de-by, extra_holidays: [2026-12-24, 2026-12-32]}\n"),
		"slack: {mode: http, listen: \":3000\", backfill_depth: 30d}\n" + minimal,
		"slack:\n  mode: [socket\n" + minimal, // a syntax error alone, not "no community configured" too
		"",
	} {
		_, err := Parse([]byte(doc), "c.yaml", env(allTokens))
		var probs Problems
		if !errors.As(err, &probs) || len(probs) != 1 {
			t.Errorf("%q: want exactly one problem, got:\n%v", doc, err)
		}
	}
}

func TestAliasesAndMerges(t *testing.T) {
	doc := `
x-digest: &digest {frequency: daily, hour: 7}
x-nudges: &nudges {enabled: false, quiet_hour: "20:00-07:00"}
communities:
  - name: A
    channels: [C0123ABC]
    digest: *digest
  - name: B
    channels: ["#b"]
    digest: {<<: *digest, max_items: 3}
    nudges: *nudges
`
	c, err := Parse([]byte(doc), "c.yaml", env(socketEnv))
	var probs Problems
	found := errors.As(err, &probs)
	inAnchor := len(probs) == 1 && probs[0].Line == 3 && strings.Contains(probs[0].Fix, "`quiet_hours`")
	if !found || !inAnchor {
		t.Fatalf("want one unknown key at line 3 (inside the anchor), got:\n%v", err)
	}
	if d := c.Communities[1].Digest; d.Frequency != "daily" || d.Hour != 7 || d.MaxItems != 3 {
		t.Errorf("merged digest = %+v", d)
	}
}
