package config

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"praxis/store"
)

// Environment variables holding the secrets.
const (
	EnvBotToken      = "SLACK_BOT_TOKEN"      // always required
	EnvAppToken      = "SLACK_APP_TOKEN"      // required in socket mode
	EnvSigningSecret = "SLACK_SIGNING_SECRET" // required in http mode
	EnvOpenAIAPIKey  = "OPENAI_API_KEY"       // optional
	EnvDatabaseURL   = "PRAXIS_DATABASE_URL"  // optional: PostgreSQL's URL, password included; wins over database.url
)

// Secrets are the credentials of a Praxis process. They are read from the
// environment only. Every way of printing them (fmt, slog, JSON, YAML) shows
// only whether each is "set" or "unset".
type Secrets struct {
	BotToken      string // SLACK_BOT_TOKEN (xoxb-…)
	AppToken      string // SLACK_APP_TOKEN (xapp-…)
	SigningSecret string // SLACK_SIGNING_SECRET
	OpenAIAPIKey  string // OPENAI_API_KEY
	DatabaseURL   string // PRAXIS_DATABASE_URL (postgres://user:password@host/db)
}

// SecretsFromEnv reads the secrets with getenv (os.Getenv when nil is
// passed to Load or Parse). Surrounding spaces are trimmed.
func SecretsFromEnv(getenv func(string) string) Secrets {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	return Secrets{
		BotToken:      get(EnvBotToken),
		AppToken:      get(EnvAppToken),
		SigningSecret: get(EnvSigningSecret),
		OpenAIAPIKey:  get(EnvOpenAIAPIKey),
		DatabaseURL:   get(EnvDatabaseURL),
	}
}

func state(s string) string {
	if s == "" {
		return "unset"
	}
	return "set"
}

// Values returns the secrets that are set: what the program's logs and
// printed errors must never show (see bot/redact). Of the database's URL,
// that is its password: the rest (host, user, database) says which server
// an error is about.
func (s Secrets) Values() []string {
	var out []string
	for _, v := range []string{s.BotToken, s.AppToken, s.SigningSecret, s.OpenAIAPIKey, urlPassword(s.DatabaseURL)} {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// urlPassword is the password a database URL holds (in its user info or
// its query), "" when none; the whole text when it does not parse as a
// URL, which may then hold one anywhere.
func urlPassword(s string) string {
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	if p, ok := u.User.Password(); ok {
		return p
	}
	return u.Query().Get("password")
}

// redacted lists the secrets by environment variable, as set or unset.
func (s Secrets) redacted() [5][2]string {
	return [5][2]string{
		{EnvBotToken, state(s.BotToken)},
		{EnvAppToken, state(s.AppToken)},
		{EnvSigningSecret, state(s.SigningSecret)},
		{EnvOpenAIAPIKey, state(s.OpenAIAPIKey)},
		{EnvDatabaseURL, state(s.DatabaseURL)},
	}
}

// LogValue implements slog.LogValuer without revealing any secret.
func (s Secrets) LogValue() slog.Value {
	var attrs []slog.Attr
	for _, kv := range s.redacted() {
		attrs = append(attrs, slog.String(kv[0], kv[1]))
	}
	return slog.GroupValue(attrs...)
}

// String implements fmt.Stringer without revealing any secret.
func (s Secrets) String() string {
	var b strings.Builder
	b.WriteString("Secrets{")
	for i, kv := range s.redacted() {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(kv[0] + ":" + kv[1])
	}
	return b.String() + "}"
}

// GoString implements fmt.GoStringer without revealing any secret.
func (s Secrets) GoString() string { return "config." + s.String() }

// Format implements fmt.Formatter so that no verb (%d, %x, %+v…) reveals a
// secret.
func (s Secrets) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, s.GoString())
		return
	}
	fmt.Fprint(f, s.String())
}

// MarshalJSON implements json.Marshaler without revealing any secret.
func (s Secrets) MarshalJSON() ([]byte, error) {
	m := map[string]string{}
	for _, kv := range s.redacted() {
		m[kv[0]] = kv[1]
	}
	return json.Marshal(m)
}

// MarshalYAML implements yaml.Marshaler without revealing any secret.
func (s Secrets) MarshalYAML() (any, error) {
	m := map[string]string{}
	for _, kv := range s.redacted() {
		m[kv[0]] = kv[1]
	}
	return m, nil
}

// LogValue implements slog.LogValuer: the settings worth logging at start-up,
// with URLs stripped of credentials and secrets shown only as set or unset.
func (c Config) LogValue() slog.Value {
	names := make([]string, 0, len(c.Communities))
	for _, cm := range c.Communities {
		names = append(names, cm.Name)
	}
	return slog.GroupValue(
		slog.Group("slack",
			slog.String("mode", c.Slack.Mode),
			slog.String("listen", c.Slack.Listen),
			slog.String("api_url", redactURL(c.Slack.APIURL)),
			slog.String("backfill_depth", c.Slack.BackfillDepth.String())),
		slog.String("database", ShowDatabase(c.Store())),
		slog.String("admin_listen", c.Admin.Listen),
		slog.String("log_level", c.Log.Level),
		slog.String("language", c.Language),
		slog.String("timezone", c.Timezone),
		slog.Int("inbox_workers", c.Inbox.Workers),
		slog.Group("outbox",
			slog.Float64("rate_per_second", c.Outbox.RatePerSecond),
			slog.Int("burst", c.Outbox.Burst),
			slog.Int("max_attempts", c.Outbox.MaxAttempts)),
		slog.Group("llm",
			slog.String("base_url", redactURL(c.LLM.BaseURL)),
			slog.String("model", c.LLM.Model),
			slog.Int("daily_token_budget", c.LLM.DailyTokenBudget),
			slog.String("timeout", c.LLM.Timeout.String())),
		slog.Any("communities", names),
		slog.Attr{Key: "secrets", Value: c.Secrets.LogValue()},
	)
}

// Store names the database Praxis opens: PostgreSQL's URL when one is
// configured (PRAXIS_DATABASE_URL, else database.url), else the SQLite
// file's path. It may hold a password: show it with ShowDatabase.
func (c *Config) Store() string {
	if _, u := c.databaseURL(); u != "" {
		return u
	}
	return c.Database.Path
}

// databaseURL is the database URL configured, if any, and the key it comes
// from: PRAXIS_DATABASE_URL wins over database.url.
func (c *Config) databaseURL() (key, url string) {
	if c.Secrets.DatabaseURL != "" {
		return EnvDatabaseURL, c.Secrets.DatabaseURL
	}
	return "database.url", c.Database.URL
}

// ShowDatabase is db as it may be printed or logged: a URL without its
// credentials, a file's path as it is.
func ShowDatabase(db string) string {
	if store.IsPostgres(db) {
		return redactURL(db)
	}
	return db
}

// redactURL hides any credentials embedded in a URL (user info, query).
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	if u.User != nil {
		u.User = url.User("REDACTED")
	}
	if u.RawQuery != "" {
		u.RawQuery = "REDACTED"
	}
	return u.String()
}
