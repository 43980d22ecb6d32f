package blockkit

import (
	"strconv"
	"unicode/utf8"
)

// element fits an interactive element in place and reports whether it is
// kept. Texts are cut; values, URLs and ids are data the app reads back, so
// an element with one too long is dropped rather than changed.
func (f *fitter) element(m map[string]any, where string) bool {
	typ, _ := m["type"].(string)
	where += "(" + typ + ")"
	for _, k := range []string{"action_id", "url", "value"} {
		max := map[string]int{"action_id": maxActionID, "url": maxURL, "value": maxValue}[k]
		if s, _ := m[k].(string); utf8.RuneCountInString(s) > max {
			f.note("%s dropped: %s too long", where, k)
			return false
		}
	}
	f.text(m, "placeholder", maxPlaceholder, where+".placeholder")
	f.confirm(m, where)
	switch typ {
	case "button":
		f.text(m, "text", maxButtonText, where+".text")
		f.cut(m, "accessibility_label", maxA11yLabel, where+".accessibility_label")
	case "image":
		return f.image(m, where)
	case "overflow":
		return f.options(m, "options", maxOverflowOptions, where)
	case "checkboxes", "radio_buttons":
		return f.options(m, "options", maxChoiceOptions, where)
	case "static_select", "multi_static_select":
		return f.selectMenu(m, where)
	}
	return true
}

// selectMenu: options or option groups, at most 100 each.
func (f *fitter) selectMenu(m map[string]any, where string) bool {
	if _, ok := m["option_groups"]; ok {
		f.list(m, "option_groups", maxSelectOption, where)
		f.each(m, "option_groups", where+".option_groups", func(g map[string]any, at string) bool {
			f.text(g, "label", maxGroupLabel, at+".label")
			return f.options(g, "options", maxSelectOption, at)
		})
		return nonEmpty(m, "option_groups", where, f)
	}
	return f.options(m, "options", maxSelectOption, where)
}

// options fits a list of option objects to max items and reports whether
// any is left. initial_option(s) are fitted alike, so they still match.
func (f *fitter) options(m map[string]any, key string, max int, where string) bool {
	f.list(m, key, max, where)
	f.each(m, key, where+"."+key, f.option)
	if o, ok := m["initial_option"].(map[string]any); ok && !f.option(o, where+".initial_option") {
		delete(m, "initial_option")
	}
	f.each(m, "initial_options", where+".initial_options", f.option)
	return nonEmpty(m, key, where, f)
}

// option: text and description 75 (cut), value 150 and url 3000 (too long:
// the option is dropped).
func (f *fitter) option(o map[string]any, where string) bool {
	if v, _ := o["value"].(string); utf8.RuneCountInString(v) > maxOptionValue {
		f.note("%s dropped: value too long", where)
		return false
	}
	if u, _ := o["url"].(string); utf8.RuneCountInString(u) > maxURL {
		f.note("%s dropped: url too long", where)
		return false
	}
	f.text(o, "text", maxOptionText, where+".text")
	f.text(o, "description", maxOptionText, where+".description")
	return true
}

// confirm fits an element's confirmation dialog.
func (f *fitter) confirm(m map[string]any, where string) {
	c, ok := m["confirm"].(map[string]any)
	if !ok {
		return
	}
	where += ".confirm"
	f.text(c, "title", maxConfirmTitle, where+".title")
	f.text(c, "text", maxConfirmText, where+".text")
	f.text(c, "confirm", maxConfirmBtn, where+".confirm")
	f.text(c, "deny", maxConfirmBtn, where+".deny")
}

// text cuts the text object m[key] (a {"type","text"} object) to max.
func (f *fitter) text(m map[string]any, key string, max int, where string) {
	if t, ok := m[key].(map[string]any); ok {
		f.cut(t, "text", max, where)
	}
}

// cut cuts the string m[key] to max characters, with Marker.
func (f *fitter) cut(m map[string]any, key string, max int, where string) {
	s, ok := m[key].(string)
	if !ok {
		return
	}
	if short, cut := Truncate(s, max); cut {
		m[key] = short
		f.note("%s: %s cut to %d characters", where, key, max)
	}
}

// dropLong removes m[key] when it is a string longer than max.
func (f *fitter) dropLong(m map[string]any, key string, max int, where string) {
	if s, ok := m[key].(string); ok && utf8.RuneCountInString(s) > max {
		delete(m, key)
		f.note("%s: %s too long, removed", where, key)
	}
}

// list keeps at most max items of the array m[key].
func (f *fitter) list(m map[string]any, key string, max int, where string) {
	if l, ok := m[key].([]any); ok && len(l) > max {
		m[key] = l[:max]
		f.note("%s: %s cut from %d to %d", where, key, len(l), max)
	}
}

// each fits every object of the array m[key] with fit, dropping those it
// refuses and anything that is not an object.
func (f *fitter) each(m map[string]any, key, where string, fit func(map[string]any, string) bool) {
	l, ok := m[key].([]any)
	if !ok {
		return
	}
	out := l[:0]
	for i, it := range l {
		o, ok := it.(map[string]any)
		if ok && fit(o, where+"["+itoa(i)+"]") {
			out = append(out, o)
		} else if !ok {
			f.note("%s[%d] dropped: not an object", where, i)
		}
	}
	m[key] = out
}

func itoa(i int) string { return strconv.Itoa(i) }
