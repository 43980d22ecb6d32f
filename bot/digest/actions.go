package digest

import (
	"context"
	"slices"
	"strings"

	"praxis/bot"
	"praxis/bot/config"
	"praxis/bot/dispatch"
	"praxis/bot/i18n"
	"praxis/bot/outbox"
	"praxis/store"
)

// Apply handles the digest's buttons, for the member it was sent to only:
// less often (daily → weekly → monthly), mute a channel, unsubscribe. Other events
// are not its business.
func (b *Builder) Apply(ctx context.Context, ev bot.Event, tx *store.Tx) error {
	if ev.Kind != bot.KindAction {
		return nil
	}
	name, _, _ := strings.Cut(ev.Command.Name, ":")
	if name != ActionLess && name != ActionMute && name != ActionUnsubscribe {
		return nil
	}
	member, choice, ok := strings.Cut(ev.Command.Value, "|")
	if !ok || choice == "" {
		return nil // tampered with: nothing to do
	}
	lang := b.memberLang(ctx, ev.User)
	if member != ev.User {
		return b.reply(ctx, ev, tx, catalog.T(lang, "not_yours"))
	}
	var err error
	var text string
	switch {
	case name == ActionLess && choice == config.FrequencyWeekly:
		err, text = tx.SetDigestFrequency(ctx, member, config.FrequencyWeekly), catalog.T(lang, "done_less")
	case name == ActionLess && choice == config.FrequencyMonthly:
		err, text = tx.SetDigestFrequency(ctx, member, config.FrequencyMonthly), catalog.T(lang, "done_less_m", b.weekdayOf(ctx, member, lang))
	case name == ActionMute:
		mine, err := b.memberOf(ctx, member, choice)
		if err != nil || !mine {
			return err // tampered with: not one of their channels, nothing stored or echoed
		}
		err, text = tx.MuteChannel(ctx, member, choice), catalog.T(lang, "done_mute", choice)
	case name == ActionUnsubscribe && choice == config.FrequencyOff:
		err, text = tx.SetDigestFrequency(ctx, member, config.FrequencyOff), catalog.T(lang, "done_off")
	default:
		return nil
	}
	if err != nil {
		return err
	}
	return b.reply(ctx, ev, tx, text)
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
func (b *Builder) Handle(ctx context.Context, ev bot.Event, lang, text string, tx *store.Tx) (bool, error) {
	words := strings.Fields(strings.ToLower(text))
	if len(words) != 2 || (words[0] != "digest" && words[0] != "résumé" && words[0] != "resume") {
		return false, nil
	}
	freq, ok := map[string]string{"on": "", "off": config.FrequencyOff, "daily": config.FrequencyDaily,
		"weekly": config.FrequencyWeekly, "quotidien": config.FrequencyDaily, "hebdo": config.FrequencyWeekly,
		"hebdomadaire": config.FrequencyWeekly, "monthly": config.FrequencyMonthly, "mensuel": config.FrequencyMonthly}[words[1]]
	if !ok {
		return false, nil
	}
	if err := tx.SetDigestFrequency(ctx, ev.User, freq); err != nil {
		return true, err
	}
	key := "set"
	if freq == config.FrequencyOff {
		key = "done_off"
	}
	return true, b.reply(ctx, ev, tx, catalog.T(lang, key))
}

// weekdayOf names the weekday of a member's home community's digests.
func (b *Builder) weekdayOf(ctx context.Context, member, lang string) string {
	day := defaultCommunity.Weekday
	if chans, err := b.st.CurrentChannelMembers(ctx); err == nil {
		home, _ := b.home(chans[member])
		day = home.Weekday
	}
	return weekdayNames[i18n.Lang(lang)][day]
}

var weekdayNames = map[string][]string{
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	"fr": {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
}

// memberLang is a member's language: their Slack locale, else English.
func (b *Builder) memberLang(ctx context.Context, member string) string {
	m, err := b.st.Member(ctx, member)
	if err != nil {
		return "en"
	}
	return i18n.Lang(m.Locale)
}

// reply tells the member, by DM, what was done.
func (b *Builder) reply(ctx context.Context, ev bot.Event, tx *store.Tx, text string) error {
	_, err := tx.Enqueue(ctx, outbox.New("reply:"+ev.ID, outbox.PostMessage, ev.User, outbox.Message{Text: text}))
	return err
}

// Prepare hands on the step that handles the buttons (Apply).
func (b *Builder) Prepare(_ context.Context, ev bot.Event) (dispatch.Step, error) {
	return func(ctx context.Context, tx *store.Tx) error { return b.Apply(ctx, ev, tx) }, nil
}
