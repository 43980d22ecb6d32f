package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"praxis/bot/config"
	"praxis/bot/metrics"
)

// opsFiles are the operator's pages and the deployment files: every praxis
// command, flag, configuration key, environment variable and metric they
// name must be the program's (docs/operations.md says they are checked).
var opsFiles = []string{"docs/operations.md", "docs/postgres.md", "README.md", "Dockerfile",
	"deploy/systemd/praxis.service", "deploy/kubernetes/praxis.yaml"}

// opsPending are what the operator's pages name before it lands (none
// now: praxis migrate --from --to did). Each must still be missing: once
// it exists, the test asks for its removal.
var opsPending = []string{}

// TestOperationsDocsAreReal keeps the operator's pages and the deployment
// files true to the program, so that they cannot rot: their commands and
// flags exist, so do their keys, environment variables and metrics; the
// manifest's configuration passes check-config and its probes reach
// /healthz on admin.listen; the image builds with go.mod's Go; and every
// metric Praxis exposes is explained in docs/operations.md.
func TestOperationsDocsAreReal(t *testing.T) {
	root, facts := moduleRoot(t), realOpsFacts(t)
	unknown := map[string]string{} // what is not the program's → the file naming it
	for _, name := range opsFiles {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		refs, err := opsRefsOf(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, u := range facts.unknown(refs) {
			unknown[u] = name
		}
		checkManifest(t, name, refs)
		if name == "Dockerfile" {
			checkGoVersion(t, root, refs.goVersion)
		}
	}
	for _, p := range opsPending {
		if _, ok := unknown[p]; !ok {
			t.Errorf("%s exists now (or is no longer named): remove it from opsPending", p)
		}
		delete(unknown, p)
	}
	for _, u := range slices.Sorted(maps.Keys(unknown)) {
		t.Errorf("%s names %s, which Praxis does not have", unknown[u], u)
	}
	ops, err := os.ReadFile(filepath.Join(root, "docs/operations.md"))
	if err != nil {
		t.Fatal(err)
	}
	for m := range facts.metric {
		if !regexp.MustCompile("`" + m + "[`{]").Match(ops) {
			t.Errorf("docs/operations.md does not explain the metric %s", m)
		}
	}
}

// TestOpsFactsCatch shows the check failing on what does not exist: a
// command, a flag, a key, an environment variable, a metric.
func TestOpsFactsCatch(t *testing.T) {
	page := "Run `praxis serve`, then `praxis backup --gzip x.db` with `admin.port` and `admin.listen`,\n" +
		"`PRAXIS_ADMIN` set, and watch `praxis_events_lost_total` and `praxis_ack_latency_seconds_bucket`.\n" +
		"```sh\ndocker exec praxis praxis migrate --db x.db  # then praxis frob\n```\n"
	refs, err := opsRefsOf("page.md", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	got := realOpsFacts(t).unknown(refs)
	want := []string{"config key admin.port", "environment variable PRAXIS_ADMIN", "metric praxis_events_lost_total",
		"praxis backup --gzip", "praxis serve"}
	if slices.Sort(got); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// opsFacts are what the program defines.
type opsFacts struct {
	flags  func(args []string) (map[string]bool, bool) // the flags of praxis args…; false: no such command
	key    func(path string) (top, ok bool)            // top: its first part is a top-level key
	env    map[string]bool                             // environment variables the sources read
	metric map[string]bool
}

// unknown lists what refs name that the program does not have.
func (f opsFacts) unknown(r opsRefs) []string {
	var out []string
	for _, c := range r.commands {
		out = append(out, f.unknownInCommand(c)...)
	}
	for _, k := range r.keys {
		if top, ok := f.key(k); top && !ok {
			out = append(out, "config key "+k)
		}
	}
	for _, e := range r.envs {
		if !f.env[e] {
			out = append(out, "environment variable "+e)
		}
	}
	for _, m := range r.metrics {
		base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(m, "_bucket"), "_sum"), "_count")
		if !f.metric[m] && !f.metric[base] {
			out = append(out, "metric "+m)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// unknownInCommand checks a command line's verb (and sub-verb: member
// export, eval experts) and flags.
func (f opsFacts) unknownInCommand(c []string) []string {
	args := c[1:2]
	if len(c) > 2 && plainWord.MatchString(c[2]) {
		args = c[1:3]
	}
	flags, ok := f.flags(args)
	if !ok {
		return []string{"praxis " + c[1]}
	}
	var out []string
	for _, tok := range c[2:] {
		tok = strings.Trim(tok, "[](),")
		name, _, _ := strings.Cut(strings.TrimLeft(tok, "-"), "=")
		if !strings.HasPrefix(tok, "-") || name == "" || name == "help" || name == "h" || flags[name] {
			continue
		}
		out = append(out, "praxis "+strings.Join(args, " ")+" --"+name)
	}
	return out
}

// realOpsFacts asks the program: each command's --help for its flags,
// config.Parse for its keys, the Go sources for the environment variables
// they name, the metrics' registry for theirs.
func realOpsFacts(t *testing.T) opsFacts {
	helps := map[string]map[string]bool{}
	flags := func(args []string) (map[string]bool, bool) {
		k := strings.Join(args, " ")
		if f, ok := helps[k]; ok {
			return f, f != nil
		}
		out, err := runCLI(t, nil, append(slices.Clone(args), "--help")...)
		if err != nil || !strings.Contains(out, "Usage: praxis ") {
			helps[k] = nil
			return nil, false
		}
		helps[k] = map[string]bool{}
		for _, m := range definedFlag.FindAllStringSubmatch(out, -1) {
			helps[k][m[1]] = true
		}
		return helps[k], true
	}
	key := func(path string) (bool, bool) {
		parts := strings.Split(path, ".")
		return knownKey(parts[:1]), knownKey(parts)
	}
	return opsFacts{flags: flags, key: key, env: envRead(t), metric: metricNames()}
}

// knownKey says whether config.Parse knows the key path (it reports
// unknown keys by name, whatever else is wrong).
func knownKey(parts []string) bool {
	var doc strings.Builder
	for i, p := range parts {
		fmt.Fprintf(&doc, "%s%s:\n", strings.Repeat("  ", i), p)
	}
	_, err := config.Parse([]byte(doc.String()), "keys.yaml", func(string) string { return "" })
	var probs config.Problems
	if errors.As(err, &probs) {
		for _, p := range probs {
			if strings.HasPrefix(p.Message, "unknown key") {
				return false
			}
		}
	}
	return true
}

// envRead are the environment variables the module's Go sources name as
// string literals: those the program reads, and those its tests and
// benchmarks do (the README's benchmark commands set them).
func envRead(t *testing.T) map[string]bool {
	literal := regexp.MustCompile(`"(` + envRef.String() + `)"`)
	out := map[string]bool{}
	for _, path := range goFiles(t, moduleRoot(t), ".go") {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllSubmatch(src, -1) {
			out[string(m[1])] = true
		}
	}
	return out
}

// metricNames are the praxis_ metrics of one process, the model's and the
// queues' included.
func metricNames() map[string]bool {
	m := metrics.New()
	m.WatchLLM(func() metrics.LLMStats { return metrics.LLMStats{} })
	m.WatchDepths(noDepths{})
	descs := make(chan *prometheus.Desc)
	go func() {
		m.Registry.Describe(descs)
		close(descs)
	}()
	out := map[string]bool{}
	fqName := regexp.MustCompile(`fqName: "([^"]+)"`) // prometheus.Desc has no accessor
	for d := range descs {
		if n := fqName.FindStringSubmatch(d.String()); n != nil {
			out[n[1]] = true
		}
	}
	for n := range out {
		if !strings.HasPrefix(n, "praxis_") {
			delete(out, n)
		}
	}
	return out
}

type noDepths struct{}

func (noDepths) InboxDepth(context.Context) (int, error)              { return 0, nil }
func (noDepths) OutboxCounts(context.Context) (map[string]int, error) { return nil, nil }
