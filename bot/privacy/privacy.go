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
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/i18n"
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
	// Language is the default language for a channel (its community's,
	// else the workspace's), for members without a Slack locale.
	Language func(channel string) string
	// Forgotten, when set, is called once a member's forgetting is
	// committed: in-memory views of the store (expert finding's index) can
	// drop them at once.
	Forgotten func(member string)
	// Erased, when set, is called after the retention job erased words.
	Erased func()
	Log    *slog.Logger
}

// Privacy answers members' privacy commands and buttons, and erases old
// message text.
type Privacy struct {
	st      *store.Store
	opts    Options
	exports *dispatch.Stash[[]byte] // export files built in Prepare, by event id
}

// New returns a Privacy.
func New(st *store.Store, opts Options) *Privacy {
	if opts.Language == nil {
		opts.Language = func(string) string { return "en" }
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	return &Privacy{st: st, opts: opts, exports: dispatch.NewStash[[]byte](10*time.Minute, 64)}
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

// commandText is the text of a command, mention or DM.
func commandText(ev bot.Event) (string, bool) {
	switch ev.Kind {
	case bot.KindCommand:
		return ev.Command.Text, true
	case bot.KindMention, bot.KindDirect:
		text := strings.TrimSpace(ev.Text)
		if strings.HasPrefix(text, "<@") {
			if i := strings.Index(text, ">"); i > 0 {
				text = text[i+1:]
			}
		}
		return text, true
	}
	return "", false
}

// Prepare builds a member's export file before the transaction: it reads
// all their data, which the writer need not wait for.
func (p *Privacy) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	text, ok := commandText(ev)
	if !ok {
		return func(ctx context.Context, tx *store.Tx) error { return p.Apply(ctx, ev, tx) }, nil
	}
	if r, ok := parse(text, ev.User); ok && r.verb == "export" && !r.other && ev.User != "" {
		if b, err := p.exportFile(ctx, ev.User); err == nil {
			p.exports.Put(ev.ID, b)
		}
	}
	return nil, nil
}

// Handle answers a privacy command of the caller, about the caller only.
func (p *Privacy) Handle(ctx context.Context, ev bot.Event, lang, text string, tx *store.Tx) (bool, error) {
	r, ok := parse(text, ev.User)
	if !ok || ev.User == "" {
		return false, nil
	}
	if r.other {
		return true, p.reply(ctx, ev, tx, outbox.Message{Text: catalog.T(lang, "only_self")})
	}
	switch r.verb {
	case "privacy":
		text, err := p.summary(ctx, ev.User, lang)
		if err != nil {
			return true, err
		}
		return true, p.reply(ctx, ev, tx, outbox.Message{Text: text})
	case "export":
		return true, p.export(ctx, ev, lang, tx)
	case "forget":
		return true, p.reply(ctx, ev, tx, p.confirmation(ev.User, lang))
	case "pause":
		first, err := tx.Pause(ctx, ev.User)
		if err != nil {
			return true, err
		}
		return true, p.reply(ctx, ev, tx, outbox.Message{Text: catalog.T(lang, map[bool]string{true: "paused", false: "already_pause"}[first])})
	case "resume":
		was, err := tx.Resume(ctx, ev.User)
		if err != nil {
			return true, err
		}
		return true, p.reply(ctx, ev, tx, outbox.Message{Text: catalog.T(lang, map[bool]string{true: "resumed", false: "not_paused"}[was])})
	}
	return false, nil
}

// Apply handles the forget confirmation's buttons; commands come through
// Handle.
func (p *Privacy) Apply(ctx context.Context, ev bot.Event, tx *store.Tx) error {
	if ev.Kind != bot.KindAction || (ev.Command.Name != ActionForget && ev.Command.Name != ActionCancel) {
		return nil
	}
	lang := p.lang(ctx, ev)
	member, issued, _ := strings.Cut(ev.Command.Value, "|")
	if member == "" || member != ev.User {
		return p.reply(ctx, ev, tx, outbox.Message{Text: catalog.T(lang, "not_yours")})
	}
	if ev.Command.Name == ActionCancel {
		return p.reply(ctx, ev, tx, outbox.Message{Text: catalog.T(lang, "cancelled")})
	}
	at, err := strconv.ParseInt(issued, 10, 64)
	if now := p.st.Now(); err != nil || now.Sub(time.Unix(at, 0)) > confirmFor || time.Unix(at, 0).After(now.Add(time.Minute)) {
		return p.reply(ctx, ev, tx, outbox.Message{Text: catalog.T(lang, "expired")})
	}
	first, err := tx.Forget(ctx, member)
	if err != nil {
		return err
	}
	if first {
		p.opts.Log.Info("member forgotten", "member_id", member)
		if p.opts.Forgotten != nil {
			tx.AfterCommit(func() { p.opts.Forgotten(member) })
		}
		return p.reply(ctx, ev, tx, outbox.Message{Text: catalog.T(lang, "forgotten")})
	}
	return p.reply(ctx, ev, tx, outbox.Message{Text: catalog.T(lang, "already")})
}

// confirmation is the warning with its buttons; the buttons carry the
// member they are for and when they were shown.
func (p *Privacy) confirmation(member, lang string) outbox.Message {
	warn := catalog.T(lang, "forget_warn")
	value := member + "|" + strconv.FormatInt(p.st.Now().Unix(), 10)
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

// export uploads the member's data to their DM.
func (p *Privacy) export(ctx context.Context, ev bot.Event, lang string, tx *store.Tx) error {
	b, ok := p.exports.Get(ev.ID)
	if !ok {
		var err error
		if b, err = p.exportFile(ctx, ev.User); err != nil {
			return err
		}
	}
	file := &outbox.File{Name: "praxis-" + ev.User + ".json", Title: catalog.T(lang, "export_title"), Data: b}
	msg := outbox.Message{Text: catalog.T(lang, "export_text", p.st.Now().Format(time.DateOnly)), File: file}
	if _, err := tx.Enqueue(ctx, outbox.New("export:"+ev.ID, outbox.UploadFile, ev.User, msg)); err != nil {
		return err
	}
	if ev.Kind == bot.KindDirect || strings.HasPrefix(ev.Channel, "D") {
		return nil // the file arrives in this very conversation
	}
	return p.reply(ctx, ev, tx, outbox.Message{Text: catalog.T(lang, "export_sent")})
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

// lang is the member's language: their Slack locale, else the channel's.
func (p *Privacy) lang(ctx context.Context, ev bot.Event) string {
	if m, err := p.st.Member(ctx, ev.User); err == nil && m.Locale != "" {
		return i18n.Lang(m.Locale)
	}
	return i18n.Lang(p.opts.Language(ev.Channel))
}

// reply answers the member privately: to them alone in a conversation,
// else by DM (outbox.Reply). Never in a thread for all to see, even for an
// @mention.
func (p *Privacy) reply(ctx context.Context, ev bot.Event, tx *store.Tx, m outbox.Message) error {
	_, err := tx.Enqueue(ctx, outbox.Reply(ev, m, outbox.Asker))
	return err
}
