package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"praxis/store"
)

func TestSecretsNeverPrinted(t *testing.T) {
	secrets := map[string]string{
		EnvBotToken:      "xoxb-SECRET-BOT-111",
		EnvAppToken:      "xapp-SECRET-APP-222",
		EnvSigningSecret: "SECRET-SIGNING-333",
		EnvOpenAIAPIKey:  "sk-SECRET-OPENAI-444",
	}
	doc := "slack: {api_url: \"https://slack.example/api/?key=SECRET-Q-666\"}\n" + minimal
	c, err := Parse([]byte(doc), "c.yaml", env(secrets))
	if err != nil {
		t.Fatal(err)
	}
	var out, logs bytes.Buffer
	jl := slog.New(slog.NewJSONHandler(&logs, nil))
	jl.Info("config", "config", c, "value", *c, "secrets", c.Secrets)
	tl := slog.New(slog.NewTextHandler(&logs, nil))
	tl.Info("config", "config", c, "secrets", c.Secrets)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%q"} {
		fmt.Fprintf(&out, verb+"\n", c.Secrets)
		fmt.Fprintf(&out, verb+"\n", *c)
	}
	fmt.Fprintln(&out, c.Secrets.String(), c.Secrets.GoString())
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	out.Write(b)
	y, err := yaml.Marshal(c.Secrets)
	if err != nil {
		t.Fatal(err)
	}
	out.Write(y)
	for _, s := range mapValues(secrets) {
		if strings.Contains(out.String()+logs.String(), s) {
			t.Errorf("%q leaked into the output:\n%s\n%s", s, out.String(), logs.String())
		}
	}
	if strings.Contains(logs.String(), "SECRET-Q-666") {
		t.Errorf("URL query (may hold credentials) logged:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `"SLACK_BOT_TOKEN":"set"`) {
		t.Errorf("JSON log does not say the bot token is set:\n%s", logs.String())
	}
}

// PRAXIS_DATABASE_URL selects PostgreSQL over the file's database.url and
// leaves no default path; its password is a secret like the tokens: no
// print, log or marshalling of the configuration shows it, the log shows
// which server, and the redaction of logs and errors knows it.
func TestDatabaseURL(t *testing.T) {
	const url = "postgres://praxis:S3CRET-db-pw@db.example.com:5432/praxis?sslmode=require"
	doc := "database: {url: \"postgres://reader@other/praxis\"}\n" + minimal
	c, err := Parse([]byte(doc), "c.yaml", env(pgEnv(url)))
	if err != nil {
		t.Fatal(err)
	}
	if c.Store() != url || c.Database.Path != "" {
		t.Errorf("got store %q and path %q, want the environment's URL and no path", c.Store(), c.Database.Path)
	}
	var out bytes.Buffer
	slog.New(slog.NewJSONHandler(&out, nil)).Info("config", "config", c)
	logged := out.String()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		fmt.Fprintf(&out, verb+"\n", *c)
	}
	b, _ := json.Marshal(c)
	out.Write(b)
	out.WriteString(ShowDatabase(c.Store()))
	if strings.Contains(out.String(), "S3CRET") {
		t.Errorf("the database's password leaked:\n%s", out.String())
	}
	if !strings.Contains(logged, "db.example.com:5432/praxis") ||
		!strings.Contains(logged, `"PRAXIS_DATABASE_URL":"set"`) {
		t.Errorf("the log does not say which database:\n%s", logged)
	}
	if !slices.Contains(c.Secrets.Values(), "S3CRET-db-pw") {
		t.Errorf("got values %q, want the database's password among them", c.Secrets.Values())
	}
	c, err = Parse([]byte("database: {url: \"postgresql:///praxis?host=/run/postgresql\"}\n"+minimal), "c.yaml",
		env(socketEnv))
	if err != nil || !store.IsPostgres(c.Store()) || c.Database.Path != "" {
		t.Errorf("got %v, store %q, path %q; want the file's URL", err, c.Store(), c.Database.Path)
	}
}

func TestSecretsUnset(t *testing.T) {
	var s Secrets
	if got := s.String(); strings.Contains(got, ":set") || !strings.Contains(got, "SLACK_BOT_TOKEN:unset") {
		t.Errorf("String() = %q", got)
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
