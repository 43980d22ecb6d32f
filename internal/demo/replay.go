package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"praxis/bot"
	"praxis/internal/sample"
	"praxis/internal/slackemu"
)

func (d *demo) line(when time.Time, channel, what string) {
	d.say("   %s  %-22s %s", when.Format("Mon 15:04"), channel, what)
}

func topic(c sample.Community, i int) string {
	if len(c.Topics) == 0 {
		return "this"
	}
	return c.Topics[i%len(c.Topics)]
}

// replay plays three days of live activity through the emulator, as members
// would in Slack, and shows what Praxis did. It is long because it is the
// script: the scenes in the order they play.
func (d *demo) replay(ctx context.Context) error {
	c, err := d.pickCast()
	if err != nil {
		return err
	}
	en, fr := "#"+c.enChan.Name, "#"+c.frChan.Name
	d.say("\n4. Three days of live activity, replayed on a fast clock:")
	before := len(d.emu.Posted())
	// The French community's question of the week is due on Mondays at
	// 10:00 in Paris: 09:00 UTC in November. (Its next one, day 8, is an
	// hour old when the replay gets there: past its grace, not posted.)
	when := d.at(ctx, 1, "09:00")
	d.line(when, fr, "Monday, 10:00 in Paris: the question of the week is due")
	if err := d.awaitPraxis(ctx, before, 1, func(p slackemu.Posted) bool { return p.Channel == c.frChan.ID }); err != nil {
		return err
	}
	when = d.at(ctx, 1, "09:02")
	d.emu.Join(c.enChan.ID, c.newcomer.ID)
	d.line(when, en, c.newcomer.RealName+" joins the channel")
	when = d.at(ctx, 1, "09:05")
	q := d.emu.UserMessage(c.enChan.ID, c.newcomer.ID, fmt.Sprintf("Hi all, I'm new here. How do we handle %s? "+
		"Is <https://wiki.example.com/%s|the wiki page> still current?",
		topic(c.en, 0), strings.ReplaceAll(topic(c.en, 0), " ", "-")))
	d.line(when, en, c.newcomer.RealName+" asks how the team handles "+topic(c.en, 0))
	when = d.at(ctx, 1, "09:31")
	a := d.emu.UserMessage(c.enChan.ID, c.helper.ID, fmt.Sprintf("Welcome! The page is outdated; for %s we follow "+
		"<https://docs.example.com/guide|this guide>. Happy to pair on it.", topic(c.en, 0)), slackemu.InThread(q))
	d.line(when, en, "  ↳ "+c.helper.RealName+" answers in the thread, with a link")
	when = d.at(ctx, 1, "09:40")
	d.emu.React(c.enChan.ID, a, c.newcomer.ID, "white_check_mark")
	d.emu.UserMessage(c.enChan.ID, c.newcomer.ID, "Thanks, that works!", slackemu.InThread(q))
	d.line(when, en, "  ↳ "+c.newcomer.RealName+" marks the answer ✅ and says thanks")
	when = d.at(ctx, 1, "11:00")
	d.emu.EditMessage(c.enChan.ID, a, c.helper.ID, fmt.Sprintf("Welcome! The page is outdated; for %s we follow "+
		"<https://docs.example.com/guide|this guide> (updated today). Happy to pair on it.", topic(c.en, 0)))
	d.line(when, en, "  ↳ "+c.helper.RealName+" edits the answer")
	if err := d.welcome(ctx, c); err != nil {
		return err
	}

	when = d.at(ctx, 2, "10:00")
	d.emu.DropConnections()
	d.line(when, "", "— the connection to Slack drops —")
	for i, text := range []string{
		"Reminder: meetup on Thursday at 18:00, big room.",
		fmt.Sprintf("Short write-up on %s from last sprint: <https://blog.example.com/%d|notes>", topic(c.en, 1), 7),
		"+1, I'll be there",
	} {
		when = d.at(ctx, 2, fmt.Sprintf("10:%02d", 5+5*i))
		d.emu.UserMessage(c.enChan.ID, c.regular.ID, text)
	}
	d.line(when, en, c.regular.RealName+" posts 3 messages while Praxis is disconnected")
	if err := d.emu.WaitConnected(ctx, 1); err != nil {
		return err
	}
	d.line(when, "", "— Praxis reconnects; Slack redelivers what was not acknowledged —")
	when = d.at(ctx, 2, "14:00")
	oops := d.emu.UserMessage(c.enChan.ID, c.regular.ID, "oops, wrong channel")
	d.emu.DeleteMessage(c.enChan.ID, oops)
	d.line(when, en, c.regular.RealName+" posts in the wrong channel and deletes it")

	before = len(d.emu.Posted())
	when = d.at(ctx, 3, "09:00")
	if err := d.emu.SlashCommand(c.french.ID, c.frChan.ID, "statut"); err != nil {
		return err
	}
	d.line(when, fr, c.french.RealName+" types /praxis statut")
	when = d.at(ctx, 3, "09:05")
	d.emu.UserMessage(c.enChan.ID, c.helper.ID, "<@UPRAXIS> help")
	d.line(when, en, c.helper.RealName+" asks @Praxis for help")
	when = d.at(ctx, 3, "09:10")
	ask := fmt.Sprintf("expert how do we handle %s?", topic(c.en, 1))
	if err := d.emu.SlashCommand(c.regular.ID, c.enChan.ID, ask); err != nil {
		return err
	}
	d.line(when, en, c.regular.RealName+" types /praxis "+ask)
	if err := d.awaitPraxis(ctx, before, 3, nil); err != nil {
		return err
	}

	if err := d.home(ctx, c); err != nil {
		return err
	}

	before = len(d.emu.Posted())
	when = d.at(ctx, 3, "09:20")
	kms := d.emu.UserMessage(c.enChan.ID, c.newcomer.ID,
		fmt.Sprintf("Does anyone have a checklist for %s? I could not find one.", topic(c.en, 2)))
	d.line(when, en, c.newcomer.RealName+" asks about "+topic(c.en, 2)+"; nobody answers")
	if err := d.awaitPraxis(ctx, before, 0, nil); err != nil {
		return err
	}
	when = d.at(ctx, 3, "14:30")
	d.line(when, en, "— 5 working hours later, the question is still unanswered —")
	if err := d.awaitPraxis(ctx, before, 1, func(p slackemu.Posted) bool { return p.ThreadTS == kms }); err != nil {
		return err
	}
	before = len(d.emu.Posted())
	when = d.at(ctx, 8, "10:00")
	d.line(when, en, "— Monday, still no answer after 24 working hours —")
	return d.awaitPraxis(ctx, before, len(c.en.Facilitators), func(p slackemu.Posted) bool {
		return strings.HasPrefix(p.Channel, "D") && strings.Contains(p.Text, strings.Replace(kms, ".", "", 1))
	})
}

// home shows a member in control: the newcomer opens Praxis's Home tab (what
// Praxis knows of them and their settings) and asks what it stores.
func (d *demo) home(ctx context.Context, c cast) error {
	before := len(d.emu.Posted())
	when := d.at(ctx, 3, "09:15")
	d.emu.OpenAppHome(c.newcomer.ID)
	d.line(when, "", c.newcomer.RealName+" opens Praxis's Home tab")
	if err := d.awaitPraxis(ctx, before, 0, nil); err != nil {
		return err
	}
	var view json.RawMessage
	for _, p := range d.emu.Posted()[before:] {
		if p.Method == "views.publish" && p.User == c.newcomer.ID {
			view = p.Payload
		}
	}
	if view == nil {
		return fmt.Errorf("no Home published for %s (see %s/praxis.log)", c.newcomer.ID, d.Dir)
	}
	d.say("\n   Their Home tab (views.publish), as text:")
	for _, l := range viewLines(view, 14) {
		d.say("       %s", l)
	}
	before = len(d.emu.Posted())
	when = d.at(ctx, 3, "09:16")
	if err := d.emu.SlashCommand(c.newcomer.ID, c.enChan.ID, "privacy"); err != nil {
		return err
	}
	d.line(when, "#"+c.enChan.Name, c.newcomer.RealName+" types /praxis privacy")
	return d.awaitPraxis(ctx, before, 1, nil)
}

// viewLines is the text of a view's blocks (headers, sections and their
// fields, context), a line each, at most max.
func viewLines(raw json.RawMessage, max int) []string {
	var v struct {
		Blocks []struct {
			Type     string
			Text     *struct{ Text string }
			Fields   []struct{ Text string }
			Elements []struct {
				Type, Text string
			}
		}
	}
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	var out []string
	add := func(s string) {
		for _, l := range strings.Split(s, "\n") {
			if l = strings.TrimSpace(l); l != "" && len(out) < max {
				out = append(out, l)
			}
		}
	}
	for _, b := range v.Blocks {
		if b.Text != nil {
			add(b.Text.Text)
		}
		for _, f := range b.Fields {
			add(strings.ReplaceAll(f.Text, "\n", " "))
		}
		if b.Type == "context" {
			for _, e := range b.Elements {
				add(e.Text)
			}
		}
	}
	if len(out) == max {
		out = append(out, "…")
	}
	return out
}

// welcome moves the clock to the first hour of day 1, after the scenes of
// the morning, that is outside quiet hours where the newcomer lives, when
// the hourly nudges job welcomes them with a direct message.
func (d *demo) welcome(ctx context.Context, c cast) error {
	loc, quiet := time.UTC, bot.Nudges{}
	if cm, found := d.setup.Communities.Named(c.en.Name); found {
		loc, quiet = cm.Loc, cm.Nudges
	}
	if l, err := time.LoadLocation(c.newcomer.TZ); err == nil && c.newcomer.TZ != "" {
		loc = l
	}
	from, to, ok := quiet.QuietFrom, quiet.QuietTo, quiet.Quiet
	open := func(t time.Time) bool {
		if !ok {
			return true
		}
		tod := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
		if from <= to {
			return tod < from || tod >= to
		}
		return tod < from && tod >= to
	}
	day := d.day(1)
	for h := 12; h < 24; h++ {
		if local := day.Add(time.Duration(h) * time.Hour).In(loc); open(local) {
			before := len(d.emu.Posted())
			when := d.at(ctx, 1, fmt.Sprintf("%02d:00", h))
			d.line(when, "", fmt.Sprintf("— %s for %s (%s): the hourly nudges run —",
				local.Format("15:04"), c.newcomer.RealName, loc))
			im := d.emu.IMChannel(c.newcomer.ID)
			return d.awaitPraxis(ctx, before, 1, func(p slackemu.Posted) bool { return p.Channel == im })
		}
	}
	d.line(d.at(ctx, 1, "23:00"), "",
		"— "+c.newcomer.RealName+" is in quiet hours for the rest of the day: no welcome yet —")
	return nil
}
