package bot

import (
	"slices"
	"time"

	"praxis/bot/workhours"
)

// Digest frequencies.
const (
	FrequencyOff    = "off"
	FrequencyDaily  = "daily"
	FrequencyWeekly = "weekly"
	// FrequencyMonthly: on the first of the digest's weekday in each month.
	FrequencyMonthly = "monthly"
)

// Ritual kinds.
const (
	RitualQuestionOfTheWeek = "question_of_the_week"
	RitualShowAndTell       = "show_and_tell"
	RitualOfficeHours       = "office_hours"
	RitualCustom            = "custom"
	// RitualRecognition thanks the past month's helpers (bot/recognition),
	// once a month whatever its schedule.
	RitualRecognition = "recognition"
)

// Community is a community of practice as Praxis runs it: the configuration
// read once at start, its channels resolved to ids, its time zone loaded and
// its settings typed, so that no capability parses or resolves anything
// again. The commands that run without a configuration make it from what
// the store recorded, with the default settings.
type Community struct {
	Name     string
	Vocation string         // one sentence: why the community exists
	Language string         // en or fr: what its channels read
	Loc      *time.Location // its time zone; never nil
	Channels []Channel      // in the configuration's order
	// Facilitators are the members who get its reports and escalations.
	Facilitators []string
	// Sponsors are the managers who support it: they get the sponsors'
	// report of it. The Directory's fallback holds the workspace's, who get
	// every community's (Directory.Sponsored).
	Sponsors []string
	// Topics are declared topics, each with its synonyms in parentheses:
	// "kubernetes (k8s, kube)".
	Topics []string
	// Experts maps each declared expert to their topics.
	Experts map[string][]string
	// Hours is its working time (its public holidays left out), which
	// unanswered questions wait by and the reports count in.
	Hours         workhours.Hours
	AnswerWithin  time.Duration // working time before experts are invited into an unanswered question
	EscalateAfter time.Duration // working time before its facilitators are told
	Digest        Digest
	Nudges        Nudges
	Rituals       []Ritual
	Report        Report
	// SponsorReport is when the sponsors' report is sent: the workspace's
	// setting, which the Directory's fallback holds (one report sets every
	// community side by side).
	SponsorReport SponsorReport
}

// SponsorReport is when the sponsors' report reaches each sponsor: on Day
// of each month at Hour, both in the sponsor's own time zone, the month
// before; never when Frequency is FrequencyOff.
type SponsorReport struct {
	Frequency string // FrequencyMonthly or FrequencyOff
	Day       int    // 1..28
	Hour      int    // 0..23
}

// Channel is a community's channel, resolved.
type Channel struct {
	ID      string
	Name    string // without "#"; "" when unknown
	Private bool
}

// Digest is a community's default digest: its members' own choices come
// first.
type Digest struct {
	Frequency string       // FrequencyOff, FrequencyDaily, FrequencyWeekly or FrequencyMonthly
	Weekday   time.Weekday // weekly and monthly digests
	Hour      int          // 0..23, in each member's time zone
	MaxItems  int
}

// Nudges is a community's nudge policy.
type Nudges struct {
	Enabled      bool
	WeeklyBudget int // nudges per member per week
	// Quiet hours, as offsets from midnight in the member's time zone;
	// QuietFrom > QuietTo wraps midnight. Quiet is false when there are
	// none.
	Quiet              bool
	QuietFrom, QuietTo time.Duration
	SkipWeekends       bool
	HoldoutPercent     int // members never nudged, to measure the effect
	SilentWeeks        int // weeks a reader has not posted before they are nudged
	// PerQuestion is how many members may ever be asked about one open
	// question (the best placed first), so that a question never swarms.
	PerQuestion int
}

// Ritual is one of a community's scheduled posts, its channel resolved.
type Ritual struct {
	Kind      string   // RitualQuestionOfTheWeek, …
	Spec      string   // 5-field cron spec, in the community's time zone
	ChannelID string   // where it is posted
	Questions []string // question of the week: in rotation
	Hosts     []string // office hours: user ids, in rotation
	Text      string   // custom: posted as plain text
}

// Report is when and how a community's weekly report reaches its
// facilitators.
type Report struct {
	Weekday time.Weekday
	Hour    int    // 0..23, in the community's time zone
	Format  string // blocks or text
	Charts  string // png, native or none
}

// ChannelIDs returns the ids of the community's channels, in its order.
func (c Community) ChannelIDs() []string {
	out := make([]string, len(c.Channels))
	for i, ch := range c.Channels {
		out[i] = ch.ID
	}
	return out
}

// Public returns the ids of the community's public channels: what may be
// drawn from for everyone to read.
func (c Community) Public() []string {
	var out []string
	for _, ch := range c.Channels {
		if !ch.Private {
			out = append(out, ch.ID)
		}
	}
	return out
}

// Has reports whether a channel (an id) is one of the community's.
func (c Community) Has(channel string) bool {
	return slices.ContainsFunc(c.Channels, func(ch Channel) bool { return ch.ID == channel })
}

// Facilitates reports whether member is one of the community's
// facilitators.
func (c Community) Facilitates(member string) bool { return slices.Contains(c.Facilitators, member) }
