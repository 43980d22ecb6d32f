package slackedge

import (
	"context"
	"strings"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/i18n"
	"praxis/bot/outbox"
	"praxis/store"
)

var thanksCatalog = i18n.Catalog{
	"en": {
		"rec_off": "Done: Praxis will not name you in its monthly thanks. `/praxis recognition on` to undo.",
		"rec_on":  "Done: Praxis may name you in its monthly thanks, when the people you helped said so.",
		"rec_usage": "Use `/praxis recognition off` (never name me in the monthly thanks) or " +
			"`/praxis recognition on`. Facilitators: `/praxis recognition now [community]` posts last month's thanks.",
		"rec_posted":    "%s: the thanks for %s are posted in <#%s>.",
		"rec_already":   "%s: the thanks for %s were already posted in <#%s>.",
		"rec_nobody":    "%s: nobody to thank for %s, so nothing is posted.",
		"rec_no_ritual": "%s has no recognition ritual: add one of kind `recognition` to its rituals in the configuration.",
		"rec_none":      "You facilitate no community with a recognition ritual.",
		"rec_unknown":   "No community called “%s”.",
	},
	"fr": {
		"rec_off": "C'est noté : Praxis ne vous citera plus dans ses remerciements du mois. " +
			"`/praxis reconnaissance oui` pour revenir.",
		"rec_on": "C'est noté : Praxis pourra vous citer dans ses remerciements du mois, " +
			"quand les personnes que vous avez aidées l'auront dit.",
		"rec_usage": "Tapez `/praxis reconnaissance non` (ne jamais me citer dans les remerciements du mois) ou " +
			"`/praxis reconnaissance oui`. Animateurs : `/praxis reconnaissance maintenant [communauté]` " +
			"publie les remerciements du mois dernier.",
		"rec_posted":  "%s : les remerciements de %s sont publiés dans <#%s>.",
		"rec_already": "%s : les remerciements de %s étaient déjà publiés dans <#%s>.",
		"rec_nobody":  "%s : personne à remercier pour %s, rien n'est publié.",
		"rec_no_ritual": "%s n'a pas de rituel de reconnaissance : ajoutez à ses rituels, dans la configuration, " +
			"un rituel de type `recognition`.",
		"rec_none":    "Vous n'animez aucune communauté qui a un rituel de reconnaissance.",
		"rec_unknown": "Aucune communauté ne s'appelle « %s ».",
	},
}

// Recognition answers `/praxis recognition off|on` (`reconnaissance
// non|oui`), a member's choice to be named in the monthly thanks or not,
// and a facilitator's `/praxis recognition now [community]`
// (`maintenant`), which posts last month's thanks of the communities they
// facilitate now rather than on schedule: once a month between them.
type Recognition struct {
	p   *Planner
	dir *bot.Directory
}

// NewRecognition returns the recognition command, posting as p does.
func NewRecognition(p *Planner, dir *bot.Directory) *Recognition { return &Recognition{p: p, dir: dir} }

// Routes is the command.
func (g *Recognition) Routes() []command.Route {
	return []command.Route{{Verbs: map[string][]string{"en": {"recognition"}, "fr": {"reconnaissance"}},
		Help: "help_recognition", Handle: g.command}}
}

func (g *Recognition) command(ctx context.Context, r command.Request) (dispatch.Step, error) {
	verb, rest, _ := strings.Cut(r.Text, " ")
	switch strings.ToLower(verb) {
	case "off", "non", "stop":
		return g.set(r, true), nil
	case "on", "oui":
		return g.set(r, false), nil
	case "now", "maintenant":
		return g.now(ctx, r, strings.TrimSpace(rest))
	}
	return dispatch.Enqueue(r.Reply(outbox.Message{Text: thanksCatalog.T(r.Lang, "rec_usage")})), nil
}

// set is the step that records the member's choice and confirms it.
func (g *Recognition) set(r command.Request, off bool) dispatch.Step {
	key := "rec_on"
	if off {
		key = "rec_off"
	}
	confirm := dispatch.Enqueue(r.Reply(outbox.Message{Text: thanksCatalog.T(r.Lang, key)}))
	return func(ctx context.Context, tx *store.Tx) error {
		if err := tx.SetRecognitionOff(ctx, r.Member, off); err != nil {
			return err
		}
		return confirm(ctx, tx)
	}
}

// now reads the thanks of the communities asked for (the one named, else
// every one the member facilitates with a recognition ritual); the step
// queues them and says what became of each.
func (g *Recognition) now(ctx context.Context, r command.Request, name string) (dispatch.Step, error) {
	cs, refusal := g.targets(r, name)
	if refusal != "" {
		return dispatch.Enqueue(r.Reply(outbox.Message{Text: refusal})), nil
	}
	type done struct {
		c      bot.Community
		thanks Thanks
	}
	var all []done
	for _, c := range cs {
		ts, err := g.p.Thanks(ctx, c)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			all = append(all, done{c, t})
		}
	}
	return func(ctx context.Context, tx *store.Tx) error {
		var lines []string
		for _, d := range all {
			name, month := bot.Escape(d.c.Name), i18n.Month(r.Lang, d.thanks.Month.Month())+" "+
				d.thanks.Month.Format("2006")
			key := "rec_nobody"
			for _, m := range d.thanks.Messages {
				added, err := tx.Enqueue(ctx, m)
				if err != nil {
					return err
				}
				key = "rec_already"
				if added {
					key = "rec_posted"
				}
			}
			lines = append(lines, thanksCatalog.T(r.Lang, key, name, month, d.thanks.Channel))
		}
		return dispatch.Enqueue(r.Reply(outbox.Message{Text: strings.Join(lines, "\n")}))(ctx, tx)
	}, nil
}

// targets are the communities a `now` is for, or why there are none.
func (g *Recognition) targets(r command.Request, name string) ([]bot.Community, string) {
	if name != "" {
		c, ok := g.dir.Named(name)
		switch {
		case !ok:
			return nil, thanksCatalog.T(r.Lang, "rec_unknown", bot.Escape(name))
		case !c.Facilitates(r.Member):
			return nil, command.T(r.Lang, "not_facilitator", bot.Escape(c.Name))
		case !hasRecognition(c):
			return nil, thanksCatalog.T(r.Lang, "rec_no_ritual", bot.Escape(c.Name))
		}
		return []bot.Community{c}, ""
	}
	var out []bot.Community
	for _, c := range g.dir.Communities() {
		if c.Facilitates(r.Member) && hasRecognition(c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, thanksCatalog.T(r.Lang, "rec_none")
	}
	return out, ""
}

func hasRecognition(c bot.Community) bool {
	for _, r := range c.Rituals {
		if r.Kind == bot.RitualRecognition {
			return true
		}
	}
	return false
}
