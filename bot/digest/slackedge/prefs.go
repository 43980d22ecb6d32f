package slackedge

import (
	"context"
	"slices"
	"strings"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/digest"
	"praxis/bot/dispatch"
	"praxis/bot/i18n"
	"praxis/bot/outbox"
	"praxis/store"
)

// Prefs answers a member's choices about their digests: `/praxis digest`
// and the digest's buttons. It reads their channels from the store, and
// their home community's weekday from the directory.
type Prefs struct {
	st  *store.Store
	dir *bot.Directory
}

// NewPrefs returns the Prefs of dir's members, in st.
func NewPrefs(st *store.Store, dir *bot.Directory) *Prefs { return &Prefs{st: st, dir: dir} }

// Routes are `/praxis digest` and the digest's buttons.
func (p *Prefs) Routes() []command.Route {
	return []command.Route{
		{Verbs: map[string][]string{"en": {"digest"}, "fr": {"résumé"}}, Help: "help_digest", Handle: p.command},
		{Actions: []string{ActionLess, ActionMute, ActionUnsubscribe}, Handle: p.button},
	}
}

// button handles the digest's buttons, for the member it was sent to
// only: less often (daily → weekly → monthly), mute a channel, unsubscribe.
// It reads what the answer needs; its step records the choice and tells
// the member.
func (p *Prefs) button(ctx context.Context, r command.Request) (dispatch.Step, error) {
	name, _, _ := strings.Cut(r.Event.Command.Name, ":")
	member, choice, ok := strings.Cut(r.Event.Command.Value, "|")
	if !ok || choice == "" {
		return nil, nil // tampered with: nothing to do
	}
	if member != r.Member {
		return p.reply(r, catalog.T(r.Lang, "not_yours"), nil), nil
	}
	frequency := func(freq string) dispatch.Step {
		return func(ctx context.Context, tx *store.Tx) error { return tx.SetDigestFrequency(ctx, member, freq) }
	}
	switch {
	case name == ActionLess && choice == bot.FrequencyWeekly:
		return p.reply(r, catalog.T(r.Lang, "done_less"), frequency(bot.FrequencyWeekly)), nil
	case name == ActionLess && choice == bot.FrequencyMonthly:
		text := catalog.T(r.Lang, "done_less_m", p.weekdayOf(ctx, member, r.Lang))
		return p.reply(r, text, frequency(bot.FrequencyMonthly)), nil
	case name == ActionMute:
		mine, err := p.memberOf(ctx, member, choice)
		if err != nil || !mine {
			return nil, err // tampered with: not one of their channels, nothing stored or echoed
		}
		mute := func(ctx context.Context, tx *store.Tx) error { return tx.MuteChannel(ctx, member, choice) }
		return p.reply(r, catalog.T(r.Lang, "done_mute", choice), mute), nil
	case name == ActionUnsubscribe && choice == bot.FrequencyOff:
		return p.reply(r, catalog.T(r.Lang, "done_off"), frequency(bot.FrequencyOff)), nil
	}
	return nil, nil
}

// memberOf reports whether channel is one of the member's community
// channels: the only channels a digest shows them, so the only ones its
// mute buttons name. A button's value comes back from Slack as the client
// sent it, and could name anything.
func (p *Prefs) memberOf(ctx context.Context, member, channel string) (bool, error) {
	chans, err := p.st.MemberChannels(ctx, member)
	if err != nil {
		return false, err
	}
	return slices.Contains(chans, channel), nil
}

// command answers `/praxis digest on|off|daily|weekly|monthly` (and in
// French, `résumé`): the member's own frequency; on returns to the
// community's. Anything else is not a digest command (nil).
func (p *Prefs) command(_ context.Context, r command.Request) (dispatch.Step, error) {
	words := strings.Fields(strings.ToLower(r.Text))
	if len(words) != 1 {
		return nil, nil
	}
	freq, ok := map[string]string{
		"on":           "",
		"off":          bot.FrequencyOff,
		"daily":        bot.FrequencyDaily,
		"weekly":       bot.FrequencyWeekly,
		"quotidien":    bot.FrequencyDaily,
		"hebdo":        bot.FrequencyWeekly,
		"hebdomadaire": bot.FrequencyWeekly,
		"monthly":      bot.FrequencyMonthly,
		"mensuel":      bot.FrequencyMonthly,
	}[words[0]]
	if !ok {
		return nil, nil
	}
	key := "set"
	if freq == bot.FrequencyOff {
		key = "done_off"
	}
	set := func(ctx context.Context, tx *store.Tx) error { return tx.SetDigestFrequency(ctx, r.Member, freq) }
	return p.reply(r, catalog.T(r.Lang, key), set), nil
}

// weekdayOf names the weekday of a member's home community's digests.
func (p *Prefs) weekdayOf(ctx context.Context, member, lang string) string {
	day := p.dir.Fallback().Digest.Weekday
	if chans, err := p.st.CurrentChannelMembers(ctx); err == nil {
		home, _ := digest.HomeCommunity(p.dir, chans[member])
		day = home.Digest.Weekday
	}
	return i18n.Weekday(lang, day)
}

// reply is the step that records the member's choice (set; nil for none)
// and tells them what was done, where they asked (command.Request.Reply).
func (p *Prefs) reply(r command.Request, text string, set dispatch.Step) dispatch.Step {
	return dispatch.Steps(set, dispatch.Enqueue(r.Reply(outbox.Message{Text: text})))
}
