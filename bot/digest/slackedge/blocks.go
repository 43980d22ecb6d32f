package slackedge

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/bot/digest"
	"praxis/bot/outbox"
)

// Button action ids. A mute button's id is ActionMute, a colon and its
// place (Slack wants the ids of a block distinct); every value is the
// member, "|", and their choice.
const (
	ActionLess        = "digest_less"
	ActionMute        = "digest_mute"
	ActionUnsubscribe = "digest_unsubscribe"
)

// maxMuteButtons bounds the mute buttons: the channels with the most items.
const maxMuteButtons = 3

// Blocks renders a digest as Block Kit, with its buttons. freq is how
// often the member gets it: "less often" makes a daily digest weekly and a
// weekly one monthly.
func Blocks(d digest.Digest, freq string) []slack.Block {
	md := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
	}
	blocks := []slack.Block{slack.NewSectionBlock(md(d.Title()), nil, nil)}
	for _, sec := range d.Sections() {
		blocks = append(blocks, slack.NewDividerBlock(), slack.NewSectionBlock(md(strings.Join(sec, "\n")), nil, nil))
	}
	blocks = append(blocks, slack.NewContextBlock("digest_week", md(d.WeekLine())))
	plain := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
	}
	var buttons []slack.BlockElement
	if next, ok := lessOften[freq]; ok {
		less := slack.NewButtonBlockElement(ActionLess, d.Member+"|"+next, plain(catalog.T(d.Lang, "less")))
		buttons = append(buttons, less)
	}
	for i, ch := range channels(d) {
		buttons = append(buttons, slack.NewButtonBlockElement(fmt.Sprintf("%s:%d", ActionMute, i+1), d.Member+"|"+ch.id,
			plain(catalog.T(d.Lang, "mute", ch.name))))
	}
	unsubscribe := slack.NewButtonBlockElement(ActionUnsubscribe, d.Member+"|off", plain(catalog.T(d.Lang, "unsubscribe")))
	buttons = append(buttons, unsubscribe.WithStyle(slack.StyleDanger))
	return append(blocks, slack.NewActionBlock("digest_actions", buttons...))
}

type channelRef struct{ id, name string }

// channels returns the digest's channels with the most items, at most
// maxMuteButtons.
func channels(d digest.Digest) []channelRef {
	count := map[string]int{}
	var order []channelRef
	for _, it := range d.Items() {
		if count[it.ChannelID] == 0 {
			order = append(order, channelRef{it.ChannelID, it.Channel})
		}
		count[it.ChannelID]++
	}
	// Stable: by count, then first appearance.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && count[order[j].id] > count[order[j-1].id]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	return order[:min(len(order), maxMuteButtons)]
}

// lessOften is the step the "less often" button takes.
var lessOften = map[string]string{
	bot.FrequencyDaily:  bot.FrequencyWeekly,
	bot.FrequencyWeekly: bot.FrequencyMonthly,
}

// Message is a digest as the outbox sends it; freq as for Blocks.
func Message(d digest.Digest, freq string) outbox.Message {
	raw, _ := json.Marshal(Blocks(d, freq)) // blocks of strings always marshal
	return outbox.Message{Text: d.Text(), Blocks: raw}
}
