package deliver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/outbox"
	"praxis/bot/report"
	"praxis/bot/report/render"
	"praxis/bot/schedule"
	"praxis/store"
)

// The sponsors' report goes to each sponsor by DM, once a month, in their
// own time zone: the month is cut there, and it is sent there on the
// configured day and hour.
//
//	schedule (hourly, UTC) ─ SponsorDeliverer.Send ─ for each sponsor whose
//	  local day and hour began in the period (schedule.LocalHour):
//	    BuildSponsor(the last whole month in their zone) ─▶ outbox
//	    sponsor:<month>:<member> (Block Kit), and :html (the page, uploaded)

// SponsorJobName is the scheduler job of the sponsors' report.
const SponsorJobName = "sponsor-report"

// SponsorDeliverer builds and sends the sponsors' reports.
type SponsorDeliverer struct {
	st  *store.Store
	dir *bot.Directory
	url string
	log *slog.Logger
}

// NewSponsorDeliverer returns the sponsors' report delivery of dir's
// sponsors (the workspace's and the communities').
func NewSponsorDeliverer(st *store.Store, dir *bot.Directory, d bot.Deps, opts DeliverOptions) *SponsorDeliverer {
	return &SponsorDeliverer{st: st, dir: dir, url: opts.TeamURL, log: d.For("report").Log}
}

// Jobs returns the hourly job that sends the sponsors' reports, none when
// the report is off or nobody sponsors anything.
func (d *SponsorDeliverer) Jobs() []schedule.Job {
	if d.dir.Fallback().SponsorReport.Frequency != bot.FrequencyMonthly || len(d.dir.Sponsors()) == 0 {
		return nil
	}
	return []schedule.Job{{Name: SponsorJobName, Spec: "0 * * * *", Loc: time.UTC, Timeout: 15 * time.Minute,
		Fn: d.Send}}
}

// Send enqueues the report of the month before for each sponsor whose
// day and hour began in the period, in their zone. A period run again, or
// a sponsor reached twice in a month (a changed time zone), enqueues
// nothing new: the keys are the month's.
func (d *SponsorDeliverer) Send(ctx context.Context, per schedule.Period) error {
	rc := d.dir.Fallback().SponsorReport
	built := map[string]*report.Sponsor{} // by communities, zone and language: sponsors alike share one
	var msgs []store.OutMessage
	for _, member := range d.dir.Sponsors() {
		cs := d.dir.Sponsored(member)
		loc := sponsorZone(ctx, d.st, d.dir, member)
		start, ok := schedule.LocalHour(loc, rc.Hour, per)
		if !ok || start.Day() != rc.Day || len(cs) == 0 {
			continue
		}
		lang := d.dir.Lang(ctx, member, "")
		key := fmt.Sprintf("%s|%s|%s", names(cs), loc, lang)
		s := built[key]
		if s == nil {
			var err error
			s, err = report.BuildSponsor(ctx, d.st, cs, report.LastMonth(start, loc), lang,
				report.Options{TeamURL: d.url, Now: per.At})
			if err != nil {
				return fmt.Errorf("sponsors' report for %s: %w", member, err)
			}
			built[key] = s
		}
		m, err := SponsorMessages(s, member, fmt.Sprintf("sponsor:%s:%s", s.Period.Label, member))
		if err != nil {
			return err
		}
		msgs = append(msgs, m...)
	}
	if len(msgs) == 0 {
		return nil
	}
	added, err := d.st.EnqueueAll(ctx, msgs)
	if err != nil {
		return fmt.Errorf("send sponsors' reports: %w", err)
	}
	d.log.Info("sponsors' report", "period", per.Key, "messages", added)
	return nil
}

// sponsorZone is a sponsor's time zone, from their Slack profile; the
// workspace's when it is not known.
func sponsorZone(ctx context.Context, st *store.Store, dir *bot.Directory, member string) *time.Location {
	if m, err := st.Member(ctx, member); err == nil && m.TZ != "" {
		if loc, err := time.LoadLocation(m.TZ); err == nil {
			return loc
		}
	}
	return dir.Fallback().Loc
}

func names(cs []bot.Community) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return strings.Join(out, "\x00")
}

// SponsorMessages are the sponsors' report's outbox entries for one
// sponsor (a user ID: their DM), under key: the report as Block Kit, then
// its HTML page uploaded as a file (key:html), to open, print or forward.
func SponsorMessages(s *report.Sponsor, to, key string) ([]store.OutMessage, error) {
	raw, err := json.Marshal(render.SponsorBlocks(s))
	if err != nil {
		return nil, fmt.Errorf("sponsors' report blocks: %w", err)
	}
	var page bytes.Buffer
	if err := render.RenderSponsor(&page, s, render.HTML); err != nil {
		return nil, err
	}
	summary := bot.Escape(render.SponsorSummary(s)) // plain text: community names may hold & < >
	title := render.T(s.Language, "sponsor.page", render.SponsorTitle(s))
	return []store.OutMessage{
		outbox.New(key, outbox.PostMessage, to, outbox.Message{Text: summary, Blocks: raw}),
		outbox.New(key+":html", outbox.UploadFile, to, outbox.Message{Text: title,
			File: &outbox.File{Name: "praxis-sponsors-" + s.Period.Label + ".html", Title: title,
				Data: page.Bytes()}}),
	}, nil
}
