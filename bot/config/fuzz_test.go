package config

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	example, err := os.ReadFile(examplePath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	f.Add([]byte(minimal))
	f.Add([]byte("x-a: &a {hour: 7}\ncommunities:\n  - name: A\n    channels: [C0123ABC]\n    digest: {<<: *a}\n" +
		"    rituals: [{kind: custom, schedule: \"TZ=x\", text: hi}]\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("communities: [~, 1, [], {}]\nllm: {timeout: [1]}\n"))
	f.Add([]byte("slack: {mode: http}\ncommunities:\n  - name: A\n    channels: [\"#a\", C1X]\n" +
		"    experts: [{user: U1, topics: [x]}]\n" +
		"    rituals:\n      - {kind: office_hours, schedule: \"*/5 * * * 1-5\", hosts: [U1], channel: \"#a\"}\n" +
		"    nudges: {quiet_hours: \"22:00-07:00\"}\n  - <<: {name: B}\n    channels: [C1X]\n"))
	f.Add([]byte("{<<: [*a], ? [k]: v, 'token': 1}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, "fuzz.yaml", env(socketEnv))
		if c == nil {
			t.Fatal("nil config")
		}
		if err == nil {
			if ps := c.Validate(); len(ps) != 0 {
				t.Fatalf("Parse accepted what Validate rejects: %v", ps)
			}
			return
		}
		var probs Problems
		if !errors.As(err, &probs) || len(probs) == 0 {
			t.Fatalf("err = %#v, want non-empty Problems", err)
		}
		for _, p := range probs {
			if p.Message == "" || p.Fix == "" || strings.Contains(p.String(), "xapp-test-app") {
				t.Fatalf("bad problem %#v", p)
			}
		}
	})
}

func FuzzCheckCron(f *testing.F) {
	specs := []string{"0 10 * * MON", "TZ=UTC", "CRON_TZ=x 0 * * * *", "@daily", "*/0 * * * *",
		"0-/5 1-2-3 ? JAN-DEC 7", "59 23 31 12 SUN-SAT"}
	for _, s := range specs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		checkCron(spec) // must not panic
	})
}
