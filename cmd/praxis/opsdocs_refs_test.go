package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// opsRefs are what an operator's file names of the program: the command
// lines that run praxis (from "praxis" on), configuration keys, environment
// variables and metrics, and whole configuration files (a manifest's).
type opsRefs struct {
	commands            [][]string
	keys, envs, metrics []string
	configs             []string
	manifest            []map[string]any // a Kubernetes manifest's documents
	goVersion           string           // the Dockerfile's GO_VERSION
}

var (
	codeSpan  = regexp.MustCompile("`([^`]+)`")
	keySpan   = regexp.MustCompile(`^([a-z_]+(?:\.[a-z_]+)+)(?::\s.*)?$`) // `admin.listen` or `admin.listen: ":9090"`
	envRef    = regexp.MustCompile(`\b(?:(?:PRAXIS|SLACK)_[A-Z0-9_]+|OPENAI_API_KEY)\b`)
	metricRef = regexp.MustCompile(`\bpraxis_[a-z0-9_]+\b`)
	plainWord = regexp.MustCompile(`^[a-z][a-z-]*$`)
	goArg     = regexp.MustCompile(`(?m)^ARG GO_VERSION=(\S+)$`)
)

// opsRefsOf reads what the file name (by its kind: Markdown, Dockerfile,
// systemd unit, Kubernetes manifest) names.
func opsRefsOf(name string, data []byte) (opsRefs, error) {
	text := string(data)
	r := opsRefs{envs: envRef.FindAllString(text, -1), metrics: metricRef.FindAllString(text, -1)}
	switch base := filepath.Base(name); {
	case strings.HasSuffix(base, ".md"):
		for _, code := range markdownCode(text) {
			r.commands = append(r.commands, commandsIn(code)...)
			if m := keySpan.FindStringSubmatch(strings.TrimSpace(code)); m != nil {
				r.keys = append(r.keys, m[1])
			}
		}
	case base == "Dockerfile":
		return r, r.dockerfile(text)
	case strings.HasSuffix(base, ".service"):
		for line := range strings.Lines(text) {
			if cmd, ok := strings.CutPrefix(strings.TrimSpace(line), "ExecStart="); ok {
				r.commands = append(r.commands, commandsIn(strings.TrimLeft(cmd, "-@+!:"))...)
			}
		}
	case strings.HasSuffix(base, ".yaml"):
		return r, r.kubernetes(data)
	}
	return r, nil
}

// markdownCode returns the lines of a Markdown text's fenced blocks and its
// inline code spans (a span's line breaks made spaces): where commands and
// keys are written.
func markdownCode(text string) []string {
	var out []string
	var prose strings.Builder
	fenced := false
	for line := range strings.Lines(text) {
		switch {
		case strings.HasPrefix(strings.TrimSpace(line), "```"):
			fenced = !fenced
			prose.WriteString("\n")
		case fenced:
			out = append(out, line)
		default:
			prose.WriteString(line)
		}
	}
	for _, m := range codeSpan.FindAllStringSubmatch(prose.String(), -1) {
		out = append(out, strings.ReplaceAll(m[1], "\n", " "))
	}
	return out
}

// commandsIn finds the praxis command lines in a line of shell or a code
// span: "praxis" (or a path ending in /praxis, but not Slack's /praxis)
// followed by a word, up to a pipe, a list operator, a redirection or a
// comment.
func commandsIn(s string) [][]string {
	tokens := strings.Fields(s)
	for i, tok := range tokens {
		if strings.HasPrefix(tok, "#") {
			tokens = tokens[:i]
			break
		}
	}
	var out [][]string
	for i, tok := range tokens {
		w := strings.Trim(tok, `"'`)
		if (w != "praxis" && !strings.HasSuffix(w, "/praxis")) || w == "/praxis" || i+1 == len(tokens) {
			continue
		}
		verb := strings.Trim(tokens[i+1], `"',`)
		if !plainWord.MatchString(verb) || verb == "praxis" {
			continue
		}
		cmd := []string{"praxis", verb}
		for _, a := range tokens[i+2:] {
			if a == "|" || a == "&&" || a == "||" || a == ";" || strings.HasPrefix(a, ">") || strings.HasPrefix(a, "2>") {
				break
			}
			cmd = append(cmd, strings.Trim(a, `"',`))
		}
		out = append(out, cmd)
	}
	return out
}

// dockerfile reads the image's command (ENTRYPOINT then CMD, exec form) and
// the Go version it builds with.
func (r *opsRefs) dockerfile(text string) error {
	var argv []string
	for line := range strings.Lines(text) {
		for _, instr := range []string{"ENTRYPOINT ", "CMD "} {
			if arr, ok := strings.CutPrefix(line, instr); ok {
				var a []string
				if err := json.Unmarshal([]byte(arr), &a); err != nil {
					return errors.New("Dockerfile: " + instr + "is not in exec form (a JSON array)")
				}
				argv = append(argv, a...)
			}
		}
	}
	r.commands = commandsIn(strings.Join(argv, " "))
	if m := goArg.FindStringSubmatch(text); m != nil {
		r.goVersion = m[1]
	}
	return nil
}

// kubernetes reads a manifest's documents, the command lines of its
// containers and the configuration files its ConfigMaps hold.
func (r *opsRefs) kubernetes(data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc map[string]any
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		r.manifest = append(r.manifest, doc)
		if cfg, ok := dig(doc, "data", "praxis.yaml").(string); ok {
			r.configs = append(r.configs, cfg)
		}
		for _, c := range containers(doc) {
			var argv []string
			for _, a := range append(asList(c["command"]), asList(c["args"])...) {
				s, _ := a.(string)
				argv = append(argv, s)
			}
			r.commands = append(r.commands, commandsIn(strings.Join(argv, " "))...)
		}
	}
}

// containers are a workload's containers (a Deployment's, a StatefulSet's).
func containers(doc map[string]any) []map[string]any {
	var out []map[string]any
	for _, c := range asList(dig(doc, "spec", "template", "spec", "containers")) {
		if m, ok := c.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// dig follows keys down nested mappings; nil where one is missing.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
