package slackedge

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"praxis/bot"
	"praxis/bot/command"
	"praxis/bot/dispatch"
	"praxis/bot/outbox"
	"praxis/store"
)

// Routes are the ways to ask who knows (`/praxis expert`, plain words, the
// "Find an expert" shortcut), `/praxis skills`, and the answer's buttons.
// The ranking is done in the handlers, before the transaction: it may wait
// for the index to load, and the writer must not wait with it.
func (a *Asker) Routes() []command.Route {
	skills := map[string][]string{"en": {"skills", "skill"}, "fr": {"compétences", "competences", "compétence"}}
	return []command.Route{
		{Verbs: map[string][]string{"en": {"expert", "experts"}, "fr": {"expert"}}, Help: "help_expert",
			Handle: a.expert},
		{Words: askPattern, Handle: a.question},
		{Verbs: skills, Help: "help_skills", Handle: a.skills},
		{Actions: []string{ShortcutFindExpert}, Handle: a.shortcut},
		{Actions: []string{ActionInvite, ActionNotHelpful}, Handle: a.button},
	}
}

// expert answers `expert QUESTION`, and `expert off|on` (never suggest me,
// or again).
func (a *Asker) expert(ctx context.Context, r command.Request) (dispatch.Step, error) {
	switch strings.ToLower(r.Text) {
	case "off", "non":
		return a.setSuggest(r, false), nil
	case "on", "oui":
		return a.setSuggest(r, true), nil
	}
	return a.ask(ctx, r, r.Text, r.Text, "")
}

// question answers plain words: "who knows about X?".
func (a *Asker) question(ctx context.Context, r command.Request) (dispatch.Step, error) {
	return a.ask(ctx, r, r.Text, r.Text, "")
}

// shortcut answers "Find an expert" on a message. The message is someone
// else's: it is ranked on, but kept in the query log only as the store
// keeps it (not at all when its author paused or was forgotten, or
// retention passed, or Praxis does not record its channel); the raw event
// is not kept either.
func (a *Asker) shortcut(ctx context.Context, r command.Request) (dispatch.Step, error) {
	if r.Event.Command.Name != ShortcutFindExpert {
		return nil, nil
	}
	kept := ""
	if m, err := a.st.MessageByTS(ctx, r.Event.Channel, r.Event.TS); err == nil {
		kept = m.Text
	}
	step, err := a.ask(ctx, r, r.Event.Text, kept, threadOf(r.Event))
	if err != nil {
		return nil, err
	}
	withhold := func(_ context.Context, tx *store.Tx) error {
		tx.Withhold()
		return nil
	}
	return dispatch.Steps(withhold, step), nil
}

// button handles "Ask them in a thread" and "Not helpful": it reads the
// query the answer logged; its step records what the asker chose.
func (a *Asker) button(ctx context.Context, r command.Request) (dispatch.Step, error) {
	name := r.Event.Command.Name
	id, err := strconv.ParseInt(r.Event.Command.Value, 10, 64)
	if err != nil || name != ActionInvite && name != ActionNotHelpful {
		return nil, nil // not ours, or tampered with: nothing to do
	}
	q, err := a.st.ExpertQueryByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return a.reply(r, outbox.Message{Text: askCatalog.T(r.Lang, "expired")}), nil
	}
	if err == nil && q.Asker != r.Member {
		return a.reply(r, outbox.Message{Text: askCatalog.T(r.Lang, "not_yours")}), nil
	}
	if err != nil {
		return nil, err
	}
	if name == ActionNotHelpful {
		feedback := func(ctx context.Context, tx *store.Tx) error { return tx.SetExpertFeedback(ctx, id, "not_helpful") }
		return dispatch.Steps(feedback, a.reply(r, outbox.Message{Text: askCatalog.T(r.Lang, "noted")})), nil
	}
	// Where to ask: the question's thread, else a new message in the channel
	// it was asked in. Never from a DM: what was said there is private.
	if q.ChannelID == "" || strings.HasPrefix(q.ChannelID, "D") {
		return a.reply(r, outbox.Message{Text: askCatalog.T(r.Lang, "invite_dm")}), nil
	}
	return a.invite(r, q, bot.Quote(q.Text, bot.Mrkdwn, maxQuoted, a.names(ctx))), nil
}

// invite is the step that asks the suggested people of a query in its
// thread (quoted is its question, quoted): those not asked yet about it.
func (a *Asker) invite(r command.Request, q store.ExpertQuery, quoted string) dispatch.Step {
	channel, thread, now := q.ChannelID, q.ThreadTS, a.eng.Now()
	key := thread
	if key == "" {
		key = "q" + strconv.FormatInt(q.ID, 10)
	}
	postLang := a.dir.Pick(bot.Reader{}, channel) // read by everyone in the channel
	return func(ctx context.Context, tx *store.Tx) error {
		var asked []string
		for _, u := range q.Ranked {
			err := tx.AddPing(ctx, store.Ping{MemberID: u, ChannelID: channel, QuestionTS: key, Kind: "invited", At: now})
			if errors.Is(err, store.ErrPinged) {
				continue
			}
			if err != nil {
				return err
			}
			asked = append(asked, "<@"+u+">")
		}
		if len(asked) == 0 {
			return a.reply(r, outbox.Message{Text: askCatalog.T(r.Lang, "invite_none")})(ctx, tx)
		}
		if err := tx.SetExpertFeedback(ctx, q.ID, "invited"); err != nil {
			return err
		}
		names := strings.Join(asked, ", ")
		post := outbox.Message{Text: askCatalog.T(postLang, "ask_post", q.Asker, quoted, names), ThreadTS: thread}
		return dispatch.Enqueue(outbox.New(fmt.Sprintf("expert-invite:%d", q.ID), outbox.PostMessage, channel, post),
			r.Reply(outbox.Message{Text: askCatalog.T(r.Lang, "invited", names)}))(ctx, tx)
	}
}

// skills answers `skills [add|remove SKILL]`: a change's step writes it,
// and a listing is read here.
func (a *Asker) skills(ctx context.Context, r command.Request) (dispatch.Step, error) {
	verb, skill, _ := strings.Cut(r.Text, " ")
	skill = strings.ToLower(strings.TrimSpace(stripMarkup(skill)))
	say := func(key string, args ...any) dispatch.Step {
		return a.reply(r, outbox.Message{Text: askCatalog.T(r.Lang, key, args...)})
	}
	switch strings.ToLower(verb) {
	case "add", "ajouter":
		if skill == "" {
			break
		}
		if strings.ContainsAny(skill, "<>&*_~`") || utf8.RuneCountInString(skill) > 60 {
			return say("skill_bad"), nil
		}
		add := func(ctx context.Context, tx *store.Tx) error { return tx.AddSkill(ctx, r.Member, skill) }
		return dispatch.Steps(add, say("skill_added", skill)), nil
	case "remove", "retirer", "rm":
		return func(ctx context.Context, tx *store.Tx) error {
			ok, err := tx.RemoveSkill(ctx, r.Member, skill)
			if err != nil {
				return err
			}
			return say(map[bool]string{true: "skill_gone", false: "skill_absent"}[ok], skill)(ctx, tx)
		}, nil
	}
	skills, err := a.st.Skills(ctx)
	if err != nil {
		return nil, err
	}
	if mine := skills[r.Member]; len(mine) > 0 {
		return say("skills_list", strings.Join(mine, ", ")), nil
	}
	return say("skills_none"), nil
}

// setSuggest is the step of `expert off|on`.
func (a *Asker) setSuggest(r command.Request, on bool) dispatch.Step {
	set := func(ctx context.Context, tx *store.Tx) error { return tx.SetSuggestable(ctx, r.Member, on) }
	key := map[bool]string{true: "suggest_on", false: "suggest_off"}[on]
	return dispatch.Steps(set, a.reply(r, outbox.Message{Text: askCatalog.T(r.Lang, key)}))
}

// reply is the step that answers where the request came from, to the
// asker alone (only they see who was suggested): command.Request.Reply.
func (a *Asker) reply(r command.Request, m outbox.Message) dispatch.Step {
	return dispatch.Enqueue(r.Reply(m))
}
