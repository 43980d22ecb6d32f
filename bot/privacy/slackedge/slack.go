// Package slackedge is members' privacy in Slack: what turns the model of
// bot/privacy (what is stored about a member, their export) into
// commands, buttons and replies. Commands answers /praxis privacy, export,
// forget (after a confirmation in Block Kit), pause and resume, about the
// caller only; forgetting and pausing are steps written through store.Tx,
// each answered through the outbox. A member only ever acts on their own
// data through the bot; `praxis member` is the administrators' door for
// anyone's.
package slackedge

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/outbox"
	"praxis/bot/privacy"
	"praxis/store"
)

// Interaction ids of the forget confirmation's buttons.
const (
	ActionForget = "privacy_forget_confirm"
	ActionCancel = "privacy_forget_cancel"
)

// confirmFor is how long a forget confirmation may be clicked.
const confirmFor = time.Hour

// Commands answers members' privacy commands and the forget
// confirmation's buttons.
type Commands struct {
	priv *privacy.Privacy
	d    bot.Deps // its clock dates confirmations and exports
}

// NewCommands returns the Commands that show p to members.
func NewCommands(p *privacy.Privacy, d bot.Deps) *Commands {
	return &Commands{priv: p, d: d.For("privacy")}
}

// Routes are the privacy commands, about the caller only, and the forget
// confirmation's buttons.
func (c *Commands) Routes() []command.Route {
	route := func(en, fr []string, handle command.Handler) command.Route {
		return command.Route{Verbs: map[string][]string{"en": en, "fr": fr}, Help: "help_privacy",
			Handle: c.self(handle)}
	}
	return []command.Route{
		route([]string{"privacy"}, []string{"confidentialité", "confidentialite", "données", "donnees"}, c.summary),
		route([]string{"export"}, []string{"exporter"}, c.export),
		route([]string{"forget"}, []string{"oublier", "oublie-moi", "oubliez-moi"}, c.confirm),
		route([]string{"pause"}, []string{"pause"}, c.pause),
		route([]string{"resume"}, []string{"reprendre"}, c.resume),
		{Actions: []string{ActionForget, ActionCancel}, Handle: c.button},
	}
}

// self answers a command that names nobody but the caller ("me", their
// mention or id) with handle; one that names someone else, with how an
// administrator does it.
func (c *Commands) self(handle command.Handler) command.Handler {
	return func(ctx context.Context, r command.Request) (dispatch.Step, error) {
		me := strings.ToLower(r.Member)
		for _, w := range strings.Fields(strings.ToLower(r.Text)) {
			if w != "me" && w != "moi" && w != me && w != "<@"+me+">" && !strings.HasPrefix(w, "<@"+me+"|") {
				return c.reply(r, outbox.Message{Text: catalog.T(r.Lang, "only_self")}), nil
			}
		}
		return handle(ctx, r)
	}
}

// summary tells the member what is stored about them, read here.
func (c *Commands) summary(ctx context.Context, r command.Request) (dispatch.Step, error) {
	text, err := c.summaryText(ctx, r.Member, r.Lang)
	if err != nil {
		return nil, err
	}
	return c.reply(r, outbox.Message{Text: text}), nil
}

// confirm asks the member to confirm that they want to be forgotten.
func (c *Commands) confirm(_ context.Context, r command.Request) (dispatch.Step, error) {
	return c.reply(r, c.confirmation(r.Member, r.Lang)), nil
}

// pause is the step that stops recording the member's words.
func (c *Commands) pause(_ context.Context, r command.Request) (dispatch.Step, error) {
	return func(ctx context.Context, tx *store.Tx) error {
		first, err := tx.Pause(ctx, r.Member)
		if err != nil {
			return err
		}
		key := map[bool]string{true: "paused", false: "already_pause"}[first]
		return c.reply(r, outbox.Message{Text: catalog.T(r.Lang, key)})(ctx, tx)
	}, nil
}

// resume is the step that records the member's words again.
func (c *Commands) resume(_ context.Context, r command.Request) (dispatch.Step, error) {
	return func(ctx context.Context, tx *store.Tx) error {
		was, err := tx.Resume(ctx, r.Member)
		if err != nil {
			return err
		}
		key := map[bool]string{true: "resumed", false: "not_paused"}[was]
		return c.reply(r, outbox.Message{Text: catalog.T(r.Lang, key)})(ctx, tx)
	}, nil
}

// button handles the forget confirmation's buttons: only the member it
// was shown to, within confirmFor of showing it.
func (c *Commands) button(_ context.Context, r command.Request) (dispatch.Step, error) {
	ev := r.Event
	if ev.Command.Name != ActionForget && ev.Command.Name != ActionCancel {
		return nil, nil
	}
	member, issued, _ := strings.Cut(ev.Command.Value, "|")
	if member == "" || member != r.Member {
		return c.reply(r, outbox.Message{Text: catalog.T(r.Lang, "not_yours")}), nil
	}
	if ev.Command.Name == ActionCancel {
		return c.reply(r, outbox.Message{Text: catalog.T(r.Lang, "cancelled")}), nil
	}
	at, err := strconv.ParseInt(issued, 10, 64)
	now := c.d.Now()
	if err != nil || now.Sub(time.Unix(at, 0)) > confirmFor || time.Unix(at, 0).After(now.Add(time.Minute)) {
		return c.reply(r, outbox.Message{Text: catalog.T(r.Lang, "expired")}), nil
	}
	return func(ctx context.Context, tx *store.Tx) error {
		first, err := tx.Forget(ctx, member)
		if err != nil {
			return err
		}
		if !first {
			return c.reply(r, outbox.Message{Text: catalog.T(r.Lang, "already")})(ctx, tx)
		}
		c.d.Log.Info("member forgotten", "member_id", member)
		return c.reply(r, outbox.Message{Text: catalog.T(r.Lang, "forgotten")})(ctx, tx)
	}, nil
}

// confirmation is the warning with its buttons; the buttons carry the
// member they are for and when they were shown.
func (c *Commands) confirmation(member, lang string) outbox.Message {
	warn := catalog.T(lang, "forget_warn")
	value := member + "|" + strconv.FormatInt(c.d.Now().Unix(), 10)
	plain := func(key string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, catalog.T(lang, key), false, false)
	}
	blocks := []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, warn, false, false), nil, nil),
		slack.NewActionBlock("privacy_forget",
			slack.NewButtonBlockElement(ActionForget, value, plain("forget_yes")).WithStyle(slack.StyleDanger),
			slack.NewButtonBlockElement(ActionCancel, member, plain("forget_no"))),
	}
	raw, _ := json.Marshal(blocks) // blocks of strings always marshal
	return outbox.Message{Text: warn, Blocks: raw}
}

// summaryText tells a member what is stored about them.
func (c *Commands) summaryText(ctx context.Context, member, lang string) (string, error) {
	s, err := c.priv.Summary(ctx, member)
	if err != nil {
		return "", err
	}
	lines := []string{catalog.T(lang, "summary_title")}
	if s.Profile {
		lines = append(lines, catalog.T(lang, "profile_yes"))
	} else {
		lines = append(lines, catalog.T(lang, "profile_no"))
	}
	lines = append(lines,
		catalog.T(lang, "messages", s.Messages, s.MessagesWithText),
		catalog.T(lang, "contributions", s.Reactions, s.Resources, s.Questions),
		catalog.T(lang, "yours", s.Skills, s.Prefs, s.Channels),
		catalog.T(lang, "sent", s.Nudges, s.DigestItems, s.Queries, s.Pings))
	switch {
	case !s.Forgotten.IsZero():
		lines = append(lines, catalog.T(lang, "forgotten_on", s.Forgotten.Format(time.DateOnly)))
	case !s.Paused.IsZero():
		lines = append(lines, catalog.T(lang, "recording_off", s.Paused.Format(time.DateOnly)))
	default:
		lines = append(lines, catalog.T(lang, "recording_on"))
	}
	if s.RetentionDays > 0 {
		lines = append(lines, catalog.N(lang, "retention_on", s.RetentionDays))
	} else {
		lines = append(lines, catalog.T(lang, "retention_off"))
	}
	lines = append(lines, catalog.T(lang, "summary_help"))
	return strings.Join(lines, "\n"), nil
}

// export builds the member's data file (privacy.Export); its step
// uploads it to their DM, and says so where they asked when that is
// elsewhere.
func (c *Commands) export(ctx context.Context, r command.Request) (dispatch.Step, error) {
	b, err := c.priv.Export(ctx, r.Member)
	if err != nil {
		return nil, err
	}
	file := &outbox.File{Name: "praxis-" + r.Member + ".json", Title: catalog.T(r.Lang, "export_title"), Data: b}
	msg := outbox.Message{Text: catalog.T(r.Lang, "export_text", c.d.Now().Format(time.DateOnly)), File: file}
	upload := dispatch.Enqueue(r.DM("export:"+r.Event.ID, msg))
	if r.InDM() {
		return upload, nil // the file arrives in this very conversation
	}
	return dispatch.Steps(upload, c.reply(r, outbox.Message{Text: catalog.T(r.Lang, "export_sent")})), nil
}

// reply is the step that answers the member privately
// (command.Request.Reply): never in a thread for all to see, even for an
// @mention.
func (c *Commands) reply(r command.Request, m outbox.Message) dispatch.Step {
	return dispatch.Enqueue(r.Reply(m))
}
