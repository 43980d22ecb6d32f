package demo

import (
	"context"
	"strings"

	"praxis/bot"
	"praxis/bot/i18n"
	"praxis/bot/recognition"
	"praxis/store"
)

// showThanks prints the monthly thanks of the history's last whole month,
// as the recognition ritual posts it in a community's channel on the 1st:
// one English community's and one French one's, the first with someone to
// thank.
func (d *demo) showThanks(ctx context.Context) error {
	st, err := store.Open(ctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	shown, names := map[string]bool{}, st.Names(ctx)
	for _, c := range d.setup.Communities.Communities() {
		lang := i18n.Lang(c.Language)
		if shown[lang] {
			continue
		}
		from, to := recognition.Month(d.reportAsOf(), c.Loc)
		hs, err := recognition.Helpers(ctx, st, c, from, to)
		if err != nil {
			return err
		}
		post := recognition.Post(c, from, hs)
		if post == "" {
			continue
		}
		if len(shown) == 0 {
			d.say("\n   The monthly thanks, as the recognition ritual posts them in a community's channel on the 1st")
			d.say("   (`/praxis recognition now` sooner): the members whose answers the askers accepted or thanked,")
			d.say("   never who wrote the most.")
		}
		shown[lang] = true
		d.say("\n   → in #%s (%s), each helper mentioned (pinged) by name:", c.Channels[0].Name, c.Name)
		for _, l := range strings.Split(post, "\n") {
			d.say("       %s", bot.Quote(l, bot.Plain, 0, bot.Names{Member: names.Member})) // as Slack shows it
		}
	}
	return nil
}
