package slackedge

import (
	"context"
	"log/slog"
	"time"

	"praxis/bot"
	"praxis/bot/blockkit"
	"praxis/bot/command"
	"praxis/bot/digest"
)

// maxPreview is how many bytes of a digest a preview shows: a message's
// text takes 40,000 characters.
const maxPreview = 35000

// Preview answers "Preview my next digest" on a facilitator's Home: the
// member's own next digest as the job would build it now, sent to them by
// DM as text, nothing recorded. It is built when the click is prepared.
type Preview struct {
	plans *digest.Planner
	dir   *bot.Directory
	now   func() time.Time
	log   *slog.Logger
}

// NewPreview returns the preview of plans' digests, for dir's facilitators.
func NewPreview(plans *digest.Planner, dir *bot.Directory, d bot.Deps) *Preview {
	d = d.For("digest")
	return &Preview{plans: plans, dir: dir, now: d.Now, log: d.Log}
}

// Routes are the button, for the community's facilitators only: the
// member's own next digest.
func (p *Preview) Routes() []command.Route {
	return []command.Route{command.FacilitatorDM(command.ActionPreviewDigest, p.dir,
		func(ctx context.Context, r command.Request, _ bot.Community) string {
			return p.text(ctx, r.Member, r.Lang)
		})}
}

// text is the member's next digest as text, in lang.
func (p *Preview) text(ctx context.Context, member, lang string) string {
	pl, d, err := p.plans.Preview(ctx, member, p.now())
	if err != nil {
		p.log.Warn("digest preview", "member_id", member, "err", err)
		return catalog.T(lang, "digest_failed")
	}
	if d.Empty() {
		return catalog.T(lang, "digest_empty")
	}
	span := pl.From.UTC().Format("2006-01-02") + " → " + pl.To.UTC().Format("2006-01-02")
	return catalog.T(lang, "digest_preview", span) + "\n\n" + blockkit.CutBytes(d.Text(), maxPreview)
}
