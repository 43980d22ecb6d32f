package digest

import (
	"context"
	"slices"
	"strings"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/i18n"
	"praxis/bot/outbox"
	"praxis/store"
)

// Prepare handles the digest's buttons, for the member it was sent to
// only: less often (daily → weekly → monthly), mute a channel, unsubscribe.
// It reads what the answer needs; its step records the choice and tells
// the member. Other events are not its business.
func (b *Builder) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	if ev.Kind != bot.KindAction {
		return nil, nil
	}
	name, _, _ := strings.Cut(ev.Command.Name, ":")
	if name != ActionLess && name != ActionMute && name != ActionUnsubscribe {
		return nil, nil
	}
	member, choice, ok := strings.Cut(ev.Command.Value, "|")
	if !ok || choice == "" {
		return nil, nil // tampered with: nothing to do
	}
	lang := b.opts.Directory.Lang(ctx, ev.User, ev.Channel)
	if member != ev.User {
		return b.reply(ev, catalog.T(lang, "not_yours"), nil), nil
	}
	frequency := func(freq string) dispatch.Step {
		return func(ctx context.Context, tx *store.Tx) error { return tx.SetDigestFrequency(ctx, member, freq) }
	}
	switch {
	case name == ActionLess && choice == bot.FrequencyWeekly:
		return b.reply(ev, catalog.T(lang, "done_less"), frequency(bot.FrequencyWeekly)), nil
	case name == ActionLess && choice == bot.FrequencyMonthly:
		text := catalog.T(lang, "done_less_m", b.weekdayOf(ctx, member, lang))
		return b.reply(ev, text, frequency(bot.FrequencyMonthly)), nil
	case name == ActionMute:
		mine, err := b.memberOf(ctx, member, choice)
		if err != nil || !mine {
			return nil, err // tampered with: not one of their channels, nothing stored or echoed
		}
		mute := func(ctx context.Context, tx *store.Tx) error { return tx.MuteChannel(ctx, member, choice) }
		return b.reply(ev, catalog.T(lang, "done_mute", choice), mute), nil
	case name == ActionUnsubscribe && choice == bot.FrequencyOff:
		return b.reply(ev, catalog.T(lang, "done_off"), frequency(bot.FrequencyOff)), nil
	}
	return nil, nil
}

// memberOf reports whether channel is one of the member's community
// channels: the only channels a digest shows them, so the only ones its
// mute buttons name. A button's value comes back from Slack as the client
// sent it, and could name anything.
func (b *Builder) memberOf(ctx context.Context, member, channel string) (bool, error) {
	chans, err := b.st.MemberChannels(ctx, member)
	if err != nil {
		return false, err
	}
	return slices.Contains(chans, channel), nil
}

// Handle answers `/praxis digest on|off|daily|weekly|monthly` (and in French,
// `résumé`): the member's own frequency; on returns to the community's.
func (b *Builder) Handle(_ context.Context, ev bot.Event, lang, text string) (dispatch.Step, error) {
	words := strings.Fields(strings.ToLower(text))
	if len(words) != 2 || (words[0] != "digest" && words[0] != "résumé" && words[0] != "resume") {
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
	}[words[1]]
	if !ok {
		return nil, nil
	}
	key := "set"
	if freq == bot.FrequencyOff {
		key = "done_off"
	}
	set := func(ctx context.Context, tx *store.Tx) error { return tx.SetDigestFrequency(ctx, ev.User, freq) }
	return b.reply(ev, catalog.T(lang, key), set), nil
}

// weekdayOf names the weekday of a member's home community's digests.
func (b *Builder) weekdayOf(ctx context.Context, member, lang string) string {
	day := b.opts.Directory.Fallback().Digest.Weekday
	if chans, err := b.st.CurrentChannelMembers(ctx); err == nil {
		home, _ := b.home(chans[member])
		day = home.Digest.Weekday
	}
	return i18n.Weekday(lang, day)
}

// reply is the step that records the member's choice (set; nil for none)
// and tells them, by DM, what was done.
func (b *Builder) reply(ev bot.Event, text string, set dispatch.Step) dispatch.Step {
	msg := outbox.New("reply:"+ev.ID, outbox.PostMessage, ev.User, outbox.Message{Text: text})
	return dispatch.Steps(set, dispatch.Enqueue(msg))
}
