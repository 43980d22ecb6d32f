package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"strconv"
	"strings"

	_ "time/tzdata" // time zones must not depend on the host's tzdata

	"gopkg.in/yaml.v3"
)

// MaxFileSize bounds the size of a configuration file.
const MaxFileSize = 1 << 20

// Load reads the configuration file at path and returns it with defaults
// applied and secrets read with getenv (os.Getenv when nil), validated.
//
// The error is either an I/O error (the file could not be read; the
// *Config is then nil) or Problems listing every problem found. With
// Problems, the returned *Config is non-nil: the defaults overlaid with
// whatever could be decoded. Use it only for best-effort needs such as
// finding the database path; never run with it.
func Load(path string, getenv func(string) string) (*Config, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("config: %s: %w; to start, copy the example and edit it: cp config.example.yaml %s",
			path, fs.ErrNotExist, path)
	}
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("config: read %s: %w", path, err)
	}
	return Parse(data, path, getenv)
}

// Parse is Load for the content of a file; filename is only used in
// problems. It never returns a nil *Config.
func Parse(data []byte, filename string, getenv func(string) string) (*Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	c := Default()
	c.Secrets = SecretsFromEnv(getenv)
	c.src = newSource(filename)
	probs, typeProbs, read := c.decode(data)
	c.finish()
	if read { // else the defaults would be judged: "no community configured" and the like
		probs = append(probs, c.Validate().without(typeProbs)...)
	}
	probs = probs.sorted(filename)
	if len(probs) > 0 {
		return c, probs
	}
	return c, nil
}

// decode parses data over c, returning the problems of syntax and
// structure, and apart those of values that could not be decoded (whose
// knock-on validation problems are not worth reporting). read is false
// when no setting could be read at all (a syntax error, an empty file): the
// problem is then the file's alone, and validating would only report the
// defaults' gaps.
func (c *Config) decode(data []byte) (probs, typeProbs Problems, read bool) {
	if len(data) > MaxFileSize {
		return Problems{{Message: fmt.Sprintf("the file is larger than %d bytes", MaxFileSize),
			Fix: "a configuration file should be a few kilobytes: check that this is the right file"}}, nil, false
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	switch err := decodeStream(dec, &root); {
	case errors.Is(err, io.EOF):
		return Problems{{Message: "the file is empty", Fix: "start from config.example.yaml"}}, nil, false
	case err != nil:
		return Problems{syntaxProblem(err)}, nil, false
	}
	var second yaml.Node
	if err := decodeStream(dec, &second); !errors.Is(err, io.EOF) {
		probs = append(probs, Problem{
			Line:    second.Line,
			Message: "the file holds more than one YAML document",
			Fix:     "keep a single document: remove the --- separator and what follows",
		})
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		if len(root.Content) == 0 || root.Content[0].ShortTag() == "!!null" {
			return append(probs, Problem{
				Line:    root.Line,
				Message: "the file has no settings",
				Fix:     "start from config.example.yaml",
			}), nil, false
		}
		return append(probs, Problem{
			Line:    root.Content[0].Line,
			Message: "the file must be a mapping of keys (key: value)",
			Fix:     "start from config.example.yaml",
		}), nil, false
	}
	w := &walker{src: c.src, seen: map[walkKey]bool{}}
	w.walk(&root, reflect.TypeFor[Config](), "", true)
	probs = append(probs, w.probs...)
	var terr *yaml.TypeError
	for _, err := range c.decodeNodes(root.Content[0]) {
		switch {
		case errors.As(err, &terr):
			for _, e := range terr.Errors {
				typeProbs = append(typeProbs, c.src.decodeProblem(e))
			}
		case err != nil:
			probs = append(probs, Problem{Message: strings.TrimPrefix(err.Error(), "yaml: "),
				Fix: "simplify the file (avoid YAML aliases that expand to huge documents)"})
		}
	}
	return append(probs, typeProbs...), typeProbs, true
}

// decodeNodes decodes a top-level mapping over c. Each community is
// decoded on its own over DefaultCommunity, so that keys left out keep
// their defaults and a community with a wrong value is still kept (yaml.v3
// drops list items whose decoding fails).
func (c *Config) decodeNodes(m *yaml.Node) []error {
	rest := *m
	rest.Content = nil
	var communities *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "communities" && k.ShortTag() == "!!str" {
			communities = m.Content[i+1]
			continue
		}
		rest.Content = append(rest.Content, m.Content[i], m.Content[i+1])
	}
	errs := []error{decodeNode(&rest, c)}
	seq := communities
	for seq != nil && seq.Kind == yaml.AliasNode {
		seq = seq.Alias
	}
	switch {
	case seq == nil || seq.ShortTag() == "!!null":
	case seq.Kind != yaml.SequenceNode:
		errs = append(errs, decodeNode(communities, &c.Communities))
	default:
		c.Communities = make([]Community, 0, len(seq.Content))
		for _, item := range seq.Content {
			if item.ShortTag() == "!!null" {
				continue // reported as an empty list item
			}
			cm := DefaultCommunity()
			errs = append(errs, decodeNode(item, &cm))
			c.Communities = append(c.Communities, cm)
		}
	}
	return errs
}

// decodeNode is n.Decode(v), turning a panic of yaml.v3 (it has a few on
// odd inputs) into an error.
func decodeNode(n *yaml.Node, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML could not be decoded: %v", r)
		}
	}()
	return n.Decode(v)
}

// decodeStream is dec.Decode(n), turning a panic of yaml.v3 into an error.
func decodeStream(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the YAML could not be parsed: %v", r)
		}
	}()
	return dec.Decode(n)
}

// syntaxProblem turns a YAML syntax error into a problem at its line.
func syntaxProblem(err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				line, msg = l, after
			}
		}
	}
	switch msg {
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected '-' indicator",
		"did not find expected <document start>", "did not find expected key", "did not find expected node content",
		"found duplicate %TAG directive", "found duplicate %YAML directive", "found incompatible YAML document",
		"found undefined tag handle":
		if line > 0 {
			line++ // yaml.v3 reports parser (not scanner) errors with a 0-based line
		}
	}
	return Problem{
		Line:    line,
		Message: "YAML syntax error: " + msg,
		Fix: "check indentation (spaces, not tabs) and quoting near this line; " +
			"quote values containing \": \" or starting with # [ { * & ! | > ' \" % @",
	}
}

// decodeProblem turns one message of a *yaml.TypeError into a problem.
func (s *source) decodeProblem(e string) Problem {
	var p Problem
	if rest, ok := strings.CutPrefix(e, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				p.Line, e = l, after
			}
		}
	}
	p.Message, p.Fix, _ = strings.Cut(e, fixSeparator)
	quoted := ""
	if _, q, ok := strings.Cut(e, "`"); ok {
		quoted, _, _ = strings.Cut(q, "`")
	}
	tag := ""
	if rest, ok := strings.CutPrefix(e, "cannot unmarshal "); ok {
		tag, _, _ = strings.Cut(rest, " ")
		_, into, _ := strings.Cut(rest, " into ")
		p.Message = fmt.Sprintf("expected %s, got %s", describeType(into), describeTag(tag, quoted))
		p.Fix = "write " + describeType(into)
	}
	p.Key = s.keyAt(p.Line, quoted, tag)
	if p.Fix == "" {
		p.Fix = "see config.example.yaml for the expected shape"
	}
	return p
}

// describeType names a Go type from a yaml.v3 message for a reader.
func describeType(t string) string {
	switch {
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "string":
		return "a single value (quote it if needed)"
	case t == "config.Duration":
		return "a duration such as 30s or 720h"
	case strings.HasPrefix(t, "[]"):
		return `a list, e.g. ["a", "b"] or one "- item" per line`
	}
	return "a mapping of keys (key: value)"
}

// describeTag names what the file holds, from a YAML tag.
func describeTag(tag, quoted string) string {
	v := ""
	if quoted != "" {
		v = " `" + quoted + "`"
	}
	switch tag {
	case "!!seq":
		return "a list"
	case "!!map":
		return "a mapping"
	case "!!str":
		return "the text" + v
	case "!!bool":
		return "the boolean" + v
	case "!!int", "!!float":
		return "the number" + v
	}
	return "the value" + v
}

// finish completes a decoded configuration: communities inherit the
// top-level language and timezone, rituals default to their community's
// first channel, the API URL ends in "/", time zones are resolved, and a
// database URL leaves no default path (one the file sets stays, for
// Validate to refuse the pair).
func (c *Config) finish() {
	if _, u := c.databaseURL(); u != "" && !c.src.has("database.path") {
		c.Database.Path = ""
	}
	if c.Slack.APIURL == "" {
		c.Slack.APIURL = DefaultAPIURL
	} else if !strings.HasSuffix(c.Slack.APIURL, "/") {
		c.Slack.APIURL += "/"
	}
	c.loc, _ = loadLocation(c.Timezone)
	for i := range c.Communities {
		cm := &c.Communities[i]
		if cm.Language == "" {
			cm.Language = c.Language
		}
		if cm.Timezone == "" {
			cm.Timezone = c.Timezone
		}
		cm.loc, _ = loadLocation(cm.Timezone)
		for j := range cm.Rituals {
			if cm.Rituals[j].Channel == "" && len(cm.Channels) > 0 {
				cm.Rituals[j].Channel = cm.Channels[0]
			}
		}
	}
}
