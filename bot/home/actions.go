package home

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/nudge"
	"praxis/bot/report"
	"praxis/bot/report/deliver"
	"praxis/store"
)

// toggle applies a member's change of their own settings (ev.User's, never
// anyone named in the payload) and patches st to show it. It reports
// whether the event was a valid change.
func (h *Home) toggle(ctx context.Context, ev bot.Event, name string, st *State, tx *store.Tx) (bool, error) {
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
	case ActionLanguage:
		lang := v
		if v == "auto" {
			lang = ""
		} else if v != "en" && v != "fr" {
			return false, nil
		}
		err, st.Prefs.Language = tx.SetLanguage(ctx, member, lang), lang
		st.Lang = h.langOf(st)
	case ActionMute:
		if !st.inChannel(v) {
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

// inChannel reports whether a channel is one of the member's mapped channels.
func (s *State) inChannel(id string) bool {
	for _, c := range s.Communities {
		if slices.Contains(c.Channels, id) {
			return true
		}
	}
	return false
}

// prepareFacilitator reads what a facilitator's button asks, when the
// member facilitates the community: nothing is read for anyone else. A
// report's messages (its charts drawn) are made here too.
func (h *Home) prepareFacilitator(ctx context.Context, ev bot.Event, name string, pr *prepared) error {
	if name != ActionReport && name != ActionPreviewDigest && name != ActionPreviewNudges {
		return nil
	}
	c, err := h.facilitatorOf(ev.Command.Value, ev.User)
	if err != nil {
		return nil
	}
	lang := pr.state.Lang
	switch name {
	case ActionReport:
		r, err := h.report(ctx, c, h.now(), true)
		if err == nil {
			r, err = report.ForReader(ctx, h.st, r, ev.User)
		}
		if err != nil {
			h.log.Warn("home: report not built", "community", c.Name, "err", err)
			pr.dm = catalog.T(lang, "report_failed", bot.Escape(c.Name))
			return nil
		}
		pr.report, err = deliver.Messages(r, c.Report, ev.User, "home:report:"+ev.ID)
		return err
	case ActionPreviewDigest:
		pr.dm = h.previewDigest(ctx, ev.User, lang)
	case ActionPreviewNudges:
		pr.dm = h.previewNudges(ctx, c.Name, lang)
	}
	return nil
}

// facilitatorAction answers a facilitator's button. It reports whether the
// event was one.
func (h *Home) facilitatorAction(ctx context.Context, ev bot.Event, name string, pr *prepared, st *State,
	tx *store.Tx) (bool, error) {
	if name != ActionReport && name != ActionPreviewDigest && name != ActionPreviewNudges {
		return false, nil
	}
	if _, err := h.facilitatorOf(ev.Command.Value, ev.User); errors.Is(err, errNotFacilitator) {
		return true, tell(ctx, ev, tx, catalog.T(st.Lang, "not_facilitator", bot.Escape(ev.Command.Value)))
	}
	if name != ActionReport || pr.report == nil {
		return true, tell(ctx, ev, tx, pr.dm)
	}
	return true, dispatch.Enqueue(pr.report...)(ctx, tx)
}

// previewDigest is the member's next digest as text, nothing sent.
func (h *Home) previewDigest(ctx context.Context, member, lang string) string {
	if h.opts.Digests == nil {
		return catalog.T(lang, "digest_failed")
	}
	pl, d, err := h.opts.Digests.Preview(ctx, member, h.now())
	if err != nil {
		h.log.Warn("home: digest preview", "member_id", member, "err", err)
		return catalog.T(lang, "digest_failed")
	}
	if d.Empty() {
		return catalog.T(lang, "digest_empty")
	}
	span := pl.From.UTC().Format("2006-01-02") + " → " + pl.To.UTC().Format("2006-01-02")
	return catalog.T(lang, "digest_preview", span) + "\n\n" + cut(d.Text(), 35000)
}

// maxNudgeLines is how many decisions a nudges preview lists.
const maxNudgeLines = 40

// previewNudges lists what the nudges job would do now in a community.
func (h *Home) previewNudges(ctx context.Context, community, lang string) string {
	if h.opts.Nudger == nil {
		return catalog.T(lang, "nudges_none", bot.Escape(community))
	}
	ds, err := h.opts.Nudger.Plan(ctx, h.now())
	if err != nil {
		h.log.Warn("home: nudges preview", "community", community, "err", err)
		return catalog.T(lang, "nudges_failed", bot.Escape(community))
	}
	var lines []string
	n := 0
	for _, d := range ds {
		if d.Community != community {
			continue
		}
		n++
		if len(lines) < maxNudgeLines {
			lines = append(lines, "• <@"+d.Member+"> · "+cmpOr(catalog.T(lang, "nk_"+d.Kind), d.Kind)+" · "+verdict(d, lang))
		}
	}
	if n == 0 {
		return catalog.T(lang, "nudges_none", bot.Escape(community))
	}
	if n > len(lines) {
		lines = append(lines, catalog.T(lang, "nudges_more", n-len(lines)))
	}
	return catalog.T(lang, "nudges_preview", bot.Escape(community)) + "\n" + strings.Join(lines, "\n")
}

// verdict says what the policy decided about a nudge.
func verdict(d nudge.Decision, lang string) string {
	switch d.Block {
	case nudge.Allowed:
		return catalog.T(lang, "n_send")
	case nudge.Holdout:
		return catalog.T(lang, "n_holdout")
	}
	why := catalog.T(lang, "nb_"+d.Block)
	if why == "" {
		why = d.Block
	}
	if !d.Next.IsZero() {
		return catalog.T(lang, "n_until", why, d.Next.UTC().Format("2006-01-02 15:04 UTC"))
	}
	return catalog.T(lang, "n_blocked", why)
}
