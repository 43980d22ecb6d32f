package config

import (
	"fmt"
	"math"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"praxis/bot"
	"praxis/store"
)

// Languages returns the supported message languages.
func Languages() []string { return []string{"en", "fr"} }

// Validate checks the whole configuration, including the secrets needed
// for the Slack mode, and returns every problem found (nil when valid).
// Problems carry their line when the configuration was read from a file.
func (c *Config) Validate() Problems {
	k := &checker{src: c.src}
	c.checkSlack(k)
	c.checkDatabase(k)
	if c.Admin.Listen != "" {
		checkAddr(k, "admin.listen", c.Admin.Listen)
	}
	oneOf(k, "log.level", "log level", c.Log.Level, "debug", "info", "warn", "error")
	oneOf(k, "log.format", "log format", c.Log.Format, "auto", "text", "json")
	oneOf(k, "language", "language", c.Language, Languages()...)
	checkTimezone(k, "timezone", c.Timezone)
	if w := c.Inbox.Workers; w < 1 || w > 64 {
		k.addf("inbox.workers", "use a number between 1 and 64 (4 is plenty for most workspaces)",
			"workers is %d, out of range 1..64", w)
	}
	c.checkOutbox(k)
	c.checkLLM(k)
	c.checkExperts(k)
	if r := c.Retention.MessageText; r != 0 && r < Duration(24*time.Hour) {
		k.add("retention.message_text", "message text retention is shorter than a day (or negative)",
			"use 0 to keep message text, or a duration of at least 24h, such as 8760h (a year)")
	}
	c.checkSponsors(k)
	c.checkCommunities(k)
	c.checkSecrets(k)
	file := ""
	if c.src != nil {
		file = c.src.file
	}
	if len(k.probs) == 0 {
		return nil
	}
	return k.probs.sorted(file)
}

func (c *Config) checkSlack(k *checker) {
	oneOf(k, "slack.mode", "slack mode", c.Slack.Mode, ModeSocket, ModeHTTP)
	switch {
	case c.Slack.Mode == ModeHTTP && c.Slack.Listen == "":
		k.probs = append(k.probs, Problem{
			Line:    k.src.lineOfAny("slack.listen", "slack.mode"),
			Key:     "slack.listen",
			Message: "http mode needs an address to listen on",
			Fix:     `set slack.listen, e.g. ":3000", or use slack.mode: socket`,
		})
	case c.Slack.Listen != "":
		checkAddr(k, "slack.listen", c.Slack.Listen)
	}
	checkURL(k, "slack.api_url", c.Slack.APIURL)
	if !(c.Slack.BackfillRate > 0 && c.Slack.BackfillRate <= 100) {
		k.add("slack.backfill_rate", "back-fill rate must be between 0 and 100 calls per second",
			"Slack's Tier 3 allows about 50 calls a minute: 0.8")
	}
	if c.Slack.BackfillDepth < 0 {
		k.add("slack.backfill_depth", "backfill depth is negative",
			"use 0 to disable back-filling, or a duration such as 720h")
	}
}

// checkDatabase checks that one database is named, a SQLite file or a
// PostgreSQL URL, and the URL's shape. Problems never show a password.
func (c *Config) checkDatabase(k *checker) {
	key, u := c.databaseURL()
	drop := key
	if key == EnvDatabaseURL {
		drop = "unset " + key
	}
	switch {
	case u == "" && strings.TrimSpace(c.Database.Path) == "":
		k.add("database.path", "database path is empty", `set a file path such as "praxis.db"`)
	case u == "":
	case c.Database.Path != "":
		k.probs = append(k.probs, Problem{
			Line:    k.src.lineOf("database.path"),
			Key:     "database.path",
			Message: "database.path and " + key + " are both set: Praxis opens one database",
			Fix:     "remove database.path to use PostgreSQL, or " + drop + " to keep the SQLite file",
		})
	default:
		checkDatabaseURL(k, key, u)
	}
	if key == EnvDatabaseURL && c.Database.URL != "" {
		checkDatabaseURL(k, "database.url", c.Database.URL) // overridden, but wrong all the same
	}
}

// checkDatabaseURL checks a PostgreSQL URL. The file's may not hold a
// password: secrets live in the environment.
func checkDatabaseURL(k *checker, key, s string) {
	const fix = `use a URL such as "postgres://praxis@db.example.com:5432/praxis" (docs/postgres.md)`
	u, err := url.Parse(s)
	switch { // the value itself is never shown: it may hold a password
	case err == nil && u.Scheme != "" && !store.IsPostgres(s):
		k.addf(key, fix, "the URL's scheme is %q: Praxis speaks to PostgreSQL only (postgres://)", shorten(u.Scheme))
		return
	case err != nil || !store.IsPostgres(s):
		k.add(key, "not a postgres:// URL (a keyword=value connection string is not read)", fix)
		return
	}
	_, hasPassword := u.User.Password()
	if key != EnvDatabaseURL && (hasPassword || u.Query().Has("password")) {
		k.add(key, "the URL holds a password: secrets are never read from the file",
			"remove the password from the file (and change it if the file was shared); give it in PGPASSWORD "+
				"or ~/.pgpass, or the whole URL in "+EnvDatabaseURL)
	}
}

func (c *Config) checkOutbox(k *checker) {
	o := c.Outbox
	if !(o.RatePerSecond > 0) || math.IsInf(o.RatePerSecond, 0) {
		const fix = "use a positive number such as 1 (Slack allows about 1 message per second per channel)"
		k.addf("outbox.rate_per_second", fix, "rate_per_second is %v; it must be a positive number", o.RatePerSecond)
	}
	if o.Burst < 1 {
		k.addf("outbox.burst", "use 1 or more (3 is a good default)", "burst is %d; it must be at least 1", o.Burst)
	}
	if o.MaxAttempts < 1 || o.MaxAttempts > 100 {
		k.addf("outbox.max_attempts", "use a number between 1 and 100 (8 is a good default)",
			"max_attempts is %d, out of range 1..100", o.MaxAttempts)
	}
}

func (c *Config) checkLLM(k *checker) {
	l := c.LLM
	if l.BaseURL != "" {
		checkURL(k, "llm.base_url", l.BaseURL)
		if l.Model == "" {
			k.add("llm.model", "llm.base_url is set but no model is", "set llm.model, or remove llm.base_url to disable the LLM")
		}
	}
	if l.DailyTokenBudget < 0 {
		k.add("llm.daily_token_budget", "daily token budget is negative",
			"use 0 to forbid LLM calls, or a budget such as 200000")
	}
	if l.Timeout <= 0 {
		k.add("llm.timeout", "timeout must be positive", "use a duration such as 30s")
	}
	checkRange(k, "llm.max_concurrent", "max_concurrent", l.MaxConcurrent, 1, 64)
}

func (c *Config) checkExperts(k *checker) {
	x := c.Experts
	if x.HalfLife < Duration(24*time.Hour) {
		k.add("experts.half_life", "half-life is shorter than a day", "use a duration such as 4320h (180 days)")
	}
	checkRange(k, "experts.weekly_budget", "weekly_budget", x.WeeklyBudget, 1, 50)
	checkRange(k, "experts.suggest", "suggest", x.Suggest, 1, 5)
}

// checkSecrets checks the environment variables the Slack mode needs.
// Problems never include a secret's value.
func (c *Config) checkSecrets(k *checker) {
	s := c.Secrets
	switch {
	case s.BotToken == "":
		k.add(EnvBotToken, "environment variable "+EnvBotToken+" is not set",
			"export "+EnvBotToken+"=xoxb-… (OAuth & Permissions → Bot User OAuth Token of your Slack app)")
	case strings.HasPrefix(s.BotToken, "xapp-"):
		k.add(EnvBotToken, EnvBotToken+" holds an app-level token (xapp-…)",
			"put the bot token (xoxb-…) in "+EnvBotToken+" and the app-level token in "+EnvAppToken)
	}
	switch {
	case c.Slack.Mode == ModeSocket && s.AppToken == "":
		k.add(EnvAppToken, "environment variable "+EnvAppToken+" is not set: socket mode needs it",
			"export "+EnvAppToken+"=xapp-… (Basic Information → App-Level Tokens, scope connections:write), "+
				"or use slack.mode: http")
	case c.Slack.Mode == ModeSocket && strings.HasPrefix(s.AppToken, "xox"):
		k.add(EnvAppToken, EnvAppToken+" holds a bot or user token (xox…), not an app-level token",
			"put the app-level token (xapp-…) in "+EnvAppToken)
	case c.Slack.Mode == ModeHTTP && s.SigningSecret == "":
		k.add(EnvSigningSecret, "environment variable "+EnvSigningSecret+" is not set: http mode needs it",
			"export "+EnvSigningSecret+"=… (Basic Information → App Credentials → Signing Secret), "+
				"or use slack.mode: socket")
	}
}

// oneOf checks that value is one of allowed.
func oneOf(k *checker, key, what, value string, allowed ...string) bool {
	if slices.Contains(allowed, value) {
		return true
	}
	fix := "use one of: " + strings.Join(allowed, ", ")
	if s := suggest(value, allowed); s != "" {
		fix = fmt.Sprintf("did you mean %q? (%s)", s, fix)
	}
	k.addf(key, fix, "unsupported %s %q", what, shorten(value))
	return false
}

// checkAddr checks a host:port listen address.
func checkAddr(k *checker, key, addr string) {
	const fix = `use host:port, e.g. ":3000" (all interfaces) or "127.0.0.1:9090"`
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		k.addf(key, fix, "address %q is not host:port", shorten(addr))
		return
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		k.addf(key, fix, "port %q is not a number between 0 and 65535", shorten(port))
	}
}

// checkURL checks an http(s) URL.
func checkURL(k *checker, key, s string) {
	u, err := url.Parse(s)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		k.addf(key, `use an absolute http(s) URL such as "https://slack.com/api/"`,
			"%q is not an http(s) URL", shorten(redactURL(s)))
	case u.User != nil:
		k.add(key, "the URL holds credentials: secrets are never read from the file",
			"remove the user:password@ part; Praxis authenticates with "+EnvBotToken+" and "+EnvOpenAIAPIKey)
	}
}

// checkTimezone checks an IANA time zone name.
func checkTimezone(k *checker, key, name string) {
	if _, err := loadLocation(name); err != nil {
		fix := `use an IANA time zone name such as "Europe/Paris", "America/New_York" or "UTC"`
		if s := suggestZone(name); s != "" {
			fix = fmt.Sprintf("did you mean %q? (%s)", s, fix)
		}
		k.addf(key, fix, "unknown time zone %q", shorten(name))
	}
}

// checkSponsors checks the workspace's sponsors and their report's
// schedule (a community's sponsors are checked with the community).
func (c *Config) checkSponsors(k *checker) {
	checkUsers(k, "sponsors", c.Sponsors)
	r := c.SponsorReport
	oneOf(k, "sponsor_report.frequency", "sponsor report frequency", r.Frequency, bot.FrequencyMonthly, bot.FrequencyOff)
	checkRange(k, "sponsor_report.day", "day", r.Day, 1, 28)
	checkRange(k, "sponsor_report.hour", "hour", r.Hour, 0, 23)
}
