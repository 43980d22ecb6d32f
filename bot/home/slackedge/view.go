package slackedge

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/blockkit"
	"praxis/bot/command"
	"praxis/bot/expert"
	"praxis/bot/home"
	"praxis/bot/report"
)

// Slack's limits that the view must keep.
const (
	maxBlocks     = 100 // blocks in a Home view
	maxSection    = 3000
	maxOptions    = 100
	maxButtons    = 25 // elements of an actions block
	maxOpen       = 5  // open questions listed per community
	maxQuestion   = 90 // characters of each
	facilBlocks   = 3  // blocks per facilitated community
	optionDefault = "default"
)

// View renders a member's Home as the JSON views.publish takes.
func View(s *home.State) (json.RawMessage, error) {
	req := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: Blocks(s)}}
	return json.Marshal(req)
}

// Blocks are the Home's blocks: the member's part, then, for a
// facilitator, as many of their communities as Slack's 100 blocks allow.
func Blocks(s *home.State) []slack.Block {
	p := printer{s.Lang}
	bs := []slack.Block{
		slack.NewHeaderBlock(plain(p.t("title"))),
		section(p.t("intro", s.Member)),
		section(communitiesText(s, p)),
	}
	bs = append(bs, weekBlocks(s, p)...)
	bs = append(bs, recordBlocks(s, p)...)
	bs = append(bs, expertiseBlocks(s, p)...)
	bs = append(bs, settingsBlocks(s, p)...)
	if len(s.Facilitated) == 0 {
		return bs
	}
	bs = append(bs, slack.NewDividerBlock(), slack.NewHeaderBlock(plain(p.t("facilitator"))))
	room := (maxBlocks - len(bs) - 1) / facilBlocks
	for i, f := range s.Facilitated {
		if i == room {
			bs = append(bs, contextText(p.n("f_more", len(s.Facilitated)-i)))
			break
		}
		bs = append(bs, facilitatedBlocks(i, f, s, p)...)
	}
	return bs
}

func communitiesText(s *home.State, p printer) string {
	if len(s.Communities) == 0 {
		return p.t("no_community")
	}
	var b strings.Builder
	b.WriteString(p.t("communities"))
	for i, c := range s.Communities {
		var chans []string
		for _, id := range c.Channels {
			chans = append(chans, "<#"+id+">")
		}
		line := "\n" + p.t("community", esc(c.Name), strings.Join(chans, ", "))
		if b.Len()+len(line) > maxSection-100 {
			b.WriteString("\n" + p.t("more_communities", len(s.Communities)-i))
			break
		}
		b.WriteString(line)
	}
	return b.String()
}

func weekBlocks(s *home.State, p printer) []slack.Block {
	w := s.Week
	fields := []*slack.TextBlockObject{mrkdwn(p.t("w_messages", w.Messages)), mrkdwn(p.t("w_reactions", w.Reactions)),
		mrkdwn(p.t("w_accepted", w.Accepted)), mrkdwn(p.t("w_thanks", w.Thanks))}
	return []slack.Block{slack.NewDividerBlock(), slack.NewHeaderBlock(plain(p.t("week"))),
		slack.NewSectionBlock(nil, fields, nil), contextText(p.t("week_note"))}
}

func expertiseBlocks(s *home.State, p printer) []slack.Block {
	bs := []slack.Block{slack.NewDividerBlock(), slack.NewHeaderBlock(plain(p.t("expertise")))}
	if len(s.Topics) == 0 {
		return append(bs, section(p.t("no_expertise")))
	}
	for _, t := range s.Topics[:min(len(s.Topics), home.MaxTopics)] {
		bs = append(bs, section(topicText(t, s, p)))
	}
	return append(bs, contextText(p.t("expertise_note")))
}

// topicText is one topic and its evidence, with links to its best threads.
func topicText(t expert.Topic, s *home.State, p printer) string {
	head := "*" + esc(t.Name) + "*"
	if t.Community != "" {
		head += " · " + esc(t.Community)
	}
	var why []string
	if t.Answered > 0 {
		why = append(why, p.n("t_answered", t.Answered))
	}
	if t.Accepted > 0 {
		why = append(why, p.n("t_accepted", t.Accepted))
	}
	if t.Thanked > 0 {
		why = append(why, p.n("t_thanked", t.Thanked))
	}
	if t.Discussed > 0 {
		why = append(why, p.n("t_discussed", t.Discussed))
	}
	if t.Evidence() {
		why = append(why, p.t("t_last", expert.Ago(p.lang, t.Last, s.Now)))
	}
	if t.Skill {
		why = append(why, p.t("t_skill"))
	}
	if t.Declared {
		why = append(why, p.t("t_declared"))
	}
	text := head + "\n" + strings.Join(why, " · ")
	if len(t.Best) > 0 {
		var links []string
		for _, th := range t.Best {
			links = append(links, "<"+expert.Permalink(s.TeamURL, th)+"|#"+esc(th.Channel)+">")
		}
		text += "\n" + p.t("t_threads", strings.Join(links, " · "))
	}
	return text
}

func settingsBlocks(s *home.State, p printer) []slack.Block {
	pr := s.Prefs
	bs := []slack.Block{slack.NewDividerBlock(), slack.NewHeaderBlock(plain(p.t("settings")))}

	freqs := []*slack.OptionBlockObject{option(optionDefault, p.t("f_default", p.t("f_"+s.DefaultFreq)))}
	for _, f := range []string{"daily", "weekly", "monthly", "off"} {
		freqs = append(freqs, option(f, p.t("f_"+f)))
	}
	bs = append(bs, selectSection(p.t("s_freq"), ActionFrequency, freqs, cmp.Or(pr.Digest.Frequency, optionDefault)))

	hours := []*slack.OptionBlockObject{option(optionDefault, p.t("h_default", s.DefaultHour))}
	for h := range 24 {
		hours = append(hours, option(strconv.Itoa(h), p.t("h_hour", h)))
	}
	hour := optionDefault
	if pr.Digest.Hour >= 0 {
		hour = strconv.Itoa(pr.Digest.Hour)
	}
	bs = append(bs, selectSection(p.t("s_hour"), ActionHour, hours, hour))

	if pr.NudgesOff {
		bs = append(bs, buttonSection(p.t("s_nudges_off"), ActionNudges, "on", p.t("b_turn_on")))
	} else {
		bs = append(bs, buttonSection(p.t("s_nudges_on"), ActionNudges, "off", p.t("b_turn_off")))
	}
	if pr.NotSuggested {
		bs = append(bs, buttonSection(p.t("s_suggest_off"), ActionSuggest, "on", p.t("b_turn_on")))
	} else {
		bs = append(bs, buttonSection(p.t("s_suggest_on"), ActionSuggest, "off", p.t("b_turn_off")))
	}

	if pr.Unnamed {
		bs = append(bs, buttonSection(p.t("s_named_off"), ActionRecognition, "on", p.t("b_turn_on")))
	} else {
		bs = append(bs, buttonSection(p.t("s_named_on"), ActionRecognition, "off", p.t("b_turn_off")))
	}

	langs := []*slack.OptionBlockObject{
		option("auto", p.t("l_auto", p.t("l_"+s.AutoLang))),
		option("en", p.t("l_en")),
		option("fr", p.t("l_fr")),
	}
	bs = append(bs, selectSection(p.t("s_lang"), ActionLanguage, langs, cmp.Or(pr.Language, "auto")))
	return append(bs, mutedBlocks(s, p)...)
}

// mutedBlocks list the muted channels, each with its unmute button, and
// offer the member's other channels to mute.
func mutedBlocks(s *home.State, p printer) []slack.Block {
	var muted, names []string
	for _, id := range s.Prefs.Muted {
		if _, mapped := s.Names[id]; mapped {
			muted = append(muted, id)
			names = append(names, "<#"+id+">")
		}
	}
	var offer []*slack.OptionBlockObject
	for _, c := range s.Communities {
		for _, id := range c.Channels {
			if !slices.Contains(muted, id) && len(offer) < maxOptions {
				offer = append(offer, option(id, "#"+s.Names[id]))
			}
		}
	}
	text := p.t("s_muted_none")
	if len(muted) > 0 {
		text = blockkit.CutBytes(p.t("s_muted", strings.Join(names, ", ")), maxSection)
	}
	var head *slack.SectionBlock
	if len(offer) > 0 {
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(p.t("s_mute_pick")), ActionMute, offer...)
		head = slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(sel))
	} else {
		head = section(text)
	}
	bs := []slack.Block{head}
	if len(muted) == 0 {
		return bs
	}
	var buttons []slack.BlockElement
	for _, id := range muted[:min(len(muted), maxButtons)] {
		buttons = append(buttons, slack.NewButtonBlockElement(ActionUnmute+":"+id, id, plain(p.t("b_unmute", s.Names[id]))))
	}
	return append(bs, slack.NewActionBlock("", buttons...))
}

// facilitatedBlocks are one community's figures, open questions and
// buttons: facilBlocks blocks.
func facilitatedBlocks(i int, f home.Facilitated, s *home.State, p printer) []slack.Block {
	r := f.Report
	var head, open slack.Block
	if r == nil {
		head = section(p.t("f_no_report", esc(f.Community)))
		open = section(p.t("f_open_none"))
	} else {
		var fields []*slack.TextBlockObject
		for _, fig := range r.Headline[:min(len(r.Headline), 10)] {
			fields = append(fields, mrkdwn("*"+esc(p.figLabel(fig.Key))+"*\n"+p.value(fig)+"   "+p.change(fig)))
		}
		head = slack.NewSectionBlock(mrkdwn(p.t("f_title", esc(f.Community), esc(r.Period.Label))), fields, nil)
		open = section(openText(r, p))
	}
	suffix := ":" + strconv.Itoa(i)
	buttons := []slack.BlockElement{
		slack.NewButtonBlockElement(command.ActionReport+suffix, f.Community, plain(p.t("b_report"))),
		slack.NewButtonBlockElement(command.ActionPreviewDigest+suffix, f.Community, plain(p.t("b_digest"))),
	}
	if f.Nudges {
		nudges := slack.NewButtonBlockElement(command.ActionPreviewNudges+suffix, f.Community, plain(p.t("b_nudges")))
		buttons = append(buttons, nudges)
	}
	return []slack.Block{head, open, slack.NewActionBlock("", buttons...)}
}

// openText lists the first open questions in the report's order (the
// week's first, escalated ones leading), under their true count.
func openText(r *report.Report, p printer) string {
	open := r.Questions.Open
	total := max(r.Counts.OpenQuestions, len(open))
	if total == 0 {
		return p.t("f_open_none")
	}
	lines := []string{p.t("f_open", total)}
	for _, o := range open[:min(len(open), maxOpen)] {
		text := bot.Escape(bot.Cut(o.Text, maxQuestion)) // plain text (report.OpenQuestion)
		if o.Permalink != "" {
			text = "<" + o.Permalink + "|" + text + ">"
		}
		lines = append(lines, "• "+text+" — <@"+o.Asker.ID+"> <#"+o.Channel+">, "+p.hours(o.AgeHours))
	}
	if shown := min(len(open), maxOpen); total > shown {
		lines = append(lines, p.t("f_open_more", total-shown))
	}
	return blockkit.CutBytes(strings.Join(lines, "\n"), maxSection)
}
