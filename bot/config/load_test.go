package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"praxis/bot"
)

const examplePath = "../../config.example.yaml"

// env returns a getenv over vars.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// socketEnv has the secrets socket mode needs.
var socketEnv = map[string]string{EnvBotToken: "xoxb-test-bot", EnvAppToken: "xapp-test-app"}

func TestExampleLoads(t *testing.T) {
	c, err := Load(examplePath, env(socketEnv))
	if err != nil {
		t.Fatalf("example does not load:\n%v", err)
	}
	if got := len(c.Communities); got != 2 {
		t.Fatalf("communities = %d, want 2", got)
	}
	sec := c.Communities[0]
	if sec.Name != "Security guild" || sec.Language != "fr" || len(sec.Rituals) != 4 {
		t.Errorf("security community = %+v", sec)
	}
	if got := sec.Location().String(); got != "Europe/Paris" {
		t.Errorf("security location = %q", got)
	}
	data := c.Communities[1]
	if data.Language != "en" || data.Timezone != "Europe/Paris" {
		t.Errorf("minimal community does not inherit language/timezone: %q %q", data.Language, data.Timezone)
	}
	if got := data.Rituals[0].Channel; got != "#data-practice" {
		t.Errorf("ritual channel default = %q, want the community's first channel", got)
	}
	h, err := sec.Hours()
	if err != nil {
		t.Fatalf("security hours: %v", err)
	}
	for day, open := range map[int]bool{23: true, 24: false, 25: false, 28: true} {
		if at := time.Date(2026, 12, day, 10, 0, 0, 0, sec.Location()); h.Open(at) != open {
			t.Errorf("security hours on %v: got open %v, want %v (holidays: FR, and the 24th)", at, !open, open)
		}
	}
	if c.Location().String() != "Europe/Paris" {
		t.Errorf("location = %v", c.Location())
	}
	if c.Secrets.BotToken != "xoxb-test-bot" || c.Secrets.AppToken != "xapp-test-app" {
		t.Errorf("secrets not read from the environment")
	}
	if c.LLM.Enabled() {
		t.Errorf("LLM enabled without a model")
	}
}

func TestExampleWithoutSecrets(t *testing.T) {
	c, err := Load(examplePath, env(nil))
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("err = %v, want Problems", err)
	}
	keys := map[string]bool{}
	for _, p := range probs {
		keys[p.Key] = true
		if p.Line != 0 {
			t.Errorf("secret problem tied to line %d: %v", p.Line, p)
		}
	}
	if len(probs) != 2 || !keys[EnvBotToken] || !keys[EnvAppToken] {
		t.Errorf("problems = %v, want the two missing socket-mode secrets", probs)
	}
	if c == nil || c.Database.Path != "praxis.db" {
		t.Errorf("Load must return the decoded config alongside Problems, got %+v", c)
	}
}

func TestLoadMissingFile(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "nope.yaml"), env(socketEnv))
	if c != nil || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Load(missing) = %v, %v; want nil, ErrNotExist", c, err)
	}
	if !strings.Contains(err.Error(), "cp config.example.yaml") {
		t.Errorf("got %q, want how to start", err)
	}
	var probs Problems
	if errors.As(err, &probs) {
		t.Errorf("an I/O error must not be Problems")
	}
}

const minimal = `
communities:
  - name: A
    channels: ["C0123ABC"]
`

func TestDefaults(t *testing.T) {
	c, err := Parse([]byte(minimal), "min.yaml", env(socketEnv))
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	if !reflect.DeepEqual(c.Slack, want.Slack) || c.Database != want.Database || c.Admin != want.Admin ||
		c.Log != want.Log || c.Inbox != want.Inbox || c.Outbox != want.Outbox || c.LLM != want.LLM ||
		c.Language != "en" || c.Timezone != "UTC" {
		t.Errorf("top-level defaults not applied:\n got %+v\nwant %+v", c, want)
	}
	if c.Slack.BackfillDepth.Std() != 720*time.Hour || c.LLM.Timeout.Std() != 30*time.Second {
		t.Errorf("duration defaults: %v %v", c.Slack.BackfillDepth, c.LLM.Timeout)
	}
	got := c.Communities[0]
	wantC := DefaultCommunity()
	if got.Digest != wantC.Digest || got.Nudges != wantC.Nudges || !reflect.DeepEqual(got.Questions, wantC.Questions) ||
		got.Report != wantC.Report {
		t.Errorf("community defaults not applied: %+v", got)
	}
	if got.Language != "en" || got.Timezone != "UTC" || got.Location() != time.UTC {
		t.Errorf("community does not inherit: %q %q", got.Language, got.Timezone)
	}
}

// A configuration built in code for a database's communities is the
// file's defaults, completed the same way.
func TestForCommunities(t *testing.T) {
	cm := DefaultCommunity()
	cm.Name, cm.Channels = "#general", []string{"C0123ABC"}
	paris := cm
	paris.Name, paris.Timezone, paris.Language = "#paris", "Europe/Paris", "fr"
	c := ForCommunities([]Community{cm, paris})
	if c.Database != Default().Database || c.Experts != Default().Experts || len(c.Communities) != 2 {
		t.Fatalf("got %+v, want the defaults and two communities", c)
	}
	got := c.Communities[0]
	topLevel := got.Language == "en" && got.Timezone == "UTC" && got.Location() == time.UTC
	if !topLevel || got.Nudges != DefaultCommunity().Nudges {
		t.Errorf("got %q %q %v %+v, want the top level's language and zone and the default nudges",
			got.Language, got.Timezone, got.Location(), got.Nudges)
	}
	if got := c.Communities[1].Location().String(); got != "Europe/Paris" {
		t.Errorf("got zone %q, want Europe/Paris", got)
	}
}

func TestExplicitValuesOverrideDefaults(t *testing.T) {
	doc := `
slack: {mode: http, listen: ":3000", api_url: "http://localhost:8080/api"}
admin: {listen: ""}
communities:
  - name: A
    channels: ["C0123ABC"]
    digest: {hour: 0}
    nudges: {enabled: false, skip_weekends: false, holdout_percent: 0}
`
	c, err := Parse([]byte(doc), "x.yaml", env(map[string]string{EnvBotToken: "xoxb-1", EnvSigningSecret: "s"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Admin.Listen != "" || c.Slack.APIURL != "http://localhost:8080/api/" {
		t.Errorf("admin=%q api_url=%q", c.Admin.Listen, c.Slack.APIURL)
	}
	cm := c.Communities[0]
	if cm.Digest.Hour != 0 || cm.Digest.MaxItems != 8 || cm.Nudges.Enabled || cm.Nudges.SkipWeekends ||
		cm.Nudges.HoldoutPercent != 0 || cm.Nudges.WeeklyBudget != 1 {
		t.Errorf("explicit zero values lost or defaults missing: %+v %+v", cm.Digest, cm.Nudges)
	}
}

func TestManyProblemsAtOnce(t *testing.T) {
	doc := `slack:
  mode: sockets
  token: xoxb-not-here
inbox: {workers: 0}
timezone: Mars/Olympus
communities:
  - name: A
    chanels: ["C0123ABC"]
`
	_, err := Parse([]byte(doc), "config.yaml", env(nil))
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("err = %v", err)
	}
	want := []string{
		"config.yaml:2: slack.mode: unsupported slack mode \"sockets\" — fix: did you mean \"socket\"?",
		"config.yaml:3: slack.token: unknown key \"token\"",
		"config.yaml:4: inbox.workers: workers is 0",
		"config.yaml:5: timezone: unknown time zone",
		"config.yaml:7: communities[0].channels: community \"A\" has no channels",
		"config.yaml:8: communities[0].chanels: unknown key \"chanels\" — fix: did you mean `channels`?",
		"config.yaml: SLACK_BOT_TOKEN: environment variable SLACK_BOT_TOKEN is not set — fix: export",
	}
	lines := probs.Lines()
	if len(lines) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(lines), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i, lines[i], w)
		}
	}
	if got := strings.Count(err.Error(), "\n") + 1; got != len(want) {
		t.Errorf("Error() has %d lines, want one per problem", got)
	}
}

func TestProblemsAreNeverEmptyErrors(t *testing.T) {
	var ps Problems
	if ps.Err() != nil {
		t.Error("empty Problems.Err() must be nil")
	}
	if (Problem{Line: 3, Key: "k", Message: "m"}).String() != "line 3: k: m" {
		t.Error("problem without file")
	}
}

func TestDuration(t *testing.T) {
	var d Duration
	if err := d.UnmarshalText([]byte("1h30m")); err != nil || d.Std() != 90*time.Minute {
		t.Fatalf("UnmarshalText = %v, %v", d, err)
	}
	if b, _ := d.MarshalText(); string(b) != "1h30m0s" {
		t.Errorf("MarshalText = %s", b)
	}
}

func TestValidateInCode(t *testing.T) {
	c := Default()
	cm := DefaultCommunity()
	cm.Name, cm.Channels = "A", []string{"#a"}
	cm.Rituals = []Ritual{{Kind: bot.RitualShowAndTell, Schedule: "0 9 * * FRI", Channel: "#a"}}
	c.Communities = []Community{cm}
	c.Secrets = SecretsFromEnv(env(socketEnv))
	if ps := c.Validate(); ps != nil {
		t.Fatalf("Validate() = %v", ps)
	}
	c.Inbox.Workers = 0
	ps := c.Validate()
	if len(ps) != 1 || ps[0].Line != 0 || ps[0].File != "" || ps[0].Key != "inbox.workers" {
		t.Fatalf("Validate() = %#v", ps)
	}
	if got := ps.Error(); !strings.HasPrefix(got, "inbox.workers: workers is 0") {
		t.Errorf("Error() = %q", got)
	}
	if c.Location() != time.UTC || cm.Location() != time.UTC {
		t.Errorf("locations: %v %v", c.Location(), cm.Location())
	}
}

func TestWorkingHoursChecked(t *testing.T) {
	doc := `communities:
  - name: A
    channels: [C0123ABC]
    questions: { working_hours: "18:00-09:00", working_days: "mon-fry" }
`
	_, err := Parse([]byte(doc), "t.yaml", func(k string) string {
		return map[string]string{EnvBotToken: "xoxb-1", EnvAppToken: "xapp-1"}[k]
	})
	if err == nil || !strings.Contains(err.Error(), "communities[0].questions") {
		t.Fatalf("got %v, want a problem at communities[0].questions", err)
	}
}
