package slackemu

import (
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// specPath is Slack's 2021 Web API description, beside the project.
var specPath = filepath.Join("..", "..", "..", "shared", "slack-api-specs",
	"slack_web_openapi_v2_without_examples.json")

// TestMethodsMatchSlackSpec checks the method table against Slack's OpenAPI
// description: every method served must exist, and every argument it reads
// must be one Slack documents for it. Methods and arguments newer than the
// 2021 description are logged, not failed.
func TestMethodsMatchSlackSpec(t *testing.T) {
	data, err := os.ReadFile(specPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("Slack spec not found at %s", specPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name string `json:"name"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatalf("parse %s: %v", specPath, err)
	}
	s := New(Options{})
	defer s.Close()
	for _, method := range slices.Sorted(maps.Keys(s.api)) {
		t.Run(method, func(t *testing.T) {
			m := s.api[method]
			ops, ok := spec.Paths["/"+method]
			if !ok {
				t.Logf("%s is not in the 2021 spec (newer method); arguments read: %v %v", method, m.args, m.newer)
				return
			}
			documented := map[string]bool{}
			for _, op := range ops {
				for _, p := range op.Parameters {
					documented[p.Name] = true
				}
			}
			if !documented["token"] {
				t.Errorf("spec lists no token argument for %s", method)
			}
			for _, arg := range m.args {
				if !documented[arg] {
					t.Errorf("%s reads %q, which the spec does not list (it lists %v)",
						method, arg, slices.Sorted(maps.Keys(documented)))
				}
			}
			for _, arg := range m.newer {
				if documented[arg] {
					t.Errorf("%s lists %q as newer than the spec, but the spec has it: move it to args", method, arg)
				} else {
					t.Logf("%s reads %q, newer than the 2021 spec", method, arg)
				}
			}
		})
	}
}
