package deliver

import (
	"context"
	"slices"
	"strings"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/i18n"
	"praxis/bot/outbox"
	"praxis/bot/report"
	"praxis/bot/report/render"
)

// sponsorWords ask `/praxis report` for the sponsors' report rather than a
// community's ("sponsor" in both languages: French managers say it too).
var sponsorWords = []string{"sponsor", "sponsors"}

func isSponsorWord(s string) bool {
	return slices.Contains(sponsorWords, strings.ToLower(strings.TrimSpace(s)))
}

var sponsorCatalog = i18n.Catalog{
	"en": {
		"sent": "Sent by direct message: %s.",
		"none": "The sponsors' report is for the communities' sponsors, and you sponsor none. " +
			"Sponsors are named in the configuration (its sponsors key).",
		"failed": "The sponsors' report could not be built; the log says why. Try again later.",
	},
	"fr": {
		"sent": "C'est envoyé en message direct : %s.",
		"none": "Le rapport aux sponsors est réservé aux sponsors des communautés, et vous n'en soutenez aucune. " +
			"Les sponsors sont nommés dans la configuration (clé « sponsors »).",
		"failed": "Le rapport aux sponsors n'a pas pu être construit ; le journal en donne la raison. " +
			"Réessayez plus tard.",
	},
}

// sponsor answers `/praxis report sponsor`: the sponsors' report of the
// last whole month in the asker's zone, of the communities they sponsor,
// by DM (what the monthly one says, when they need it now). It is built
// when the request is prepared, outside the transaction.
func (c *Command) sponsor(ctx context.Context, r command.Request) (dispatch.Step, error) {
	cs := c.comms.Sponsored(r.Member)
	if len(cs) == 0 {
		return dispatch.Enqueue(r.Reply(outbox.Message{Text: sponsorCatalog.T(r.Lang, "none")})), nil
	}
	now := c.now()
	p := report.LastMonth(now, sponsorZone(ctx, c.st, c.comms, r.Member))
	s, err := report.BuildSponsor(ctx, c.st, cs, p, i18n.Lang(r.Lang), report.Options{TeamURL: c.url, Now: now})
	if err != nil {
		c.log.Warn("sponsors' report not built", "member", r.Member, "err", err)
		return dispatch.Enqueue(r.Reply(outbox.Message{Text: sponsorCatalog.T(r.Lang, "failed")})), nil
	}
	msgs, err := SponsorMessages(s, r.Member, "sponsor:ask:"+r.Event.ID)
	if err != nil {
		return nil, err
	}
	if !r.InDM() {
		title := bot.Escape(render.SponsorTitle(s))
		msgs = append(msgs, r.Reply(outbox.Message{Text: sponsorCatalog.T(r.Lang, "sent", title)}))
	}
	return dispatch.Enqueue(msgs...), nil
}
