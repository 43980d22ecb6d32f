package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
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
