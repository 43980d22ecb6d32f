package command

import (
	"context"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/bot/outbox"
	"praxis/store"
)

// The buttons a facilitator finds on their Home under each community they
// facilitate, whose value names the community. Each is answered by the
// capability it concerns (bot/report/deliver, bot/digest/slackedge,
// bot/nudge/slackedge), not by the Home; their ids are those the Home has
// always published, so that views already published keep working.
const (
	ActionReport        = "home_report"         // run the community's report now
	ActionPreviewDigest = "home_preview_digest" // preview my next digest
	ActionPreviewNudges = "home_preview_nudges" // preview the community's nudges
)

// FacilitatorHandler answers a facilitator's button for c, the community
// its value names, which r.Member facilitates.
type FacilitatorHandler func(ctx context.Context, r Request, c bot.Community) (dispatch.Step, error)

// ForFacilitators is the handler of a facilitator's button: h answers it
// when the member who clicked facilitates the community the value names.
// Anyone else (a click's value comes back as the client sent it: a forged
// or stale one) is told by DM that only its facilitators can do this, and
// nothing is read for them. The one check of every such button.
func ForFacilitators(dir *bot.Directory, h FacilitatorHandler) Handler {
	return func(ctx context.Context, r Request) (dispatch.Step, error) {
		name := r.Event.Command.Value
		c, ok := dir.Named(name)
		if !ok || !c.Facilitates(r.Member) {
			return dispatch.Enqueue(r.HomeDM(T(r.Lang, "not_facilitator", bot.Escape(name)))), nil
		}
		return h(ctx, r, c)
	}
}

// FacilitatorDM is the route of a facilitator's button answered by one
// DM (a preview): text says it, in r.Lang, for the community c the button
// names, behind ForFacilitators.
func FacilitatorDM(action string, dir *bot.Directory,
	text func(ctx context.Context, r Request, c bot.Community) string) Route {
	return Route{Actions: []string{action}, Handle: ForFacilitators(dir,
		func(ctx context.Context, r Request, c bot.Community) (dispatch.Step, error) {
			return dispatch.Enqueue(r.HomeDM(text(ctx, r, c))), nil
		})}
}

// HomeDM is text sent to the member by DM as the answer to a button of
// their Home, which is no conversation to reply in, keyed
// "home:dm:<event id>" as the Home's answers always were.
func (r Request) HomeDM(text string) store.OutMessage {
	return r.DM("home:dm:"+r.Event.ID, outbox.Message{Text: text})
}
