package blockkit

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// block fits one block in place and reports whether it is kept. A block
// that cannot be made valid (a chart Slack would refuse, an image whose URL
// is too long, actions with no element left) is dropped: it is optional
// next to the rest of the message.
func (f *fitter) block(m map[string]any, i int) bool {
	typ, _ := m["type"].(string)
	where := blockName(typ, i)
	if typ == "" {
		f.note("%s dropped: no type", where)
		return false
	}
	if id, ok := m["block_id"].(string); ok && utf8.RuneCountInString(id) > maxBlockID {
		delete(m, "block_id")
		f.note("%s: block_id too long, removed", where)
	}
	switch typ {
	case "section":
		return f.section(m, where)
	case "header":
		f.text(m, "text", maxHeaderText, where+".text")
	case "context":
		f.list(m, "elements", maxContextElements, where)
		f.each(m, "elements", where, func(e map[string]any, at string) bool {
			if e["type"] == "image" {
				return f.image(e, at)
			}
			f.cut(e, "text", maxTextObject, at)
			return true
		})
		return nonEmpty(m, "elements", where, f)
	case "actions":
		f.list(m, "elements", maxActionElements, where)
		f.each(m, "elements", where, f.element)
		return nonEmpty(m, "elements", where, f)
	case "image":
		f.text(m, "title", maxTitle, where+".title")
		return f.image(m, where)
	case "input":
		f.text(m, "label", maxLabel, where+".label")
		f.text(m, "hint", maxHint, where+".hint")
		if e, ok := m["element"].(map[string]any); ok && !f.element(e, where+".element") {
			f.note("%s dropped: its element cannot be fitted", where)
			return false
		}
	case "data_visualization":
		return f.chart(m, where)
	}
	return true
}

func blockName(typ string, i int) string {
	if typ == "" {
		typ = "block"
	}
	return typ + "[" + itoa(i) + "]"
}

// section: text 3000, at most 10 fields of 2000, an accessory that fits.
func (f *fitter) section(m map[string]any, where string) bool {
	f.text(m, "text", maxSectionText, where+".text")
	f.list(m, "fields", maxFields, where)
	f.each(m, "fields", where+".fields", func(e map[string]any, at string) bool {
		f.cut(e, "text", maxFieldText, at)
		return true
	})
	if e, ok := m["accessory"].(map[string]any); ok && !f.element(e, where+".accessory") {
		delete(m, "accessory")
		f.note("%s: accessory removed", where)
	}
	_, text := m["text"].(map[string]any)
	fields, _ := m["fields"].([]any)
	if !text && len(fields) == 0 {
		f.note("%s dropped: neither text nor fields", where)
		return false
	}
	return true
}

// image checks an image block or element: alt_text is cut, a URL too long
// to be sent drops it.
func (f *fitter) image(m map[string]any, where string) bool {
	f.cut(m, "alt_text", maxAltText, where+".alt_text")
	if u, _ := m["image_url"].(string); utf8.RuneCountInString(u) > maxImageURL {
		f.note("%s dropped: image_url too long", where)
		return false
	}
	return true
}

// chart fits a data_visualization block's texts, then asks slack-go's
// validation (written from the block's reference) whether Slack would take
// it; a chart it would refuse is dropped.
func (f *fitter) chart(m map[string]any, where string) bool {
	f.cut(m, "title", maxChartTitle, where)
	if c, ok := m["chart"].(map[string]any); ok {
		if ax, ok := c["axis_config"].(map[string]any); ok {
			f.cut(ax, "x_label", maxAxisLabel, where+".x_label")
			f.cut(ax, "y_label", maxAxisLabel, where+".y_label")
		}
	}
	raw, err := json.Marshal(m)
	var b slack.DataVisualizationBlock
	if err == nil {
		err = json.Unmarshal(raw, &b)
	}
	if err == nil {
		err = b.Validate()
	}
	if err != nil {
		f.note("%s dropped: a chart Slack would refuse", where) // err quotes labels: not for the log
		return false
	}
	return true
}

// nonEmpty drops a block whose list came out empty (Slack requires one).
func nonEmpty(m map[string]any, key, where string, f *fitter) bool {
	if l, _ := m[key].([]any); len(l) > 0 {
		return true
	}
	f.note("%s dropped: no %s left", where, key)
	return false
}
