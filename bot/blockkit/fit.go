// Package blockkit fits Block Kit payloads to the limits Slack documents,
// so that what Praxis sends is degraded (a text cut with a marker, extra
// items or an optional block dropped) rather than refused whole with
// invalid_blocks. It is a pure core over JSON: no I/O, and block or element
// types it does not know pass through untouched, as does any payload that
// already fits (the very same bytes).
package blockkit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Surface is where blocks are shown: it sets how many fit.
type Surface int

// Surfaces.
const (
	InMessage Surface = iota // chat.postMessage, chat.postEphemeral, chat.update, response_url
	InView                   // views.publish (the Home tab), modals
)

// FitBlocks fits a JSON array of blocks to the limits of surface s. It
// returns the blocks (raw itself when nothing had to change) and what was
// degraded, one short note per change, without any of the text.
func FitBlocks(raw json.RawMessage, s Surface) (json.RawMessage, []string, error) {
	var list []any
	if err := decode(raw, &list); err != nil {
		return nil, nil, fmt.Errorf("blocks: %w", err)
	}
	f := &fitter{}
	list = f.blocks(list, s)
	if len(f.notes) == 0 {
		return raw, nil, nil
	}
	out, err := encode(list)
	return out, f.notes, err
}

// FitView fits a view object (a Home tab or a modal): its blocks as
// InView, and its own fields.
func FitView(raw json.RawMessage) (json.RawMessage, []string, error) {
	var view map[string]any
	if err := decode(raw, &view); err != nil {
		return nil, nil, fmt.Errorf("view: %w", err)
	}
	f := &fitter{}
	if list, ok := view["blocks"].([]any); ok {
		view["blocks"] = f.blocks(list, InView)
	}
	for _, k := range []string{"title", "submit", "close"} {
		f.text(view, k, maxViewTitle, "view."+k)
	}
	// Identifiers and app data cannot be cut without changing what they
	// mean: one that is too long is left out rather than refused.
	f.dropLong(view, "private_metadata", maxPrivateMetadata, "view")
	f.dropLong(view, "callback_id", maxCallbackID, "view")
	f.dropLong(view, "external_id", maxCallbackID, "view")
	if len(f.notes) == 0 {
		return raw, nil, nil
	}
	out, err := encode(view)
	return out, f.notes, err
}

// FitText cuts a message's top-level text to Slack's hard limit.
func FitText(s string) (string, bool) { return Truncate(s, MaxText) }

// fitter walks a payload and records what it degrades.
type fitter struct{ notes []string }

func (f *fitter) note(format string, args ...any) {
	f.notes = append(f.notes, fmt.Sprintf(format, args...))
}

// blocks fits each block, then the list: unique block_ids, at most
// MaxChartsPerMessage charts in a message, and the surface's block count.
func (f *fitter) blocks(list []any, s Surface) []any {
	out := make([]any, 0, len(list))
	ids := map[string]bool{}
	charts := 0
	for i, b := range list {
		m, ok := b.(map[string]any)
		if !ok {
			f.note("block %d dropped: not an object", i)
			continue
		}
		if !f.block(m, i) {
			continue
		}
		if m["type"] == "data_visualization" && s == InMessage {
			if charts++; charts > MaxChartsPerMessage {
				f.note("block %d dropped: more than %d charts in a message", i, MaxChartsPerMessage)
				continue
			}
		}
		if id, ok := m["block_id"].(string); ok {
			if ids[id] {
				delete(m, "block_id") // Slack makes one up; a duplicate is refused
				f.note("block %d: duplicate block_id removed", i)
			}
			ids[id] = true
		}
		out = append(out, m)
	}
	max := maxMessageBlocks
	if s == InView {
		max = maxViewBlocks
	}
	return f.shorten(out, max)
}

// shorten keeps at most max blocks: dividers go first (they only space the
// rest), then the last blocks, replaced by a context block holding Marker.
func (f *fitter) shorten(list []any, max int) []any {
	if len(list) <= max {
		return list
	}
	n := len(list)
	for i := len(list) - 1; i >= 0 && len(list) > max; i-- {
		if m, _ := list[i].(map[string]any); m["type"] == "divider" {
			list = append(list[:i], list[i+1:]...)
		}
	}
	if len(list) > max {
		list = append(list[:max-1], map[string]any{"type": "context",
			"elements": []any{map[string]any{"type": "plain_text", "text": Marker}}})
	}
	f.note("%d blocks cut to %d", n, len(list))
	return list
}

// decode reads one JSON value, keeping numbers as written.
func decode(raw []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return err
	}
	if _, err := d.Token(); err != io.EOF {
		return errors.New("data after the JSON value")
	}
	return nil
}

// encode writes JSON without escaping <, > and & (Slack's markup).
func encode(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, fmt.Errorf("blockkit: %w", err)
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
