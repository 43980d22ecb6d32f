package slackedge

import (
	"cmp"
	"context"
	"log/slog"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/i18n"
	"praxis/bot/nudge"
)

// previewCatalog is what a nudges preview says.
var previewCatalog = i18n.Catalog{
	"en": {
		"nudges_preview":  "*Nudges of %s if they ran now* (nothing is sent):",
		"nudges_none":     "*Nudges of %s*: nobody would be nudged now.",
		"nudges_failed":   "The nudges of %s could not be previewed; the log says why.",
		"nudges_more":     "…and %d more",
		"n_send":          "would be sent",
		"n_holdout":       "held out (never messaged, for the comparison)",
		"n_blocked":       "kept back: %s",
		"n_until":         "kept back: %s, until %s",
		"nb_budget":       "weekly budget spent",
		"nb_quiet":        "quiet hours or weekend where they live",
		"nb_backed_off":   "backing off after ignored nudges",
		"nb_opted_out":    "they turned nudges off",
		"nb_disabled":     "nudges are off for the community",
		"nb_asked_enough": "asked enough about this question",
		"nk_welcome":      "welcome",
		"nk_reader":       "a first step",
		"nk_reengage":     "a question they could answer",
		"nk_thank":        "thanks for an accepted answer",
	},
	"fr": {
		"nudges_preview":  "*Relances de %s si elles partaient maintenant* (rien n'est envoyé) :",
		"nudges_none":     "*Relances de %s* : personne ne serait relancé maintenant.",
		"nudges_failed":   "Les relances de %s n'ont pas pu être prévisualisées ; le journal en donne la raison.",
		"nudges_more":     "…et %d de plus",
		"n_send":          "serait envoyée",
		"n_holdout":       "groupe témoin (jamais contacté, pour la comparaison)",
		"n_blocked":       "retenue : %s",
		"n_until":         "retenue : %s, jusqu'au %s",
		"nb_budget":       "budget de la semaine épuisé",
		"nb_quiet":        "heures de repos ou week-end dans son fuseau horaire",
		"nb_backed_off":   "pause après des relances ignorées",
		"nb_opted_out":    "la personne a désactivé les relances",
		"nb_disabled":     "les relances sont désactivées pour la communauté",
		"nb_asked_enough": "assez de personnes ont déjà été sollicitées sur cette question",
		"nk_welcome":      "bienvenue",
		"nk_reader":       "un premier pas",
		"nk_reengage":     "une question à laquelle répondre",
		"nk_thank":        "merci pour une réponse acceptée",
	},
}

// maxPreviewLines is how many decisions a nudges preview lists.
const maxPreviewLines = 40

// Preview answers "Preview nudges" on a facilitator's Home: what the
// nudges job would do now in the community, each member's nudge and the
// policy's verdict, sent to the facilitator by DM, nothing recorded or
// sent to anyone else. It is planned when the click is prepared, by the
// Nudger the job sends with.
type Preview struct {
	n   *nudge.Nudger
	dir *bot.Directory
	now func() time.Time
	log *slog.Logger
}

// NewPreview returns the nudges preview of n, for dir's facilitators.
func NewPreview(n *nudge.Nudger, dir *bot.Directory, d bot.Deps) *Preview {
	d = d.For("nudges")
	return &Preview{n: n, dir: dir, now: d.Now, log: d.Log}
}

// Routes are the button, for the community's facilitators only: the
// community's nudges as they would go now.
func (p *Preview) Routes() []command.Route {
	return []command.Route{command.FacilitatorDM(command.ActionPreviewNudges, p.dir,
		func(ctx context.Context, r command.Request, c bot.Community) string {
			return p.text(ctx, c.Name, r.Lang)
		})}
}

// text lists what the nudges job would do now in a community, in lang.
func (p *Preview) text(ctx context.Context, community, lang string) string {
	ds, err := p.n.Plan(ctx, p.now())
	if err != nil {
		p.log.Warn("nudges preview", "community", community, "err", err)
		return previewCatalog.T(lang, "nudges_failed", bot.Escape(community))
	}
	var lines []string
	n := 0
	for _, d := range ds {
		if d.Community != community {
			continue
		}
		n++
		if len(lines) < maxPreviewLines {
			kind := cmp.Or(previewCatalog.T(lang, "nk_"+d.Kind), d.Kind)
			lines = append(lines, "• <@"+d.Member+"> · "+kind+" · "+verdict(d, lang))
		}
	}
	if n == 0 {
		return previewCatalog.T(lang, "nudges_none", bot.Escape(community))
	}
	if n > len(lines) {
		lines = append(lines, previewCatalog.T(lang, "nudges_more", n-len(lines)))
	}
	return previewCatalog.T(lang, "nudges_preview", bot.Escape(community)) + "\n" + strings.Join(lines, "\n")
}

// verdict says what the policy decided about a nudge.
func verdict(d nudge.Decision, lang string) string {
	switch d.Block {
	case nudge.Allowed:
		return previewCatalog.T(lang, "n_send")
	case nudge.Holdout:
		return previewCatalog.T(lang, "n_holdout")
	}
	why := cmp.Or(previewCatalog.T(lang, "nb_"+d.Block), d.Block)
	if !d.Next.IsZero() {
		return previewCatalog.T(lang, "n_until", why, d.Next.UTC().Format("2006-01-02 15:04 UTC"))
	}
	return previewCatalog.T(lang, "n_blocked", why)
}
