package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"praxis/bot/config"
	"praxis/bot/digest"
	"praxis/bot/nudge"
	"praxis/internal/sample"
	"praxis/internal/slackemu"
	"praxis/store"
)

// cast is who plays in the live scenes, picked from the sample workspace.
type cast struct {
	en, fr           sample.Community
	enChan, frChan   sample.Channel
	newcomer, helper sample.User
	regular, french  sample.User
}

func (d *demo) pickCast() (cast, error) {
	var c cast
	users := map[string]sample.User{}
	for _, u := range d.ws.Users {
		users[u.ID] = u
	}
	chans := map[string]sample.Channel{}
	for _, ch := range d.ws.Channels {
		chans[ch.ID] = ch
	}
	for _, cm := range d.ws.Communities {
		if len(cm.Channels) == 0 {
			continue
		}
		if cm.Language == "fr" && c.fr.Name == "" {
			c.fr, c.frChan = cm, chans[cm.Channels[0]]
		}
		if cm.Language != "fr" && c.en.Name == "" {
			c.en, c.enChan = cm, chans[cm.Channels[0]]
		}
	}
	if c.en.Name == "" || c.fr.Name == "" {
		return c, fmt.Errorf("the sample workspace lacks an English or a French community")
	}
	in := map[string]bool{}
	for _, id := range c.enChan.Members {
		in[id] = true
	}
	for _, u := range d.ws.Users {
		switch {
		case u.IsBot:
		case !in[u.ID] && c.newcomer.ID == "" && (u.Role == "lurker" || u.Role == "newcomer" || u.Role == "occasional"):
			c.newcomer = u
		case in[u.ID] && c.helper.ID == "" && (u.Role == "helper" || u.Role == "core"):
			c.helper = u
		case in[u.ID] && c.regular.ID == "" && u.Role == "regular":
			c.regular = u
		}
	}
	for _, id := range c.frChan.Members {
		if u := users[id]; !u.IsBot && strings.HasPrefix(u.Locale, "fr") && c.french.ID == "" {
			c.french = u
		}
	}
	if c.newcomer.ID == "" || c.helper.ID == "" || c.regular.ID == "" || c.french.ID == "" {
		return c, fmt.Errorf("the sample workspace lacks a newcomer, a helper, a regular or a French member")
	}
	return c, nil
}

// keepOneRitual keeps the rituals of the demo's French community's question
// of the week only, the one the replay shows (the community pickCast takes):
// the others would fire at moments the replay's clock jumps over or lands
// on, and their posts would mix with the scenes'.
func keepOneRitual(cfg *config.Config) {
	kept := false
	for i := range cfg.Communities {
		c := &cfg.Communities[i]
		var rs []config.Ritual
		if c.Language == "fr" && len(c.Channels) > 0 && !kept {
			for _, r := range c.Rituals {
				if r.Kind == config.RitualQuestionOfTheWeek {
					rs = append(rs, r)
				}
			}
			kept = true
		}
		c.Rituals = rs
	}
}

// day is the start of a day (1-based) of the replay: day 1 is the Monday
// after the sample history ends.
func (d *demo) day(day int) time.Time {
	monday := d.ws.Options.End
	for monday.Weekday() != time.Monday {
		monday = monday.AddDate(0, 0, 1)
	}
	return monday.AddDate(0, 0, day-1)
}

// at moves the emulated clock to a day (1-based) and time of the replay.
func (d *demo) at(ctx context.Context, day int, hhmm string) time.Time {
	t, _ := time.Parse("15:04", hhmm)
	when := d.day(day).Add(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute)
	var err error
	if when.Truncate(time.Hour) != d.now().Truncate(time.Hour) {
		// A new hour: the hourly jobs run at once, on what Praxis has
		// processed by then. Let it catch up with the scenes first.
		err = d.quiesce(ctx)
	}
	d.clock.Store(when.UnixNano())
	if err == nil {
		err = d.settle(ctx)
	}
	if err != nil && d.lag == nil {
		d.lag = err
	}
	return when
}

// quiesce waits until every event the emulator sent is acknowledged and
// processed.
func (d *demo) quiesce(ctx context.Context) error {
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := d.emu.WaitAcked(wctx); err != nil {
		return fmt.Errorf("events not acknowledged: %w", err)
	}
	st, err := store.Open(wctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	for {
		if depth, err := st.InboxDepth(wctx); err == nil && depth == 0 {
			return nil
		}
		select {
		case <-wctx.Done():
			return fmt.Errorf("Praxis did not process the events in time (see %s/praxis.log)", d.dir)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// hourlyJobs are the jobs serve runs every hour (UTC): settle waits for
// their period before the replay goes on.
var hourlyJobs = []string{nudge.JobName, digest.JobName}

// settle waits until the hourly jobs have dealt with the hour the clock is
// in (done or skipped) and the outbox has posted what they enqueued, so
// that what Praxis does at each hour of the replay, and when it shows, does
// not depend on how fast the machine is.
func (d *demo) settle(ctx context.Context) error {
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	st, err := store.Open(wctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	hour := d.now().Truncate(time.Hour)
	for _, job := range hourlyJobs {
		for {
			r, err := st.LastJobRun(wctx, job, store.RunDone, store.RunSkipped, store.RunFailed)
			if err == nil && !r.ScheduledAt.Before(hour) {
				break
			}
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			select {
			case <-wctx.Done():
				return fmt.Errorf("the %s job did not run its %s period in time (see %s/praxis.log)", job, hour.Format(time.RFC3339), d.dir)
			case <-time.After(5 * time.Millisecond):
			}
		}
	}
	for {
		out, err := st.OutboxCounts(wctx)
		if err == nil && out[store.OutPending]+out[store.OutSending] == 0 {
			return nil
		}
		select {
		case <-wctx.Done():
			return fmt.Errorf("the outbox did not drain in time (see %s/praxis.log)", d.dir)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

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
// would in Slack, and shows what Praxis did.
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
	q := d.emu.UserMessage(c.enChan.ID, c.newcomer.ID, fmt.Sprintf("Hi all, I'm new here. How do we handle %s? Is <https://wiki.example.com/%s|the wiki page> still current?",
		topic(c.en, 0), strings.ReplaceAll(topic(c.en, 0), " ", "-")))
	d.line(when, en, c.newcomer.RealName+" asks how the team handles "+topic(c.en, 0))
	when = d.at(ctx, 1, "09:31")
	a := d.emu.UserMessage(c.enChan.ID, c.helper.ID, fmt.Sprintf("Welcome! The page is outdated; for %s we follow <https://docs.example.com/guide|this guide>. Happy to pair on it.", topic(c.en, 0)), slackemu.InThread(q))
	d.line(when, en, "  ↳ "+c.helper.RealName+" answers in the thread, with a link")
	when = d.at(ctx, 1, "09:40")
	d.emu.React(c.enChan.ID, a, c.newcomer.ID, "white_check_mark")
	d.emu.UserMessage(c.enChan.ID, c.newcomer.ID, "Thanks, that works!", slackemu.InThread(q))
	d.line(when, en, "  ↳ "+c.newcomer.RealName+" marks the answer ✅ and says thanks")
	when = d.at(ctx, 1, "11:00")
	d.emu.EditMessage(c.enChan.ID, a, c.helper.ID, fmt.Sprintf("Welcome! The page is outdated; for %s we follow <https://docs.example.com/guide|this guide> (updated today). Happy to pair on it.", topic(c.en, 0)))
	d.line(when, en, "  ↳ "+c.helper.RealName+" edits the answer")
	if err := d.welcome(ctx, c); err != nil {
		return err
	}

	when = d.at(ctx, 2, "10:00")
	d.emu.DropConnections()
	d.line(when, "", "— the connection to Slack drops —")
	for i, text := range []string{"Reminder: meetup on Thursday at 18:00, big room.", fmt.Sprintf("Short write-up on %s from last sprint: <https://blog.example.com/%d|notes>", topic(c.en, 1), 7), "+1, I'll be there"} {
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
	kms := d.emu.UserMessage(c.enChan.ID, c.newcomer.ID, fmt.Sprintf("Does anyone have a checklist for %s? I could not find one.", topic(c.en, 2)))
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
		return fmt.Errorf("no Home published for %s (see %s/praxis.log)", c.newcomer.ID, d.dir)
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
	loc, quiet := time.UTC, config.Nudges{}
	for _, cm := range d.cfg.Communities {
		if cm.Name == c.en.Name {
			loc, quiet = cm.Location(), cm.Nudges
		}
	}
	if l, err := time.LoadLocation(c.newcomer.TZ); err == nil && c.newcomer.TZ != "" {
		loc = l
	}
	from, to, ok := quiet.QuietWindow()
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
			d.line(when, "", fmt.Sprintf("— %s for %s (%s): the hourly nudges run —", local.Format("15:04"), c.newcomer.RealName, loc))
			im := d.emu.IMChannel(c.newcomer.ID)
			return d.awaitPraxis(ctx, before, 1, func(p slackemu.Posted) bool { return p.Channel == im })
		}
	}
	d.line(d.at(ctx, 1, "23:00"), "", "— "+c.newcomer.RealName+" is in quiet hours for the rest of the day: no welcome yet —")
	return nil
}

// awaitPraxis waits until every event is acknowledged and processed and
// Praxis has posted n answers (n of those match accepts, when given), then
// prints them.
func (d *demo) awaitPraxis(ctx context.Context, before, n int, match func(slackemu.Posted) bool) error {
	if d.lag != nil {
		return d.lag
	}
	if err := d.quiesce(ctx); err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	st, err := store.Open(wctx, d.db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	for {
		depth, err := st.InboxDepth(wctx)
		out, oerr := st.OutboxCounts(wctx)
		if err == nil && oerr == nil && depth == 0 && out[store.OutPending]+out[store.OutSending] == 0 && matching(d.answers(before), match) >= n {
			break
		}
		select {
		case <-wctx.Done():
			return fmt.Errorf("Praxis did not process everything in time (see %s/praxis.log)", d.dir)
		case <-time.After(20 * time.Millisecond):
		}
	}
	if len(d.answers(before)) == 0 {
		return nil
	}
	d.say("\n   What Praxis said:")
	// In a stable order: replies to concurrent events may come in any.
	ps := d.answers(before)
	rank := func(p slackemu.Posted) int {
		switch {
		case strings.HasPrefix(p.Channel, "D"):
			return 3
		case p.Ephemeral:
			return 1
		case p.ThreadTS != "":
			return 2
		}
		return 0
	}
	slices.SortStableFunc(ps, func(a, b slackemu.Posted) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.Text, b.Text))
	})
	for _, p := range ps {
		where := "in #" + d.channelName(p.Channel)
		switch {
		case strings.HasPrefix(p.Channel, "D"):
			where = "in a direct message"
		case p.Ephemeral:
			where += ", visible only to the asker"
		case p.ThreadTS != "":
			where += ", in the thread"
		}
		d.say("   → %s:", where)
		for _, l := range strings.Split(p.Text, "\n") {
			d.say("       %s", l)
		}
	}
	return nil
}

func matching(ps []slackemu.Posted, match func(slackemu.Posted) bool) int {
	if match == nil {
		return len(ps)
	}
	n := 0
	for _, p := range ps {
		if match(p) {
			n++
		}
	}
	return n
}

func (d *demo) answers(before int) []slackemu.Posted {
	var out []slackemu.Posted
	for _, p := range d.emu.Posted()[before:] {
		if p.Method == "chat.postMessage" || p.Method == "chat.postEphemeral" || p.Method == "response_url" {
			out = append(out, p)
		}
	}
	return out
}

func (d *demo) channelName(id string) string {
	for _, c := range d.ws.Channels {
		if c.ID == id {
			return c.Name
		}
	}
	return id
}
