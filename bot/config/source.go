package config

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// source remembers where each key of a configuration file is, so that
// problems found after decoding can be reported with their line.
type source struct {
	file   string
	lines  map[string]int         // key path → line of the key or list item
	byLine map[int][]sourceScalar // scalars on each line, to place decoder errors
}

// sourceScalar is a key or a scalar value found on a line.
type sourceScalar struct {
	path  string
	value string
	isKey bool
	kind  yaml.Kind // for keys: the kind of the value
}

func newSource(file string) *source {
	return &source{file: file, lines: map[string]int{}, byLine: map[int][]sourceScalar{}}
}

// lineOfAny returns the line of the first of keys present in the file,
// else the line of the last one (or of its closest ancestor).
func (s *source) lineOfAny(keys ...string) int {
	if s == nil {
		return 0
	}
	for _, k := range keys {
		if l, ok := s.lines[k]; ok {
			return l
		}
	}
	return s.lineOf(keys[len(keys)-1])
}

// has reports whether the file sets key.
func (s *source) has(key string) bool {
	if s == nil {
		return false
	}
	_, ok := s.lines[key]
	return ok
}

// lineOf returns the line of key, or of its closest ancestor present in
// the file; 0 when unknown.
func (s *source) lineOf(key string) int {
	if s == nil {
		return 0
	}
	for key != "" {
		if l, ok := s.lines[key]; ok {
			return l
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

// keyAt guesses the key a decoder error at line is about: the scalar whose
// value the message quotes, else the key of a list or mapping (per tag),
// else the first key on the line.
func (s *source) keyAt(line int, quoted string, tag string) string {
	entries := s.byLine[line]
	if quoted != "" || tag == "!!str" {
		prefix, cut := strings.CutSuffix(quoted, "...")
		for _, e := range entries {
			if !e.isKey && (e.value == quoted || cut && strings.HasPrefix(e.value, prefix)) {
				return e.path
			}
		}
	}
	want := map[string]yaml.Kind{"!!seq": yaml.SequenceNode, "!!map": yaml.MappingNode}[tag]
	for _, e := range entries {
		if e.isKey && want != 0 && e.kind == want {
			return e.path
		}
	}
	for _, e := range entries {
		if e.isKey {
			return e.path
		}
	}
	return ""
}

// walkKey identifies a node already checked against a type (aliases may
// point at the same node many times).
type walkKey struct {
	node *yaml.Node
	typ  reflect.Type
}

// walker checks a YAML tree against the Go types it will be decoded into:
// unknown keys, duplicate keys (removed from the tree so that decoding goes
// on), fractions given for whole numbers and secrets pasted into the file.
// It also indexes the lines of the tree into src.
type walker struct {
	src   *source
	probs Problems
	seen  map[walkKey]bool
}

func (w *walker) add(line int, key, msg, fix string) {
	w.probs = append(w.probs, Problem{Line: line, Key: key, Message: msg, Fix: fix})
}

var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

// walk checks n, to be decoded into t (nil when unknown), found at path.
// Nodes reached through an alias are checked but not indexed.
func (w *walker) walk(n *yaml.Node, t reflect.Type, path string, index bool) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			w.walk(c, t, path, index)
		}
	case yaml.AliasNode:
		if n.Alias != nil && !w.seen[walkKey{n.Alias, t}] {
			w.seen[walkKey{n.Alias, t}] = true
			w.walk(n.Alias, t, path, false)
		}
	case yaml.ScalarNode:
		w.scalar(n, t, path, index)
	case yaml.SequenceNode:
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			if index {
				w.src.lines[p] = c.Line
			}
			if c.Kind == yaml.ScalarNode && c.ShortTag() == "!!null" {
				w.add(c.Line, p, "list item is empty",
					`write the value, quoted if it starts with # (an unquoted # starts a YAML comment): - "#general"`)
				continue
			}
			w.walk(c, elem, p, index)
		}
	case yaml.MappingNode:
		w.mapping(n, t, path, index)
	}
}

func (w *walker) scalar(n *yaml.Node, t reflect.Type, path string, index bool) {
	if index {
		w.src.byLine[n.Line] = append(w.src.byLine[n.Line], sourceScalar{path: path, value: n.Value})
	}
	if t != nil && !reflect.PointerTo(t).Implements(unmarshalerType) && n.ShortTag() == "!!float" {
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			msg := fmt.Sprintf("expected a whole number, got `%s`", shorten(n.Value))
			w.add(n.Line, path, msg, "write a whole number such as 4")
		}
	}
	if env := tokenEnv(n.Value); env != "" && n.Tag != "!!binary" {
		w.add(n.Line, path, "this value looks like a secret: secrets are never read from the file",
			"delete it from the file (and rotate it if the file was shared), then set the environment variable "+env)
	}
}

func (w *walker) mapping(n *yaml.Node, t reflect.Type, path string, index bool) {
	var fields map[string]reflect.Type
	if t != nil && t.Kind() == reflect.Struct {
		fields = yamlFields(t)
	}
	w.cleanKeys(n, path)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.ShortTag() == "!!merge" {
			w.merge(v, t, path, index)
			continue
		}
		p := k.Value
		if path != "" {
			p = path + "." + k.Value
		}
		if index {
			w.src.lines[p] = k.Line
			w.src.byLine[k.Line] = append(w.src.byLine[k.Line], sourceScalar{path: p, value: k.Value, isKey: true, kind: v.Kind})
		}
		if fields == nil {
			w.walk(v, nil, p, index)
			continue
		}
		ft, ok := fields[k.Value]
		switch {
		case ok:
			w.walk(v, ft, p, index)
		case path == "" && strings.HasPrefix(k.Value, "x-"):
			// extension key, ignored: a place to hold YAML anchors
		default:
			w.unknown(k, p, fields)
		}
	}
}

// merge checks the mappings merged in with "<<".
func (w *walker) merge(v *yaml.Node, t reflect.Type, path string, index bool) {
	switch v.Kind {
	case yaml.AliasNode:
		w.walk(v, t, path, index)
	case yaml.MappingNode:
		w.mapping(v, t, path, index)
	case yaml.SequenceNode:
		for _, c := range v.Content {
			if c.Kind == yaml.AliasNode || c.Kind == yaml.MappingNode {
				w.merge(c, t, path, index)
			}
		}
	}
}

// cleanKeys reports keys that are not plain words or that are given twice
// in a mapping, and removes them: yaml.v3 would otherwise stop decoding the
// whole mapping (duplicates) or panic (non-scalar keys next to "<<").
func (w *walker) cleanKeys(n *yaml.Node, path string) {
	first := map[string]int{}
	kept := n.Content[:0:0]
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		switch {
		case k.Kind != yaml.ScalarNode:
			w.add(k.Line, path, "keys must be plain words, got "+kindName(k.Kind), "write the key as a word followed by a colon")
			continue
		case k.ShortTag() == "!!merge":
		default:
			if line, dup := first[k.Value]; dup {
				p := k.Value
				if path != "" {
					p = path + "." + k.Value
				}
				w.add(k.Line, p, fmt.Sprintf("key %q is given twice (first at line %d)", shorten(k.Value), line),
					"keep only one of them")
				continue
			}
			first[k.Value] = k.Line
		}
		kept = append(kept, n.Content[i], n.Content[i+1])
	}
	if len(kept) != len(n.Content) {
		n.Content = kept
	}
}

// unknown reports a key that does not exist, with a suggestion.
func (w *walker) unknown(k *yaml.Node, path string, fields map[string]reflect.Type) {
	name := k.Value
	if env := secretKeyEnv(name); env != "" {
		if strings.HasPrefix(path, "database.") { // database.password and the like
			env = EnvDatabaseURL
		}
		w.add(k.Line, path, fmt.Sprintf("unknown key %q: secrets are never read from the file", shorten(name)),
			"delete this key (and rotate the secret if the file was shared), then set the environment variable "+env)
		return
	}
	known := make([]string, 0, len(fields))
	for f := range fields {
		known = append(known, f)
	}
	slices.Sort(known)
	fix := "remove it; valid keys here: " + strings.Join(known, ", ")
	if s := suggest(name, known); s != "" {
		fix = fmt.Sprintf("did you mean `%s`? (valid keys here: %s)", s, strings.Join(known, ", "))
	}
	w.add(k.Line, path, fmt.Sprintf("unknown key %q", shorten(name)), fix)
}

// yamlFields maps the YAML keys of a struct type to their field types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	fields := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = strings.ToLower(f.Name)
		}
		fields[name] = f.Type
	}
	return fields
}
