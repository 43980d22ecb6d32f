package main

import (
	"fmt"
	goversion "go/version"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"praxis/bot/config"
)

// checkManifest checks a Kubernetes manifest's configuration with
// check-config's rules, and that its probes reach /healthz on the port
// admin.listen opens.
func checkManifest(t *testing.T, name string, refs opsRefs) {
	secrets := map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}
	for _, text := range refs.configs {
		cfg, err := config.Parse([]byte(text), name, func(k string) string { return secrets[k] })
		if err != nil {
			t.Errorf("%s: its configuration: %v", name, err)
			continue
		}
		_, port, err := net.SplitHostPort(cfg.Admin.Listen)
		if err != nil || !strings.HasPrefix(cfg.Admin.Listen, ":") {
			t.Errorf("%s: admin.listen %q is not on every interface: probes cannot reach it", name, cfg.Admin.Listen)
		}
		for _, doc := range refs.manifest {
			for _, c := range containers(doc) {
				checkProbes(t, name, c, port)
			}
		}
	}
}

// checkProbes checks that a container's admin port is admin.listen's and
// that each probe asks /healthz there.
func checkProbes(t *testing.T, name string, c map[string]any, adminPort string) {
	named := map[string]string{}
	for _, p := range asList(c["ports"]) {
		named[fmt.Sprint(dig(p, "name"))] = fmt.Sprint(dig(p, "containerPort"))
	}
	if named["admin"] != adminPort {
		t.Errorf("%s: the container's admin port is %q, admin.listen's %q", name, named["admin"], adminPort)
	}
	for _, probe := range []string{"startupProbe", "readinessProbe", "livenessProbe"} {
		path, port := dig(c, probe, "httpGet", "path"), fmt.Sprint(dig(c, probe, "httpGet", "port"))
		if path != "/healthz" || (port != "admin" && port != adminPort) {
			t.Errorf("%s: %s asks %v on port %s, want /healthz on admin.listen's", name, probe, path, port)
		}
	}
}

// checkGoVersion checks that the image builds with go.mod's Go or newer.
func checkGoVersion(t *testing.T, root, image string) {
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	if m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod); m != nil {
		want = string(m[1])
	}
	if want == "" || goversion.Compare("go"+image, "go"+want) < 0 {
		t.Errorf("Dockerfile: GO_VERSION %q is older than go.mod's go line %q", image, want)
	}
}
