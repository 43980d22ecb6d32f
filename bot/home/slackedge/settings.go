package slackedge

import (
	"context"
	"slices"
	"strconv"

	"praxis/bot"
	"praxis/bot/home"
	"praxis/store"
)

// Action ids of the member's settings. The unmute buttons carry a suffix
// after a colon (action ids must be unique in a block), as do the
// facilitators' buttons (command.ActionReport and its siblings); the
// handlers read the part before it.
const (
	ActionFrequency = "home_digest_freq"
	ActionHour      = "home_digest_hour"
	ActionNudges    = "home_nudges"
	ActionSuggest   = "home_suggest"
	// ActionRecognition: being named in the monthly thanks, on or off.
	ActionRecognition = "home_recognition"
	ActionLanguage    = "home_lang"
	ActionMute        = "home_mute"
	ActionUnmute      = "home_unmute"
)

// settings are the ids the Home's route claims, each its own (the table's
// action prefixes must not start one another).
var settings = []string{ActionFrequency, ActionHour, ActionNudges, ActionSuggest, ActionLanguage, ActionMute,
	ActionUnmute, ActionRecognition}

// toggle applies a member's change of their own settings (ev.User's, never
// anyone named in the payload) and patches st to show it. It reports
// whether the event was a valid change.
func (t *Tab) toggle(ctx context.Context, ev bot.Event, name string, st *home.State, tx *store.Tx) (bool, error) {
	member, v := ev.User, ev.Command.Value
	var err error
	switch name {
	case ActionFrequency:
		freq := v
		if v == optionDefault {
			freq = ""
		} else if !slices.Contains([]string{bot.FrequencyDaily, bot.FrequencyWeekly, bot.FrequencyMonthly,
			bot.FrequencyOff}, v) {
			return false, nil
		}
		err, st.Prefs.Digest.Frequency = tx.SetDigestFrequency(ctx, member, freq), freq
	case ActionHour:
		hour := -1
		if v != optionDefault {
			n, perr := strconv.Atoi(v)
			if perr != nil || n < 0 || n > 23 {
				return false, nil
			}
			hour = n
		}
		err, st.Prefs.Digest.Hour = tx.SetDigestHour(ctx, member, hour), hour
	case ActionNudges:
		if v != "on" && v != "off" {
			return false, nil
		}
		err, st.Prefs.NudgesOff = tx.SetNudgesOff(ctx, member, v == "off"), v == "off"
	case ActionSuggest:
		if v != "on" && v != "off" {
			return false, nil
		}
		err, st.Prefs.NotSuggested = tx.SetSuggestable(ctx, member, v == "on"), v == "off"
	case ActionRecognition:
		if v != "on" && v != "off" {
			return false, nil
		}
		err, st.Prefs.Unnamed = tx.SetRecognitionOff(ctx, member, v == "off"), v == "off"
	case ActionLanguage:
		lang := v
		if v == "auto" {
			lang = ""
		} else if v != "en" && v != "fr" {
			return false, nil
		}
		err, st.Prefs.Language = tx.SetLanguage(ctx, member, lang), lang
		st.Lang = t.home.Lang(st)
	case ActionMute:
		if !st.InChannel(v) {
			return false, nil // only a channel of theirs
		}
		err = tx.MuteChannel(ctx, member, v)
		if !slices.Contains(st.Prefs.Muted, v) {
			st.Prefs.Muted = append(st.Prefs.Muted, v)
			slices.Sort(st.Prefs.Muted)
		}
	case ActionUnmute:
		err = tx.UnmuteChannel(ctx, member, v)
		st.Prefs.Muted = slices.DeleteFunc(st.Prefs.Muted, func(c string) bool { return c == v })
	default:
		return false, nil
	}
	return err == nil, err
}
