package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"praxis/bot/config"
	"praxis/internal/slackemu"
	"praxis/internal/testkit"
)

// Secrets of a realistic shape, set in the environment of the runs below.
var e2eSecrets = map[string]string{
	"SLACK_BOT_TOKEN":      "xoxb-2410-9981-SECRETbotTOKEN",
	"SLACK_APP_TOKEN":      "xapp-1-A01-2410-SECRETappTOKEN",
	"SLACK_SIGNING_SECRET": "SECRETsigning0123456789abcdef",
	"OPENAI_API_KEY":       "sk-live-SECRETopenaiKEY0123456789",
}

// echoServer answers every request with the request itself, headers and
// body, in what it sends back, as a misconfigured proxy does; answer
// writes the response around the echo.
func echoServer(t *testing.T, answer func(w http.ResponseWriter, echo string)) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		echo, _ := httputil.DumpRequest(r, true)
		answer(w, string(echo))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// noSecret fails when text holds any secret of the environment.
func noSecret(t *testing.T, where, text string) {
	t.Helper()
	for name, v := range e2eSecrets {
		if i := strings.Index(v, "SECRET"); strings.Contains(text, v[i:]) {
			t.Errorf("%s holds %s:\n%s", where, name, text)
		}
	}
}

// A Slack API URL (or a proxy in front of it) that echoes the request,
// the token in its form body, in its error: `praxis run` fails to connect,
// and neither the error it returns (which main prints) nor its log holds a
// secret, nor the whole echo.
func TestRunPrintsNoSecretOfAnEchoingSlack(t *testing.T) {
	srv := echoServer(t, func(w http.ResponseWriter, echo string) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "BODY " + echo + strings.Repeat(" padding", 2000)})
	})
	w := newWorld(t, "socket", slackemu.Options{})
	w.env = e2eSecrets
	cfg, err := os.ReadFile(w.config)
	if err != nil {
		t.Fatal(err)
	}
	cfg = bytes.Replace(cfg, []byte(w.emu.APIURL()), []byte(srv.URL+"/api/"), 1)
	if err := os.WriteFile(w.config, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = run(ctx, []string{"run", "--config", w.config}, func(k string) string { return w.env[k] }, &logs, &logs)
	if err == nil || !strings.Contains(err.Error(), "auth.test") || !strings.Contains(err.Error(), "BODY") {
		t.Fatalf("got %v, want auth.test's error", err)
	}
	noSecret(t, "the error", err.Error())
	noSecret(t, "the log", logs.String())
	if n := len(err.Error()); n > 2200 {
		t.Errorf("got a %d-byte error, want the echoed body cut", n)
	}
}

// A model server that echoes the request (the key in its Authorization
// header, the member's message in its body) in its errors: the debug log
// says which call failed and its status, and holds neither the key nor the
// member's words.
func TestRunLogsNoSecretOfAnEchoingModel(t *testing.T) {
	srv := echoServer(t, func(w http.ResponseWriter, echo string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": echo, "type": "server_error"}})
	})
	w := newWorld(t, "socket", slackemu.Options{})
	for k, v := range e2eSecrets {
		if k != "SLACK_BOT_TOKEN" && k != "SLACK_APP_TOKEN" { // the emulator knows its own
			w.env[k] = v
		}
	}
	f, err := os.OpenFile(w.config, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("llm:\n  base_url: " + srv.URL + "/v1\n  model: test-model\n  timeout: 5s\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	b := w.start(t)
	w.emu.UserMessage("C01", "U02", "how do we rotate the Quillonbert signing keys?")
	w.settled(t)
	testkit.WaitFor(t, 10*time.Second, "the failed model call logged",
		func() bool { return strings.Contains(b.logs.String(), "llm call") })
	b.stop(t)
	logs := b.logs.String()
	noSecret(t, "the log", logs)
	for _, line := range strings.Split(logs, "\n") {
		if !strings.Contains(line, "llm") {
			continue
		}
		if strings.Contains(line, "Quillonbert") || strings.Contains(line, "Bearer") {
			t.Errorf("a model log line holds the request: %s", line)
		}
		if strings.Contains(line, "llm call") && !strings.Contains(line, "500") {
			t.Errorf("the failed call's line lacks its status: %s", line)
		}
	}
}

// The program's logger (run's and the demo's) redacts whatever is logged
// through it, in both formats: a component logging an upstream error that
// echoes a token cannot leak it.
func TestLoggerRedactsSecrets(t *testing.T) {
	secrets := config.SecretsFromEnv(func(k string) string { return e2eSecrets[k] })
	for _, format := range []string{"json", "text"} {
		var b bytes.Buffer
		log := newLogger(config.Log{Level: "debug", Format: format}, &b, secrets)
		log = log.With("component", "outbox")
		log.Warn("post failed", "err", errors.New("chat.postMessage: invalid_auth: echo token="+e2eSecrets["SLACK_BOT_TOKEN"]+
			" signed "+e2eSecrets["SLACK_SIGNING_SECRET"]), "hint", "Bearer "+e2eSecrets["OPENAI_API_KEY"])
		noSecret(t, format+" log", b.String())
		if !strings.Contains(b.String(), "invalid_auth") || !strings.Contains(b.String(), "outbox") {
			t.Errorf("%s log lost what it said: %s", format, b.String())
		}
	}
}

// The database's password, in PRAXIS_DATABASE_URL, reaches neither the
// error of a run that cannot connect nor its log, and check-config's
// problems about the database name the variable without its value.
func TestNoDatabasePasswordPrinted(t *testing.T) {
	const password = "S3CRETdbPASSWORD"
	cfg := filepath.Join(t.TempDir(), "praxis.yaml")
	community := "communities:\n  - name: A\n    channels: [C0123ABC]\n"
	if err := os.WriteFile(cfg, []byte("log: {level: debug, format: text}\n"+community), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1",
		config.EnvDatabaseURL: "postgres://praxis:" + password + "@127.0.0.1:1/praxis?connect_timeout=5"}
	var logs bytes.Buffer
	err := run(context.Background(), []string{"run", "--config", cfg}, func(k string) string { return env[k] },
		&logs, &logs)
	if err == nil || !strings.Contains(logs.String(), "127.0.0.1:1/praxis") {
		t.Fatalf("got %v\n%s\nwant a failed connection, the log naming the server", err, logs.String())
	}
	if strings.Contains(err.Error()+logs.String(), password) {
		t.Errorf("the password leaked:\n%v\n%s", err, logs.String())
	}
	if err := os.WriteFile(cfg, []byte("database: {path: p.db}\n"+community), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, env, "check-config", cfg)
	if err == nil || !strings.Contains(out, "PRAXIS_DATABASE_URL are both set") || strings.Contains(out, password) {
		t.Errorf("got %v\n%s\nwant the pair refused, without the password", err, out)
	}
}
