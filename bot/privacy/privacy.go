// Package privacy lets members see, export and erase what Praxis stores
// about them, and pause its recording of their words: /praxis privacy,
// export, forget (after a confirmation), pause and resume. It also runs
// the retention of message text as an hourly job. A member only ever acts
// on their own data through the bot; `praxis member` is the administrators'
// door for anyone's.
package privacy

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/outbox"
	"praxis/store"
)

// Interaction ids of the forget confirmation's buttons.
const (
	ActionForget = "privacy_forget_confirm"
	ActionCancel = "privacy_forget_cancel"
)

// confirmFor is how long a forget confirmation may be clicked.
const confirmFor = time.Hour

// Options configure a Privacy.
type Options struct {
	// Retention: message text older than this is erased by the job; 0
	// keeps it (config retention.message_text).
	Retention time.Duration
}

// Privacy answers members' privacy commands and buttons, and erases old
// message text.
type Privacy struct {
	st   *store.Store
	d    bot.Deps // its clock dates confirmations and exports
	opts Options
}

// New returns a Privacy.
func New(st *store.Store, d bot.Deps, opts Options) *Privacy {
	return &Privacy{st: st, d: d.For("privacy"), opts: opts}
}

// Routes are the privacy commands, about the caller only, and the forget
// confirmation's buttons.
func (p *Privacy) Routes() []command.Route {
	route := func(en, fr []string, handle command.Handler) command.Route {
		return command.Route{Verbs: map[string][]string{"en": en, "fr": fr}, Help: "help_privacy",
			Handle: p.self(handle)}
	}
	return []command.Route{
		route([]string{"privacy"}, []string{"confidentialité", "confidentialite", "données", "donnees"}, p.summary),
		route([]string{"export"}, []string{"exporter"}, p.export),
		route([]string{"forget"}, []string{"oublier", "oublie-moi", "oubliez-moi"}, p.confirm),
		route([]string{"pause"}, []string{"pause"}, p.pause),
		route([]string{"resume"}, []string{"reprendre"}, p.resume),
		{Actions: []string{ActionForget, ActionCancel}, Handle: p.button},
	}
}

// self answers a command that names nobody but the caller ("me", their
// mention or id) with handle; one that names someone else, with how an
// administrator does it.
func (p *Privacy) self(handle command.Handler) command.Handler {
	return func(ctx context.Context, r command.Request) (dispatch.Step, error) {
		me := strings.ToLower(r.Member)
		for _, w := range strings.Fields(strings.ToLower(r.Text)) {
			if w != "me" && w != "moi" && w != me && w != "<@"+me+">" && !strings.HasPrefix(w, "<@"+me+"|") {
				return p.reply(r, outbox.Message{Text: catalog.T(r.Lang, "only_self")}), nil
			}
		}
		return handle(ctx, r)
	}
}

// summary tells the member what is stored about them, read here.
func (p *Privacy) summary(ctx context.Context, r command.Request) (dispatch.Step, error) {
	text, err := p.summaryText(ctx, r.Member, r.Lang)
	if err != nil {
		return nil, err
	}
	return p.reply(r, outbox.Message{Text: text}), nil
}

// confirm asks the member to confirm that they want to be forgotten.
func (p *Privacy) confirm(_ context.Context, r command.Request) (dispatch.Step, error) {
	return p.reply(r, p.confirmation(r.Member, r.Lang)), nil
}

// pause is the step that stops recording the member's words.
func (p *Privacy) pause(_ context.Context, r command.Request) (dispatch.Step, error) {
	return func(ctx context.Context, tx *store.Tx) error {
		first, err := tx.Pause(ctx, r.Member)
		if err != nil {
			return err
		}
		key := map[bool]string{true: "paused", false: "already_pause"}[first]
		return p.reply(r, outbox.Message{Text: catalog.T(r.Lang, key)})(ctx, tx)
	}, nil
}

// resume is the step that records the member's words again.
func (p *Privacy) resume(_ context.Context, r command.Request) (dispatch.Step, error) {
	return func(ctx context.Context, tx *store.Tx) error {
		was, err := tx.Resume(ctx, r.Member)
		if err != nil {
			return err
		}
		key := map[bool]string{true: "resumed", false: "not_paused"}[was]
		return p.reply(r, outbox.Message{Text: catalog.T(r.Lang, key)})(ctx, tx)
	}, nil
}

// button handles the forget confirmation's buttons: only the member it
// was shown to, within confirmFor of showing it.
func (p *Privacy) button(_ context.Context, r command.Request) (dispatch.Step, error) {
	ev := r.Event
	if ev.Command.Name != ActionForget && ev.Command.Name != ActionCancel {
		return nil, nil
	}
	member, issued, _ := strings.Cut(ev.Command.Value, "|")
	if member == "" || member != r.Member {
		return p.reply(r, outbox.Message{Text: catalog.T(r.Lang, "not_yours")}), nil
	}
	if ev.Command.Name == ActionCancel {
		return p.reply(r, outbox.Message{Text: catalog.T(r.Lang, "cancelled")}), nil
	}
	at, err := strconv.ParseInt(issued, 10, 64)
	now := p.d.Now()
	if err != nil || now.Sub(time.Unix(at, 0)) > confirmFor || time.Unix(at, 0).After(now.Add(time.Minute)) {
		return p.reply(r, outbox.Message{Text: catalog.T(r.Lang, "expired")}), nil
	}
	return func(ctx context.Context, tx *store.Tx) error {
		first, err := tx.Forget(ctx, member)
		if err != nil {
			return err
		}
		if !first {
			return p.reply(r, outbox.Message{Text: catalog.T(r.Lang, "already")})(ctx, tx)
		}
		p.d.Log.Info("member forgotten", "member_id", member)
		return p.reply(r, outbox.Message{Text: catalog.T(r.Lang, "forgotten")})(ctx, tx)
	}, nil
}

// confirmation is the warning with its buttons; the buttons carry the
// member they are for and when they were shown.
func (p *Privacy) confirmation(member, lang string) outbox.Message {
	warn := catalog.T(lang, "forget_warn")
	value := member + "|" + strconv.FormatInt(p.d.Now().Unix(), 10)
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
func (p *Privacy) summaryText(ctx context.Context, member, lang string) (string, error) {
	s, err := p.st.PrivacySummary(ctx, member)
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
	if r := p.opts.Retention; r > 0 {
		lines = append(lines, catalog.T(lang, "retention_on", int((r+23*time.Hour)/(24*time.Hour))))
	} else {
		lines = append(lines, catalog.T(lang, "retention_off"))
	}
	lines = append(lines, catalog.T(lang, "summary_help"))
	return strings.Join(lines, "\n"), nil
}

// export builds the member's data file; its step uploads it to their DM,
// and says so where they asked when that is elsewhere.
func (p *Privacy) export(ctx context.Context, r command.Request) (dispatch.Step, error) {
	b, err := p.exportFile(ctx, r.Member)
	if err != nil {
		return nil, err
	}
	file := &outbox.File{Name: "praxis-" + r.Member + ".json", Title: catalog.T(r.Lang, "export_title"), Data: b}
	msg := outbox.Message{Text: catalog.T(r.Lang, "export_text", p.d.Now().Format(time.DateOnly)), File: file}
	upload := dispatch.Enqueue(r.DM("export:"+r.Event.ID, msg))
	if r.InDM() {
		return upload, nil // the file arrives in this very conversation
	}
	return dispatch.Steps(upload, p.reply(r, outbox.Message{Text: catalog.T(r.Lang, "export_sent")})), nil
}

// exportFile is a member's data as an indented JSON document.
func (p *Privacy) exportFile(ctx context.Context, member string) ([]byte, error) {
	d, err := p.st.MemberData(ctx, member)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", member, err)
	}
	return append(b, '\n'), nil
}

// reply is the step that answers the member privately
// (command.Request.Reply): never in a thread for all to see, even for an
// @mention.
func (p *Privacy) reply(r command.Request, m outbox.Message) dispatch.Step {
	return dispatch.Enqueue(r.Reply(m))
}
