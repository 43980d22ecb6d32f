// Package command answers what members say to Praxis: the /praxis slash
// command, @mentions and direct messages. Answers go through the outbox in
// the same transaction that marks the request processed, so each request is
// answered exactly once.
package command

import (
	"context"
	"fmt"
	"strings"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/outbox"
	"praxis/store"
)

// Responder answers commands.
type Responder struct {
	st        *store.Store
	dir       *bot.Directory
	delegates []Delegate
}

// Delegate answers the requests of one capability (expert finding…), in
// the Responder's Prepare: it reads and computes its answer there, outside
// the transaction, and returns the step that writes it, or nil when the
// request is not its own.
type Delegate interface {
	Handle(ctx context.Context, ev bot.Event, lang, text string) (dispatch.Step, error)
}

// Delegate adds capabilities that answer their own requests, asked in turn
// before the built-in commands.
func (r *Responder) Delegate(ds ...Delegate) { r.delegates = append(r.delegates, ds...) }

// New returns a Responder for dir's communities, answering each member in
// the language they read.
func New(st *store.Store, dir *bot.Directory) *Responder {
	return &Responder{st: st, dir: dir}
}

// Prepare answers a command event: a delegate's answer, else a built-in
// one, computed here; its step enqueues it. Other events are ignored.
func (r *Responder) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	var text string
	switch ev.Kind {
	case bot.KindCommand:
		text = ev.Command.Text
	case bot.KindMention, bot.KindDirect:
		text = stripMention(ev.Text)
	default:
		return nil, nil
	}
	lang := r.dir.Lang(ctx, ev.User, ev.Channel)
	for _, d := range r.delegates {
		if step, err := d.Handle(ctx, ev, lang, text); step != nil || err != nil {
			return step, err
		}
	}
	answer, err := r.answer(ctx, ev, lang, text)
	if err != nil {
		return nil, err
	}
	return dispatch.Enqueue(reply(ev, answer)), nil
}

func (r *Responder) answer(ctx context.Context, ev bot.Event, lang, text string) (string, error) {
	verb, _, _ := strings.Cut(strings.TrimSpace(strings.ToLower(text)), " ")
	switch verb {
	case "status", "statut":
		return r.status(ctx, ev.Channel, lang)
	case "", "help", "aide":
		return T(lang, "help"), nil
	}
	return T(lang, "unknown", bot.Escape(verb)) + "\n\n" + T(lang, "help"), nil
}

func (r *Responder) status(ctx context.Context, channel, lang string) (string, error) {
	c, ok := r.dir.Of(channel)
	if !ok {
		return T(lang, "status_unmapped"), nil
	}
	st, err := r.st.CommunityStats(ctx, c.Name)
	if err != nil {
		return "", fmt.Errorf("status of %s: %w", c.Name, err)
	}
	return T(lang, "status", bot.Escape(c.Name), st.Members, st.Messages, st.Replies, st.Reactions, st.Resources), nil
}

// reply builds the answer's outbox entry: to the asker alone for a slash
// command in a conversation, in the thread for a mention, in the
// conversation for a DM (outbox.Reply).
func reply(ev bot.Event, text string) store.OutMessage {
	return outbox.Reply(ev, outbox.Message{Text: text}, outbox.Thread)
}

// stripMention removes the leading <@U…> of an @mention.
func stripMention(text string) string {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "<@") {
		if i := strings.Index(text, ">"); i > 0 {
			text = text[i+1:]
		}
	}
	return strings.TrimSpace(text)
}
