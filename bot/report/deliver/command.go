package deliver

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/i18n"
	"praxis/bot/outbox"
	"praxis/bot/report"
	"praxis/store"
)

// Command answers `/praxis report [community]` (`rapport`), in an @mention
// or a DM too: the report of the current week so far, sent to the asker by
// DM. Only a community's facilitators get its report; anyone else is told
// who they are. The reports are built when the request is prepared,
// outside the transaction (a report reads a quarter of the community's
// history), and the step only enqueues them.
type Command struct {
	st    *store.Store
	comms *bot.Directory
	url   string
	now   func() time.Time
	log   *slog.Logger
}

// NewCommand returns the report command; url is the workspace's, for
// permalinks. The week so far ends at d's clock.
func NewCommand(st *store.Store, comms *bot.Directory, url string, d bot.Deps) *Command {
	d = d.For("report")
	return &Command{st: st, comms: comms, url: url, now: d.Now, log: d.Log}
}

var commandCatalog = i18n.Catalog{
	"en": {
		"sent":      "Sent: the report of %s, by direct message.",
		"not_yours": "Reports of %s are for its facilitators: %s.",
		"no_facil":  "%s has no facilitator in the configuration: nobody gets its report.",
		"none": "You facilitate no community. `/praxis report COMMUNITY` works for a community you facilitate; " +
			"its facilitators are listed in the configuration.",
		"unknown":      "No community called “%s”. Communities: %s.",
		"failed":       "The report of %s could not be built; the log says why. Try again later.",
		"and":          " and ",
		"no_community": "no community",
	},
	"fr": {
		"sent":      "C'est envoyé : le rapport de %s, en message direct.",
		"not_yours": "Les rapports de %s sont réservés à ses animateurs : %s.",
		"no_facil":  "%s n'a pas d'animateur dans la configuration : personne ne reçoit son rapport.",
		"none": "Vous n'animez aucune communauté. `/praxis rapport COMMUNAUTÉ` fonctionne pour une communauté " +
			"que vous animez ; ses animateurs sont listés dans la configuration.",
		"unknown":      "Aucune communauté ne s'appelle « %s ». Communautés : %s.",
		"failed":       "Le rapport de %s n'a pas pu être construit ; le journal en donne la raison. Réessayez plus tard.",
		"and":          " et ",
		"no_community": "aucune communauté",
	},
}

// targets are the communities a request is for, and the answer when it
// cannot be served: the named one if the asker facilitates it, else every
// one they facilitate.
func (c *Command) targets(member, name, lang string) ([]bot.Community, string) {
	if name != "" {
		cm, ok := c.comms.Named(name)
		if !ok {
			return nil, commandCatalog.T(lang, "unknown", bot.Escape(name), c.names(lang))
		}
		if len(cm.Facilitators) == 0 {
			return nil, commandCatalog.T(lang, "no_facil", bot.Escape(cm.Name))
		}
		if !cm.Facilitates(member) {
			return nil, commandCatalog.T(lang, "not_yours", bot.Escape(cm.Name), mentions(cm.Facilitators, lang))
		}
		return []bot.Community{cm}, ""
	}
	var out []bot.Community
	for _, cm := range c.comms.Communities() {
		if cm.Facilitates(member) {
			out = append(out, cm)
		}
	}
	if len(out) == 0 {
		return nil, commandCatalog.T(lang, "none")
	}
	return out, ""
}

func (c *Command) names(lang string) string {
	var ns []string
	for _, name := range c.comms.Names() {
		ns = append(ns, bot.Escape(name))
	}
	if len(ns) == 0 {
		return commandCatalog.T(lang, "no_community")
	}
	return strings.Join(ns, ", ")
}

func mentions(ids []string, lang string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "<@" + id + ">"
	}
	if len(out) < 2 {
		return strings.Join(out, "")
	}
	return strings.Join(out[:len(out)-1], ", ") + commandCatalog.T(lang, "and") + out[len(out)-1]
}

// build makes the reports of the current week so far, in each community's
// zone.
func (c *Command) build(ctx context.Context, cms []bot.Community) ([]*report.Report, error) {
	now := c.now()
	var rs []*report.Report
	for _, cm := range cms {
		r, err := report.Build(ctx, c.st, cm, report.Week(now, cm.Loc), report.Options{TeamURL: c.url, Now: now})
		if err != nil {
			return nil, fmt.Errorf("report of %s: %w", cm.Name, err)
		}
		rs = append(rs, r)
	}
	return rs, nil
}

// Routes are `/praxis report`.
func (c *Command) Routes() []command.Route {
	return []command.Route{{Verbs: map[string][]string{"en": {"report"}, "fr": {"rapport"}}, Help: "help_report",
		Public: true, Handle: c.answer}}
}

// answer answers a report request: the reports by DM and a short answer
// where it was asked, or why not. The community named is read as typed,
// Slack's entities decoded ("" for the asker's own).
func (c *Command) answer(ctx context.Context, r command.Request) (dispatch.Step, error) {
	name := bot.Quote(r.Text, bot.Plain, 0, bot.Names{})
	if isSponsorWord(name) {
		return c.sponsor(ctx, r)
	}
	cms, why := c.targets(r.Member, name, r.Lang)
	if len(cms) == 0 {
		return dispatch.Enqueue(r.Reply(outbox.Message{Text: why})), nil
	}
	rs, err := c.build(ctx, cms)
	if err != nil {
		failed := commandCatalog.T(r.Lang, "failed", bot.Escape(cms[0].Name))
		return dispatch.Enqueue(r.Reply(outbox.Message{Text: failed})), nil
	}
	var msgs []store.OutMessage
	var sent []string
	for i, rep := range rs {
		rep, err := report.ForReader(ctx, c.st, rep, r.Member)
		if err != nil {
			return nil, err
		}
		m, err := Messages(rep, cms[i].Report, r.Member, fmt.Sprintf("report:ask:%s:%d", r.Event.ID, i))
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, m...)
		sent = append(sent, bot.Escape(rep.Community))
	}
	if !r.InDM() { // else the reports are the answer
		note := commandCatalog.T(r.Lang, "sent", strings.Join(sent, ", "))
		msgs = append(msgs, r.Reply(outbox.Message{Text: note}))
	}
	return dispatch.Enqueue(msgs...), nil
}
