// Package report measures the participation and health of each community
// of practice over a period (a week by default): the model and its
// computation, read from the store. Rendering it is bot/report/render's,
// sending it on Slack bot/report/deliver's.
//
// The data path:
//
//	store (SQLite) ──Build──▶ Report ──render.Render(format)──▶ text | markdown | html | csv | json
//	                                  └─render.Blocks──────────▶ deliver: Slack message (outbox)
//
// Every metric is defined, with its formula, in docs/metrics.md.
package report

import "time"

// Period is a half-open interval [From, To) in a community's time zone.
// Label names it: "2026-W47" for an ISO week, "2026-11-01..2026-11-14"
// for a custom range.
type Period struct {
	Label string    `json:"label"`
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
}

// Report is one community's figures for one period. Counts are for the
// period; Previous holds the same figures for the period of the same length
// just before, so that every headline has its change.
type Report struct {
	Community   string    `json:"community"`
	Language    string    `json:"language"` // en or fr: the community's
	TimeZone    string    `json:"time_zone"`
	Period      Period    `json:"period"`
	Previous    Period    `json:"previous"`
	GeneratedAt time.Time `json:"generated_at"`

	// Headline figures, in display order, each with its previous value.
	Headline []Figure `json:"headline"`

	Members       Members       `json:"members"`
	Contributions Contributions `json:"contributions"`
	Questions     Questions     `json:"questions"`
	Newcomers     []Newcomer    `json:"newcomers"`
	TopHelpers    []Helper      `json:"top_helpers"`
	Risk          Risk          `json:"risk"`
	Nudges        NudgeEffect   `json:"nudges"`
	// Marks are the six marks of a living community of practice, in the
	// order of the Mark* keys.
	Marks  []Mark `json:"marks"`
	Trends Trends `json:"trends"`
	// Counts are the true sizes of the lists above, which Options.MaxList
	// caps: a renderer says "and N more" from them, never from a list's
	// length.
	Counts Counts `json:"counts"`
}

// Counts are how many items each capped list of a report has in all.
type Counts struct {
	OpenQuestions int `json:"open_questions"` // open at the end of the period: the headline's figure
	// OpenThisPeriod counts those of OpenQuestions asked in the period:
	// the ones a facilitator can still act on this week.
	OpenThisPeriod   int `json:"open_this_period"`
	Newcomers        int `json:"newcomers"`
	NewcomersWaiting int `json:"newcomers_waiting"` // posted and got no reply
	TopHelpers       int `json:"top_helpers"`
	Slipping         int `json:"slipping"`
	Bridges          int `json:"bridges"`
	Core             int `json:"core"`
}

// Figure is a headline number and its value in the previous period.
type Figure struct {
	Key      string  `json:"key"` // a Fig* key; its label comes from the catalog
	Value    float64 `json:"value"`
	Previous float64 `json:"previous"`
	// Unit: "" (a count), "percent" (0..100), "hours".
	Unit string `json:"unit,omitempty"`
	// Missing is true when there is no value (no question answered, so no
	// response time); Value is then meaningless.
	Missing     bool `json:"missing,omitempty"`
	PrevMissing bool `json:"previous_missing,omitempty"`
}

// Change is Value − Previous, and false when either is missing.
func (f Figure) Change() (float64, bool) {
	if f.Missing || f.PrevMissing {
		return 0, false
	}
	return f.Value - f.Previous, true
}

// Headline figure keys.
const (
	FigActiveMembers   = "active_members"
	FigNewMembers      = "new_members"
	FigMessages        = "messages"
	FigQuestionsAsked  = "questions_asked"
	FigAnsweredPercent = "answered_percent"
	FigMedianResponse  = "median_first_answer_hours"
	FigOpenQuestions   = "open_questions"
	FigResources       = "resources"
)

// Person is a member as reports show them.
type Person struct {
	ID   string `json:"id"`
	Name string `json:"name"` // display name, else real name, else the ID
}

// Level is an engagement level, in the spirit of the Orbit model.
type Level string

// Engagement levels, from the outermost ring to the core.
const (
	Observer    Level = "observer"
	Participant Level = "participant"
	Contributor Level = "contributor"
	Core        Level = "core"
)

// Levels lists the levels from the outermost ring inwards.
var Levels = []Level{Observer, Participant, Contributor, Core}

// Members counts the community's people in the period.
type Members struct {
	Total     int `json:"total"`     // members of its channels at the end of the period
	New       int `json:"new"`       // joined during the period
	Active    int `json:"active"`    // posted or reacted during the period
	Returning int `json:"returning"` // active now, not in the previous period, active before it
	GoneQuiet int `json:"gone_quiet"`
	// Levels counts members at each level at the end of the period.
	Levels map[Level]int `json:"levels"`
	// Moves counts members who changed level since the end of the
	// previous period: up one or more rings, or down.
	Moves []Move   `json:"moves"`
	Core  []Person `json:"core"`
}

// Move counts members who went From one level To another.
type Move struct {
	From  Level `json:"from"`
	To    Level `json:"to"`
	Count int   `json:"count"`
}

// Contributions counts what members gave, by kind.
type Contributions struct {
	Messages  int `json:"messages"` // top-level messages
	Replies   int `json:"replies"`  // thread replies
	Reactions int `json:"reactions"`
	Resources int `json:"resources"` // links and files shared
}

// Questions follows the questions asked in the community's channels.
type Questions struct {
	Asked    int `json:"asked"`
	Answered int `json:"answered"` // of those asked in the period
	Resolved int `json:"resolved"`
	// Time to first answer, in working hours, of the questions of the
	// period that were answered (CHAOSS "time to first response").
	MedianFirstAnswerHours float64 `json:"median_first_answer_hours"`
	P90FirstAnswerHours    float64 `json:"p90_first_answer_hours"`
	HasTimes               bool    `json:"has_times"` // false: none answered
	// Open lists the questions still open at the end of the period, what a
	// facilitator can act on first: those asked in the period (escalated
	// ones first, then those Praxis asked members about, then oldest
	// first), then the older ones, oldest first. Counts says how many
	// there are in all.
	Open []OpenQuestion `json:"open"`
	// OldestOpenHours is the age of the oldest open question, listed or
	// not (0 when none is open).
	OldestOpenHours float64 `json:"oldest_open_hours"`
}

// OpenQuestion is a question still waiting at the end of the period.
type OpenQuestion struct {
	Asker   Person `json:"asker"`
	Channel string `json:"channel"` // the channel's ID
	// ChannelName is the channel's name without "#", for the renderers
	// that cannot show <#C…> as Slack does; empty, they show Channel.
	ChannelName string `json:"channel_name,omitempty"`
	TS          string `json:"ts"`
	// Text is the question's first line as members read it: plain text
	// (Slack's markup decoded, people and channels by name), shortened.
	Text      string    `json:"text"`
	AskedAt   time.Time `json:"asked_at"`
	AgeHours  float64   `json:"age_hours"` // calendar hours at the end of the period
	Permalink string    `json:"permalink"`
	// ThisPeriod is true when it was asked during the period.
	ThisPeriod bool `json:"this_period"`
	// Escalated is true when Praxis escalated it to the facilitators.
	Escalated bool `json:"escalated"`
	// Nudged counts the members Praxis asked about it (sent nudges).
	Nudged int `json:"nudged"`
}

// Newcomer is a member who joined during the period.
type Newcomer struct {
	Person   Person    `json:"person"`
	JoinedAt time.Time `json:"joined_at"`
	// Posted is true when they wrote a first message; GotReply when someone
	// else replied in its thread (after it, for a first message that is
	// itself a thread reply) by the end of the period.
	Posted    bool   `json:"posted"`
	GotReply  bool   `json:"got_reply"`
	Permalink string `json:"permalink,omitempty"` // their first message
}

// Helper is a member recognised for their answers, not their volume.
type Helper struct {
	Person   Person `json:"person"`
	Accepted int    `json:"accepted"` // answers accepted (✅) in the period
	Thanked  int    `json:"thanked"`  // answers thanked
	Answers  int    `json:"answers"`  // replies to others' questions
}

// Risk is what a facilitator should watch.
type Risk struct {
	// Slipping lists members whose activity fell well below their own
	// baseline, largest drop first.
	Slipping []Slipping `json:"slipping"`
	// AbsenceFactor is the fewest members who produced half of the
	// period's messages (the CHAOSS contributor absence factor).
	AbsenceFactor int `json:"absence_factor"`
	// Bridges are members active in this community and at least one other.
	Bridges []Bridge `json:"bridges"`
}

// Slipping is a member whose recent activity fell below their baseline.
type Slipping struct {
	Person   Person  `json:"person"`
	Baseline float64 `json:"baseline_per_week"`
	Recent   float64 `json:"recent_per_week"`
}

// Bridge is a member who connects communities.
type Bridge struct {
	Person      Person   `json:"person"`
	Communities []string `json:"communities"` // the others
}

// NudgeEffect compares members nudged with the holdout.
type NudgeEffect struct {
	Sent               int `json:"sent"` // during the period
	Nudged             int `json:"nudged"`
	NudgedContributed  int `json:"nudged_contributed"`
	Holdout            int `json:"holdout"`
	HoldoutContributed int `json:"holdout_contributed"`
	// Lift is the difference in the share who contributed within 7 days,
	// nudged minus holdout, in percentage points.
	Lift float64 `json:"lift_points"`
	// Significant is false when the samples are too small or the
	// difference could be chance ("not enough data").
	Significant bool    `json:"significant"`
	PValue      float64 `json:"p_value"`
}

// Mark keys: the six marks of a living community of practice.
const (
	MarkConnected   = "connected"
	MarkInterests   = "shared_interests"
	MarkCooperation = "cooperation"
	MarkResources   = "shared_resources"
	MarkLearning    = "collective_learning"
	MarkCulture     = "shared_culture"
)

// Mark is one of the six marks, from data, with its 12-week trend.
type Mark struct {
	Key      string  `json:"key"`
	Value    float64 `json:"value"`
	Previous float64 `json:"previous"`
	Unit     string  `json:"unit,omitempty"` // "", "percent"
	// Trend holds the value for each week of Trends.Weeks (none in a
	// sponsors' report, which compares months).
	Trend []float64 `json:"trend,omitempty"`
}

// Trends are weekly series over the 12 weeks ending with the period.
type Trends struct {
	Weeks    []string `json:"weeks"` // ISO week labels, oldest first
	Active   []int    `json:"active_members"`
	Asked    []int    `json:"questions_asked"`
	Answered []int    `json:"questions_answered"`
	// Median time to first answer, working hours; NaN-free: -1 when none.
	MedianResponseHours []float64 `json:"median_first_answer_hours"`
}
