package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"praxis/internal/sample"
	"praxis/internal/testkit"
)

// TestDiscoverWritesAConfigurationCheckConfigAccepts: discover on a
// generated export prints its communities, shows a channel the
// configuration already has as such, and writes a configuration that
// check-config's validation accepts whole, without that channel.
func TestDiscoverWritesAConfigurationCheckConfigAccepts(t *testing.T) {
	dir := t.TempDir()
	ws := sample.New(sample.Options{Seed: 5, Members: 200, Channels: 12, Communities: 5, Messages: 8000})
	if _, err := ws.WriteDir(filepath.Join(dir, "export")); err != nil {
		t.Fatal(err)
	}
	taken := ws.Channels[0]
	cfg := filepath.Join(dir, "praxis.yaml")
	os.WriteFile(cfg, []byte("communities:\n  - name: Already here\n    channels: [\"#"+taken.Name+"\"]\n"), 0o600)
	out := filepath.Join(dir, "communities.yaml")
	got, err := runCLI(t, nil, "discover", "--config", cfg, "--limit", "0", "--out", out, filepath.Join(dir, "export"))
	if err != nil {
		t.Fatalf("discover: %v\n%s", err, got)
	}
	for _, want := range []string{"Communities of practice in export", "Core group: ",
		"Already configured: #" + taken.Name + " (Already here)"} {
		if !strings.Contains(got, want) {
			t.Errorf("discover's output lacks %q:\n%s", want, got)
		}
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(written), `"`+taken.ID+`"`) {
		t.Errorf("%s lists %s, which is configured already:\n%s", out, taken.ID, written)
	}
	secrets := map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}
	if got, err := runCLI(t, secrets, "check-config", out); err != nil || !strings.Contains(got, "OK") {
		t.Fatalf("check-config %s: got %v\n%s\nthe file:\n%s", out, err, got, written)
	}
	md, err := runCLI(t, nil, "discover", "--format", "markdown", "--lang", "fr", filepath.Join(dir, "export"))
	if err != nil || !strings.Contains(md, "## 1. ") || !strings.Contains(md, "Noyau dur : ") {
		t.Errorf("discover --format markdown --lang fr: got %v\n%s", err, md)
	}
}

// TestDiscoverOnTheDatabase: after `praxis import --all-channels`, discover
// with no export reads the database and finds what the export gives.
func TestDiscoverOnTheDatabase(t *testing.T) {
	dir := t.TempDir()
	ws := sample.New(sample.Options{Seed: 6, Members: 120, Channels: 8, Communities: 4, Messages: 4000})
	if _, err := ws.WriteDir(filepath.Join(dir, "export")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if out, err := runCLI(t, nil, "import", "--all-channels", "export"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	fromExport, err := runCLI(t, nil, "discover", "--limit", "0", "export")
	if err != nil {
		t.Fatal(err)
	}
	fromDB, err := runCLI(t, nil, "discover", "--limit", "0")
	if err != nil {
		t.Fatalf("discover on praxis.db: %v\n%s", err, fromDB)
	}
	// The same but for the title, and the vocations: the store keeps no
	// channel's purpose, so those from the database are said of subjects.
	same := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n")[1:] {
			if !strings.Contains(l, "Vocation: ") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if same(fromDB) != same(fromExport) {
		t.Errorf("the database and the export give different communities:\n%s\n---\n%s", fromDB, fromExport)
	}
}

// TestDiscoverBadInput: what is not an export, or holds nothing to
// discover, gets a sentence saying so; a broken day file is named and
// the rest is read.
func TestDiscoverBadInput(t *testing.T) {
	empty := exportDir(t, map[string]string{"channels.json": "[]"})
	if out, err := runCLI(t, nil, "discover", empty); err != nil || !strings.Contains(out, "No community found") {
		t.Errorf("empty export: got %v\n%s", err, out)
	}
	broken := exportDir(t, map[string]string{"general/2024-01-03.json": `[{"ts":"1704276000.000100","text":`})
	out, err := runCLI(t, nil, "discover", broken)
	if err != nil || !strings.Contains(out, "general/2024-01-03.json: malformed day file") {
		t.Errorf("broken day file: got %v\n%s", err, out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"discover", filepath.Join(t.TempDir(), "nope.zip")}, "there is no file or folder"},
		{[]string{"discover", t.TempDir()}, "no channels.json"},
		{[]string{"discover", "a", "b"}, "one export at most"},
		{[]string{"discover", "--format", "html", empty}, "--format is text or markdown"},
		{[]string{"discover", "--db", filepath.Join(t.TempDir(), "none.db")}, "praxis discover EXPORT"},
	} {
		if _, err := runCLI(t, nil, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error saying %q", strings.Join(tc.args, " "), err, tc.want)
		}
	}
}

// TestDiscoverDraftsVocations: with a language model configured, each
// community's vocation is drafted by it (said so), from its channels and
// subjects sent as data, and written in the configuration; a failing model
// leaves the extractive one.
func TestDiscoverDraftsVocations(t *testing.T) {
	dir := t.TempDir()
	ws := sample.New(sample.Options{Seed: 7, Messages: 3000})
	if _, err := ws.WriteDir(filepath.Join(dir, "export")); err != nil {
		t.Fatal(err)
	}
	model := testkit.NewModel(t, func(w http.ResponseWriter, _ *http.Request, _ testkit.ModelRequest) {
		testkit.Complete(w, `{"vocation": "Practitioners helping each other with their craft"}`, 200, 20)
	})
	cfg := filepath.Join(dir, "praxis.yaml")
	os.WriteFile(cfg, []byte("llm:\n  base_url: "+model.URL+"/v1\n  model: test-model\n  timeout: 5s\n"+
		"communities:\n  - name: Other\n    channels: [\"#nowhere\"]\n"), 0o600)
	env := map[string]string{"OPENAI_API_KEY": testkit.ModelKey}
	out := filepath.Join(dir, "communities.yaml")
	got, err := runCLI(t, env, "discover", "--config", cfg, "--out", out, filepath.Join(dir, "export"))
	if err != nil {
		t.Fatalf("discover: %v\n%s", err, got)
	}
	drafted := "Vocation (drafted by the language model): Practitioners helping each other with their craft."
	if n := strings.Count(got, drafted); n != len(ws.Communities) {
		t.Errorf("got %d drafted vocations, want %d:\n%s", n, len(ws.Communities), got)
	}
	if req := model.Last(); !strings.Contains(req.System(), "vocation") || !strings.Contains(req.User(), `"subjects"`) {
		t.Errorf("the model got %q / %q", req.System(), req.User())
	}
	if written, _ := os.ReadFile(out); !strings.Contains(string(written), `vocation: "Practitioners helping`) {
		t.Errorf("%s lacks the drafted vocation:\n%s", out, written)
	}
	model.SetReply(func(w http.ResponseWriter, _ *http.Request, _ testkit.ModelRequest) {
		http.Error(w, "overloaded", http.StatusServiceUnavailable)
	})
	got, err = runCLI(t, env, "discover", "--config", cfg, filepath.Join(dir, "export"))
	if err != nil || strings.Contains(got, "drafted by the language model") || !strings.Contains(got, "Vocation: ") {
		t.Errorf("with a failing model: got %v\n%s", err, got)
	}
}
