// Package config reads, defaults and validates the Praxis configuration file.
//
// The file is YAML with snake_case keys (see config.example.yaml at the root
// of the repository). Secrets never live in the file: they are read from the
// environment into [Secrets] and are redacted wherever a Config is printed,
// logged or marshalled.
//
// [Load] and [Parse] report every problem at once, as [Problems], each with
// the line it comes from and a suggested fix.
package config

import (
	"time"

	"praxis/bot"
)

// Slack connection modes.
const (
	ModeSocket = "socket" // Socket Mode: Praxis dials out, needs SLACK_APP_TOKEN
	ModeHTTP   = "http"   // Events API over HTTP: needs slack.listen and SLACK_SIGNING_SECRET
)

// DefaultAPIURL is the Slack Web API base URL used when slack.api_url is empty.
const DefaultAPIURL = "https://slack.com/api/"

// Config is the whole configuration of a Praxis process.
type Config struct {
	Slack       Slack       `yaml:"slack"`
	Database    Database    `yaml:"database"`
	Admin       Admin       `yaml:"admin"`
	Log         Log         `yaml:"log"`
	Language    string      `yaml:"language"` // default language of messages: en or fr
	Timezone    string      `yaml:"timezone"` // IANA zone name; default UTC
	Inbox       Inbox       `yaml:"inbox"`
	Outbox      Outbox      `yaml:"outbox"`
	LLM         LLM         `yaml:"llm"`
	Experts     Experts     `yaml:"experts"`
	Retention   Retention   `yaml:"retention"`
	Communities []Community `yaml:"communities"`
	// Sponsors are the user IDs of the managers who support every
	// community: they get the sponsors' report of them all.
	Sponsors      []string      `yaml:"sponsors"`
	SponsorReport SponsorReport `yaml:"sponsor_report"`
	// Secrets come from the environment only, never from the file.
	Secrets Secrets `yaml:"-"`

	src *source        // where the file was read from; nil when built in code
	loc *time.Location // Timezone, resolved at load time
}

// Slack configures the connection to Slack (or a Slack-compatible server).
type Slack struct {
	Mode          string   `yaml:"mode"`           // socket (default) or http
	Listen        string   `yaml:"listen"`         // http mode: address of the Events API endpoints, e.g. ":3000"
	APIURL        string   `yaml:"api_url"`        // Web API base URL, always ending in "/"; default DefaultAPIURL
	BackfillDepth Duration `yaml:"backfill_depth"` // how far back to back-fill a newly mapped channel
	BackfillRate  float64  `yaml:"backfill_rate"`  // Web API calls per second for back-fill (Tier 3: ~0.8)
}

// Database configures the store: the SQLite file at Path (the default), or
// the PostgreSQL database at URL, which selects PostgreSQL for the teams
// that run several replicas (docs/postgres.md). PRAXIS_DATABASE_URL, which
// may hold a password, wins over URL; see Config.Store.
type Database struct {
	Path string `yaml:"path"` // SQLite file; default praxis.db; empty when a URL selects PostgreSQL
	URL  string `yaml:"url"`  // postgres://user@host:5432/praxis, without a password
}

// Admin configures the administration endpoints (/healthz, /metrics).
type Admin struct {
	Listen string `yaml:"listen"` // address; empty disables the admin server
}

// Log configures the process logger.
type Log struct {
	Level  string `yaml:"level"`  // debug, info, warn or error
	Format string `yaml:"format"` // auto (text on a terminal, json otherwise), text or json
}

// Inbox configures the processing of stored Slack events.
type Inbox struct {
	Workers int `yaml:"workers"` // size of the worker pool, 1..64
}

// Outbox configures the sending of messages to Slack.
type Outbox struct {
	RatePerSecond float64 `yaml:"rate_per_second"` // global send rate, > 0
	Burst         int     `yaml:"burst"`           // sends allowed at once, >= 1
	MaxAttempts   int     `yaml:"max_attempts"`    // attempts before a message is parked as dead
}

// LLM configures the optional OpenAI-compatible language model.
type LLM struct {
	BaseURL          string   `yaml:"base_url"`           // endpoint; empty means the provider's default
	Model            string   `yaml:"model"`              // model name; empty disables the LLM
	DailyTokenBudget int      `yaml:"daily_token_budget"` // tokens per day across all calls
	Timeout          Duration `yaml:"timeout"`            // per call
	MaxConcurrent    int      `yaml:"max_concurrent"`     // requests in flight at once, 1..64
}

// Experts tunes expert finding.
type Experts struct {
	HalfLife     Duration `yaml:"half_life"`     // expertise fades by half over this
	WeeklyBudget int      `yaml:"weekly_budget"` // times a member may be asked to help per week before others come first
	Suggest      int      `yaml:"suggest"`       // people suggested per question, 1..5
}

// Retention bounds how long what members wrote is kept.
type Retention struct {
	// MessageText: the text of messages older than this is erased every
	// hour (the messages stay, counted, without their words); 0 keeps it.
	MessageText Duration `yaml:"message_text"`
}

// Enabled reports whether a model is configured.
func (l LLM) Enabled() bool { return l.Model != "" }

// Community is a community of practice and the Slack channels it lives in.
type Community struct {
	Name         string   `yaml:"name"`
	Vocation     string   `yaml:"vocation"`     // one sentence: why the community exists
	Channels     []string `yaml:"channels"`     // channel IDs (C0123ABC) or names (#security), as written
	Facilitators []string `yaml:"facilitators"` // user IDs
	Sponsors     []string `yaml:"sponsors"`     // user IDs: they get the sponsors' report of this community
	Topics       []string `yaml:"topics"`       // declared topics
	Experts      []Expert `yaml:"experts"`      // declared experts
	Language     string   `yaml:"language"`     // defaults to the top-level language
	Timezone     string   `yaml:"timezone"`     // defaults to the top-level timezone

	Digest    Digest    `yaml:"digest"`
	Nudges    Nudges    `yaml:"nudges"`
	Questions Questions `yaml:"questions"`
	Rituals   []Ritual  `yaml:"rituals"`
	Report    Report    `yaml:"report"`

	loc *time.Location // Timezone, resolved at load time
}

// Expert is a member declared as knowledgeable on some topics.
type Expert struct {
	User   string   `yaml:"user"` // user ID
	Topics []string `yaml:"topics"`
}

// Digest configures the periodic summary posted to a community.
type Digest struct {
	Frequency string `yaml:"frequency"` // off, daily, weekly or monthly (bot.Frequency…)
	Weekday   string `yaml:"weekday"`   // weekly digests: monday..sunday
	Hour      int    `yaml:"hour"`      // 0..23, community time
	MaxItems  int    `yaml:"max_items"` // 1..50
}

// Day returns the digest's weekday (Monday when unset or invalid).
func (d Digest) Day() time.Weekday { return weekdayOr(d.Weekday, time.Monday) }

// Nudges configures the gentle reminders sent to members.
type Nudges struct {
	Enabled        bool   `yaml:"enabled"`
	WeeklyBudget   int    `yaml:"weekly_budget"`   // nudges per member per week, 0..7
	QuietHours     string `yaml:"quiet_hours"`     // "HH:MM-HH:MM", may wrap midnight; empty: none
	SkipWeekends   bool   `yaml:"skip_weekends"`   // never nudge on Saturday or Sunday
	HoldoutPercent int    `yaml:"holdout_percent"` // members never nudged, to measure the effect, 0..100
	SilentWeeks    int    `yaml:"silent_weeks"`    // weeks of silence before a member is nudged, 1..52
	PerQuestion    int    `yaml:"per_question"`    // members asked about one open question, ever, 1..10
}

// QuietWindow returns the quiet hours as offsets from midnight. The window
// wraps midnight when from > to. ok is false when there are none.
func (n Nudges) QuietWindow() (from, to time.Duration, ok bool) {
	from, to, err := ParseQuietHours(n.QuietHours)
	return from, to, err == nil && n.QuietHours != ""
}

// Questions configures how unanswered questions are followed up.
type Questions struct {
	AnswerWithinHours  int    `yaml:"answer_within_hours"`  // working hours before experts are suggested
	EscalateAfterHours int    `yaml:"escalate_after_hours"` // working hours before facilitators are told
	WorkingHours       string `yaml:"working_hours"`        // "HH:MM-HH:MM" in the community's time zone
	WorkingDays        string `yaml:"working_days"`         // "mon-fri", "mon,tue,thu"…
	// Public holidays hold no working time: a calendar of rickar/cal by
	// ISO code ("FR", "DE-BY"; "" for none) and days off of the
	// community's own, YYYY-MM-DD.
	Holidays      string   `yaml:"holidays"`
	ExtraHolidays []string `yaml:"extra_holidays"`
}

// Ritual is a recurring animation of a community.
type Ritual struct {
	Kind      string   `yaml:"kind"`      // question_of_the_week, show_and_tell, office_hours, custom, recognition
	Schedule  string   `yaml:"schedule"`  // 5-field cron spec, in the community's timezone
	Channel   string   `yaml:"channel"`   // one of the community's channels; default its first
	Questions []string `yaml:"questions"` // question_of_the_week: the questions, in rotation
	Hosts     []string `yaml:"hosts"`     // office_hours: user IDs, in rotation
	Text      string   `yaml:"text"`      // custom: the message posted
}

// Report configures the weekly report sent to facilitators.
type Report struct {
	Weekday string `yaml:"weekday"` // monday..sunday
	Hour    int    `yaml:"hour"`    // 0..23, community time
	Format  string `yaml:"format"`  // blocks or text
	Charts  string `yaml:"charts"`  // png (uploaded files), native (Slack chart blocks) or none
}

// Day returns the report's weekday (Monday when unset or invalid).
func (r Report) Day() time.Weekday { return weekdayOr(r.Weekday, time.Monday) }

// SponsorReport configures when the sponsors' report reaches the sponsors.
type SponsorReport struct {
	Frequency string `yaml:"frequency"` // monthly or off (bot.FrequencyMonthly, bot.FrequencyOff)
	Day       int    `yaml:"day"`       // day of the month, 1..28, in each sponsor's time zone
	Hour      int    `yaml:"hour"`      // 0..23, in each sponsor's time zone
}

// Default returns the configuration used for every key the file leaves out.
// It has no community and no secrets, so it does not validate on its own.
func Default() *Config {
	return &Config{
		Slack:    Slack{Mode: ModeSocket, APIURL: DefaultAPIURL, BackfillDepth: Duration(720 * time.Hour), BackfillRate: 0.8},
		Database: Database{Path: "praxis.db"},
		Admin:    Admin{Listen: "127.0.0.1:9090"},
		Log:      Log{Level: "info", Format: "auto"},
		Language: "en",
		Timezone: "UTC",
		Inbox:    Inbox{Workers: 4},
		Outbox:   Outbox{RatePerSecond: 1, Burst: 3, MaxAttempts: 8},
		LLM:      LLM{DailyTokenBudget: 200000, Timeout: Duration(30 * time.Second), MaxConcurrent: 4},
		Experts:  Experts{HalfLife: Duration(180 * 24 * time.Hour), WeeklyBudget: 3, Suggest: 3},

		SponsorReport: SponsorReport{Frequency: bot.FrequencyMonthly, Day: 1, Hour: 9},
	}
}

// DefaultCommunity returns a community with every optional setting at its
// default; Language and Timezone are left empty (they inherit the top level).
func DefaultCommunity() Community {
	return Community{
		Digest: Digest{
			Frequency: bot.FrequencyWeekly,
			Weekday:   "monday",
			Hour:      9,
			MaxItems:  8,
		},
		Nudges: Nudges{
			Enabled:        true,
			WeeklyBudget:   1,
			QuietHours:     "19:00-08:00",
			SkipWeekends:   true,
			HoldoutPercent: 10,
			SilentWeeks:    4,
			PerQuestion:    2,
		},
		Questions: Questions{
			AnswerWithinHours:  4,
			EscalateAfterHours: 24,
			WorkingHours:       "09:00-18:00",
			WorkingDays:        "mon-fri",
		},
		Report: Report{
			Weekday: "monday",
			Hour:    8,
			Format:  "blocks",
			Charts:  "png",
		},
	}
}

// ForCommunities returns the default configuration with these communities,
// completed as Load completes a file's (an empty language or time zone is
// the top level's, zones resolved): the settings of a database imported
// with --all-channels, which has no file. Build each community from
// DefaultCommunity so that it keeps the defaults of the keys it leaves out.
func ForCommunities(cs []Community) *Config {
	c := Default()
	c.Communities = cs
	c.finish()
	return c
}
