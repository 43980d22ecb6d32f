package sample

import "time"

// Options describe the workspace to generate. Zero values take defaults.
type Options struct {
	Seed int64 // same seed and options ⇒ byte-identical output

	// Members is the number of human members, deleted ones included
	// (default 80, at least 4 per community). Bot users come on top.
	Members int
	// Communities is the number of communities (default 4). Each has 1 to 3
	// channels when Channels allows it: left at 0 with more than 3 channels
	// per community, it is raised to ceil(Channels/3).
	Communities int
	// Channels is the total number of channels (default 6, at least
	// Communities, at most 1000).
	Channels int
	// Messages is the approximate total number of messages written,
	// thread replies, joins and bot messages included (default 6000).
	Messages int
	// End is the end of the history, exclusive, truncated to a UTC day
	// (default 2026-11-01 UTC).
	End time.Time
	// Days is the length of the history in days (default 180, at most
	// 20000).
	Days int
	// SlackdumpLayout writes a thread's replies in its parent's day file,
	// as slackdump does, instead of the day file of the day each reply
	// was posted.
	SlackdumpLayout bool
}

// Defaults of Options.
const (
	DefaultMembers     = 80
	DefaultCommunities = 4
	DefaultChannels    = 6
	DefaultMessages    = 6000
	DefaultDays        = 180
	maxChannels        = 1000
	maxDays            = 20000
)

// DefaultEnd is the default end of the history.
var DefaultEnd = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// withDefaults returns o with defaults applied and values made consistent.
func (o Options) withDefaults() Options {
	if o.Channels <= 0 {
		o.Channels = DefaultChannels
	}
	o.Channels = min(o.Channels, maxChannels)
	if o.Communities <= 0 {
		o.Communities = max(min(DefaultCommunities, o.Channels), (o.Channels+2)/3)
	}
	o.Channels = max(o.Channels, o.Communities)
	if o.Members <= 0 {
		o.Members = DefaultMembers
	}
	o.Members = max(o.Members, 4*o.Communities)
	if o.Messages <= 0 {
		o.Messages = DefaultMessages
	}
	if o.End.IsZero() {
		o.End = DefaultEnd
	}
	o.End = o.End.UTC().Truncate(24 * time.Hour)
	if o.Days <= 0 {
		o.Days = DefaultDays
	}
	o.Days = min(o.Days, maxDays)
	return o
}

// Stats count what an export holds.
type Stats struct {
	Channels int // channel folders written
	Members  int // users.json entries, bots and deleted members included
	// Messages counts every message object written: thread replies, joins
	// and bot messages included. Praxis's importer counts contributions
	// only: Messages - Joins - BotMessages.
	Messages    int
	Replies     int // thread replies (thread_ts set and not the message's own ts)
	BotMessages int // subtype bot_message
	Reactions   int // one per member and emoji
	Files       int // files shared
	Links       int // distinct links per message, outside bot messages
	Joins       int // subtype channel_join
	DayFiles    int // YYYY-MM-DD.json files written
}

func (s *Stats) add(o Stats) {
	s.Channels += o.Channels
	s.Messages += o.Messages
	s.Replies += o.Replies
	s.BotMessages += o.BotMessages
	s.Reactions += o.Reactions
	s.Files += o.Files
	s.Links += o.Links
	s.Joins += o.Joins
	s.DayFiles += o.DayFiles
}
