// Package deliver is the reports' Slack edge: the weekly job that enqueues
// each facilitator's DM through the outbox, and the /praxis report route.
// Its name says what it does with a report built by bot/report and
// rendered by bot/report/render: deliver it.
package deliver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/blockkit"
	"praxis/bot/i18n"
	"praxis/bot/outbox"
	"praxis/bot/report"
	"praxis/bot/report/render"
	"praxis/bot/schedule"
	"praxis/store"
)

// Delivery: the weekly report goes to each community's facilitators by DM,
// through the outbox, once per period; /praxis report sends it on demand.
//
//	schedule (community's zone, report.weekday at report.hour)
//	  └─ Deliverer.Send ─ Build(the last whole ISO week) ─ Messages ─▶ outbox
//	       one DM per facilitator under report:<community>:<week>:<member>,
//	       and with charts: png, one upload per chart under <that key>:<chart>

// Chart delivery modes (config report.charts).
const (
	ChartsNative = "native" // Slack's data visualization blocks in the message
	ChartsPNG    = "png"    // PNG files uploaded after the message
	ChartsNone   = "none"
)

// DeliverOptions tune a Deliverer.
type DeliverOptions struct {
	TeamURL string // for permalinks ("": Slack's generic one)
}

// Deliverer builds and sends the weekly reports.
type Deliverer struct {
	st    *store.Store
	comms []bot.Community
	opts  DeliverOptions
	log   *slog.Logger
}

// NewDeliverer returns a Deliverer for the communities of cs.
func NewDeliverer(st *store.Store, cs []bot.Community, d bot.Deps, opts DeliverOptions) *Deliverer {
	return &Deliverer{st: st, comms: cs, opts: opts, log: d.For("report").Log}
}

// JobName is the scheduler job of a community's weekly report.
func JobName(community string) string { return "report:" + community }

// Jobs returns one weekly job per community with facilitators, on the
// community's clock.
func (d *Deliverer) Jobs() []schedule.Job {
	var jobs []schedule.Job
	for _, c := range d.comms {
		if len(c.Facilitators) == 0 {
			continue
		}
		spec := fmt.Sprintf("0 %d * * %d", c.Report.Hour, int(c.Report.Weekday))
		jobs = append(jobs, schedule.Job{Name: JobName(c.Name), Spec: spec, Loc: c.Loc, Timeout: 10 * time.Minute,
			Fn: func(ctx context.Context, per schedule.Period) error { return d.Send(ctx, c, per) }})
	}
	return jobs
}

// Send builds a community's report of the last whole week before the
// period's instant and enqueues it for each facilitator in one transaction.
// A period run again enqueues nothing new: the keys are the week's.
func (d *Deliverer) Send(ctx context.Context, c bot.Community, per schedule.Period) error {
	opts := report.Options{TeamURL: d.opts.TeamURL, Now: per.At}
	r, err := report.Build(ctx, d.st, c, report.LastWeek(per.At, c.Loc), opts)
	if err != nil {
		return fmt.Errorf("report of %s: %w", c.Name, err)
	}
	var msgs []store.OutMessage
	for _, f := range c.Facilitators {
		rf, err := report.ForReader(ctx, d.st, r, f)
		if err != nil {
			return err
		}
		ms, err := Messages(rf, c.Report, f, fmt.Sprintf("report:%s:%s:%s", c.Name, r.Period.Label, f))
		if err != nil {
			return err
		}
		msgs = append(msgs, ms...)
	}
	added, err := d.st.EnqueueAll(ctx, msgs)
	if err != nil {
		return fmt.Errorf("send report of %s: %w", c.Name, err)
	}
	d.log.Info("weekly report", "community", c.Name, "period", r.Period.Label,
		"facilitators", len(c.Facilitators), "messages", added)
	return nil
}

// chartMessages are native charts that did not fit in the report's
// message, two a message, keyed <key>:charts:1, :2… in the report's order.
func chartMessages(charts []slack.Block, to, key string) ([]store.OutMessage, error) {
	var out []store.OutMessage
	for chunk := range slices.Chunk(charts, blockkit.MaxChartsPerMessage) {
		raw, err := json.Marshal(chunk)
		if err != nil {
			return nil, fmt.Errorf("report charts: %w", err)
		}
		var titles []string
		for _, c := range chunk {
			if dv, ok := c.(*slack.DataVisualizationBlock); ok {
				titles = append(titles, dv.Title)
			}
		}
		out = append(out, outbox.New(fmt.Sprintf("%s:charts:%d", key, len(out)+1), outbox.PostMessage, to,
			outbox.Message{Text: strings.Join(titles, " · "), Blocks: raw}))
	}
	return out, nil
}

// chartTitles are the catalog keys of the charts' titles.
var chartTitles = map[render.ChartKind]string{
	render.ChartActive:    "chart.active",
	render.ChartQuestions: "chart.questions",
	render.ChartResponse:  "chart.response",
}

// Messages are a report's outbox entries for one recipient (a user ID:
// their DM), under key: the report itself (Block Kit, or the text report
// in a code block when format is "text"), then, with charts "png", one
// upload per chart that has data, keyed key:<chart>; with charts "native",
// the charts the report's message cannot hold (Slack takes two a message)
// follow in messages keyed key:charts:<n>.
func Messages(r *report.Report, rc bot.Report, to, key string) ([]store.OutMessage, error) {
	m := outbox.Message{Text: bot.Escape(render.Summary(r))} // plain text: the community's name may hold & < >
	var more []store.OutMessage                              // native charts after the report's message
	if rc.Format == "text" {
		var b bytes.Buffer
		if err := render.Render(&b, []*report.Report{r}, render.Text); err != nil {
			return nil, err
		}
		m.Text = "```\n" + strings.ReplaceAll(b.String(), "```", "'''") + "```"
	} else {
		blocks := render.BlocksWithoutCharts(r)
		var charts []slack.Block
		if rc.Charts == ChartsNative {
			charts = render.ChartBlocks(r)
		}
		// Slack takes two charts a message: the report carries what fits,
		// the rest follow in messages of their own.
		n := max(min(len(charts), blockkit.MaxChartsPerMessage, render.MaxBlocks-len(blocks)), 0)
		raw, err := json.Marshal(append(blocks, charts[:n]...))
		if err != nil {
			return nil, fmt.Errorf("report blocks: %w", err)
		}
		m.Blocks = raw
		if more, err = chartMessages(charts[n:], to, key); err != nil {
			return nil, err
		}
	}
	out := append([]store.OutMessage{outbox.New(key, outbox.PostMessage, to, m)}, more...)
	if rc.Charts != ChartsPNG {
		return out, nil
	}
	lang := i18n.Lang(r.Language)
	for _, kind := range render.ChartKinds {
		png, err := render.ChartPNG(r, kind)
		if errors.Is(err, render.ErrNoData) {
			continue
		}
		if err != nil {
			return nil, err
		}
		title := render.T(lang, chartTitles[kind])
		out = append(out, outbox.New(key+":"+string(kind), outbox.UploadFile, to, outbox.Message{Text: title,
			File: &outbox.File{Name: fmt.Sprintf("%s-%s.png", r.Period.Label, kind), Title: title,
				AltText: render.T(lang, "chart.alt", title), Data: png}}))
	}
	return out, nil
}
