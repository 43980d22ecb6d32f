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
	// Communities tell the language each member reads; required.
	Communities *bot.Directory
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

// request is a privacy command: its verb, and whether it named someone
// other than the caller.
type request struct {
	verb  string // privacy, export, forget, pause, resume
	other bool
}

var verbs = map[string]string{
	"privacy": "privacy", "confidentialité": "privacy", "confidentialite": "privacy", "données": "privacy", "donnees": "privacy",
	"export": "export", "exporter": "export",
	"forget": "forget", "oublier": "forget", "oublie-moi": "forget", "oubliez-moi": "forget",
	"pause":  "pause",
	"resume": "resume", "reprendre": "resume",
}

// parse reads a privacy command of user: the verb, then nothing or
// only the caller themself ("me", their mention or id).
func parse(text, user string) (request, bool) {
	words := strings.Fields(strings.ToLower(strings.TrimSpace(text)))
	if len(words) == 0 {
		return request{}, false
	}
	verb, ok := verbs[words[0]]
	if !ok {
		return request{}, false
	}
	r := request{verb: verb}
	me := strings.ToLower(user)
	for _, w := range words[1:] {
		switch {
		case w == "me" || w == "moi" || w == me || w == "<@"+me+">" || strings.HasPrefix(w, "<@"+me+"|"):
		default:
			r.other = true
		}
	}
	return r, true
}

// Handle answers a privacy command of the caller, about the caller only;
// nil when the request is not one. What the answer reads (all of a
// member's data, for an export) is read here, before the transaction.
func (p *Privacy) Handle(ctx context.Context, ev bot.Event, lang, text string) (dispatch.Step, error) {
	r, ok := parse(text, ev.User)
	if !ok || ev.User == "" {
		return nil, nil
	}
	if r.other {
		return p.reply(ev, outbox.Message{Text: catalog.T(lang, "only_self")}), nil
	}
	switch r.verb {
	case "privacy":
		text, err := p.summary(ctx, ev.User, lang)
		if err != nil {
			return nil, err
		}
		return p.reply(ev, outbox.Message{Text: text}), nil
	case "export":
		return p.export(ctx, ev, lang)
	case "forget":
		return p.reply(ev, p.confirmation(ev.User, lang)), nil
	case "pause":
		return func(ctx context.Context, tx *store.Tx) error {
			first, err := tx.Pause(ctx, ev.User)
			if err != nil {
				return err
			}
			key := map[bool]string{true: "paused", false: "already_pause"}[first]
			return p.reply(ev, outbox.Message{Text: catalog.T(lang, key)})(ctx, tx)
		}, nil
	case "resume":
		return func(ctx context.Context, tx *store.Tx) error {
			was, err := tx.Resume(ctx, ev.User)
			if err != nil {
				return err
			}
			key := map[bool]string{true: "resumed", false: "not_paused"}[was]
			return p.reply(ev, outbox.Message{Text: catalog.T(lang, key)})(ctx, tx)
		}, nil
	}
	return nil, nil
}

// Prepare handles the forget confirmation's buttons; commands come through
// Handle.
func (p *Privacy) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	if ev.Kind != bot.KindAction || (ev.Command.Name != ActionForget && ev.Command.Name != ActionCancel) {
		return nil, nil
	}
	lang := p.lang(ctx, ev)
	member, issued, _ := strings.Cut(ev.Command.Value, "|")
	if member == "" || member != ev.User {
		return p.reply(ev, outbox.Message{Text: catalog.T(lang, "not_yours")}), nil
	}
	if ev.Command.Name == ActionCancel {
		return p.reply(ev, outbox.Message{Text: catalog.T(lang, "cancelled")}), nil
	}
	at, err := strconv.ParseInt(issued, 10, 64)
	now := p.d.Now()
	if err != nil || now.Sub(time.Unix(at, 0)) > confirmFor || time.Unix(at, 0).After(now.Add(time.Minute)) {
		return p.reply(ev, outbox.Message{Text: catalog.T(lang, "expired")}), nil
	}
	return func(ctx context.Context, tx *store.Tx) error {
		first, err := tx.Forget(ctx, member)
		if err != nil {
			return err
		}
		if !first {
			return p.reply(ev, outbox.Message{Text: catalog.T(lang, "already")})(ctx, tx)
		}
		p.d.Log.Info("member forgotten", "member_id", member)
		return p.reply(ev, outbox.Message{Text: catalog.T(lang, "forgotten")})(ctx, tx)
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

// summary tells a member what is stored about them.
func (p *Privacy) summary(ctx context.Context, member, lang string) (string, error) {
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

// export builds the member's data file; its step uploads it to their DM.
func (p *Privacy) export(ctx context.Context, ev bot.Event, lang string) (dispatch.Step, error) {
	b, err := p.exportFile(ctx, ev.User)
	if err != nil {
		return nil, err
	}
	file := &outbox.File{Name: "praxis-" + ev.User + ".json", Title: catalog.T(lang, "export_title"), Data: b}
	msg := outbox.Message{Text: catalog.T(lang, "export_text", p.d.Now().Format(time.DateOnly)), File: file}
	upload := dispatch.Enqueue(outbox.New("export:"+ev.ID, outbox.UploadFile, ev.User, msg))
	if ev.Kind == bot.KindDirect || strings.HasPrefix(ev.Channel, "D") {
		return upload, nil // the file arrives in this very conversation
	}
	return dispatch.Steps(upload, p.reply(ev, outbox.Message{Text: catalog.T(lang, "export_sent")})), nil
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

// lang is the language the member reads.
func (p *Privacy) lang(ctx context.Context, ev bot.Event) string {
	return p.opts.Communities.Lang(ctx, ev.User, ev.Channel)
}

// reply is the step that answers the member privately: to them alone in
// a conversation, else by DM (outbox.Reply). Never in a thread for all to
// see, even for an @mention.
func (p *Privacy) reply(ev bot.Event, m outbox.Message) dispatch.Step {
	return dispatch.Enqueue(outbox.Reply(ev, m, outbox.Asker))
}
