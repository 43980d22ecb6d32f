package command

import (
	"context"
	"encoding/json"
	"testing"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/outbox"
	"praxis/internal/testkit"
	"praxis/store"
)

// A facilitator's button reaches its handler, with the community its value
// names, only for that community's facilitators; anyone else, or a name no
// community has, gets the refusal by DM (the name escaped), in their
// language, and the handler is not called.
func TestForFacilitators(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t, nil)
	sec, data := testkit.Community("Security", "C1"), testkit.Community("Data <&>", "C2")
	sec.Facilitators, data.Facilitators = []string{"U1"}, []string{"U2"}
	dir := bot.NewDirectory([]bot.Community{sec, data}, testkit.Community(""), nil)
	var got []string
	h := ForFacilitators(dir, func(_ context.Context, r Request, c bot.Community) (dispatch.Step, error) {
		got = append(got, r.Member+"/"+c.Name)
		return nil, nil
	})
	for i, c := range []struct{ member, value, lang, refusal string }{
		{"U1", "security", "en", ""},
		{"U2", "Data <&>", "fr", ""},
		{"U2", "Security", "fr", "Seuls les animateurs de Security peuvent faire cela."},
		{"U1", "Data <&>", "en", "Only the facilitators of Data &lt;&amp;&gt; can do this."},
		{"U3", "Nowhere", "en", "Only the facilitators of Nowhere can do this."},
	} {
		ev := bot.Event{ID: "E" + string(rune('0'+i)), Kind: bot.KindAction, User: c.member,
			Command: bot.Command{Name: ActionReport + ":0", Value: c.value}}
		got = nil
		step, err := h(ctx, Request{Event: ev, Member: c.member, Lang: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		if c.refusal == "" {
			if len(got) != 1 || step != nil {
				t.Errorf("%s on %s: got %v called, step %v; want the handler called once", c.member, c.value, got, step)
			}
			continue
		}
		if len(got) != 0 {
			t.Errorf("%s on %s: got the handler called for %v, want a refusal", c.member, c.value, got)
		}
		testkit.Do(t, st, func(tx *store.Tx) error { return step.Run(ctx, tx) })
		row, err := st.OutboxByKey(ctx, "home:dm:"+ev.ID)
		if err != nil {
			t.Fatal(err)
		}
		var m outbox.Message
		if err := json.Unmarshal([]byte(row.Payload), &m); err != nil || row.ChannelID != c.member || m.Text != c.refusal {
			t.Errorf("%s on %s: got %q to %s (%v), want %q to them", c.member, c.value, m.Text, row.ChannelID, err,
				c.refusal)
		}
	}
}
