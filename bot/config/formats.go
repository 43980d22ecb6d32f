package config

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/robfig/cron/v3"
)

// isID reports whether s is a Slack ID: one of the prefix letters followed
// by uppercase letters and digits.
func isID(s, prefixes string) bool {
	if len(s) < 3 || len(s) > 32 || !strings.ContainsRune(prefixes, rune(s[0])) {
		return false
	}
	for _, r := range s[1:] {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// isChannelID reports whether s looks like a channel ID (C… or G…).
func isChannelID(s string) bool { return isID(s, "CG") }

// isUserID reports whether s looks like a user ID (U… or W…).
func isUserID(s string) bool { return isID(s, "UW") }

// isChannelName reports whether s (without "#") follows Slack's channel
// naming rules: 1 to 80 lowercase letters, digits, "-", "_" or ".".
func isChannelName(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 80 || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		ok := unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsTitle(r) ||
			unicode.IsDigit(r) || r == '-' || r == '_' || r == '.'
		if !ok {
			return false
		}
	}
	return true
}

// checkChannel returns what is wrong with a channel reference, and a fix.
func checkChannel(ref string) (msg, fix string) {
	const quote = `quoted: an unquoted # starts a YAML comment`
	name, isName := strings.CutPrefix(ref, "#")
	switch {
	case strings.TrimSpace(ref) == "":
		return "channel is empty", `write a channel ID such as C0123ABC or a name such as "#general" (` + quote + ")"
	case isName && isChannelName(name), !isName && isChannelID(ref):
		return "", ""
	case isName && utf8.RuneCountInString(name) > 80:
		return fmt.Sprintf("channel name %q is longer than 80 characters", shorten(ref)),
			"use the channel's exact name or its ID"
	case isName && isChannelName(strings.ToLower(name)):
		return fmt.Sprintf("channel %q is not a valid channel name", shorten(ref)),
			fmt.Sprintf("use lowercase: %q", "#"+strings.ToLower(name))
	case isName:
		return fmt.Sprintf("channel %q is not a valid channel name", shorten(ref)),
			"use lowercase letters, digits, -, _ and . only, as Slack does"
	case isChannelID(strings.ToUpper(ref)) && isChannelName(ref):
		return fmt.Sprintf("channel %q is neither a channel ID nor a #name", shorten(ref)),
			fmt.Sprintf("write %q if it is a channel ID, or %q if it is a name (%s)", strings.ToUpper(ref), "#"+ref, quote)
	case isChannelName(ref):
		return fmt.Sprintf("channel %q is neither a channel ID nor a #name", shorten(ref)),
			fmt.Sprintf("write %q for a channel name (%s)", "#"+ref, quote)
	}
	return fmt.Sprintf("channel %q is not a valid channel ID", shorten(ref)),
		"channel IDs are C or G followed by uppercase letters and digits, e.g. C0123ABC; names start with #"
}

// checkUser returns what is wrong with a user ID, and a fix.
func checkUser(id string) (msg, fix string) {
	switch {
	case isUserID(id):
		return "", ""
	case isUserID(strings.ToUpper(id)):
		return fmt.Sprintf("user %q is not a valid user ID", shorten(id)),
			fmt.Sprintf("user IDs are uppercase: %q", strings.ToUpper(id))
	case strings.HasPrefix(id, "@") || strings.HasPrefix(id, "<@"):
		return fmt.Sprintf("user %q is a handle, not a user ID", shorten(id)),
			"use the member ID (profile → ⋮ → Copy member ID), e.g. U0123ABC"
	}
	return fmt.Sprintf("user %q is not a valid user ID", shorten(id)),
		"user IDs are U or W followed by uppercase letters and digits, e.g. U0123ABC"
}

// channelKey normalises a channel reference for comparisons: IDs as they
// are, names lowercase with "#". Bare names get their "#".
func channelKey(ref string) string {
	ref = strings.TrimSpace(ref)
	if isChannelID(ref) {
		return ref
	}
	return "#" + strings.ToLower(strings.TrimPrefix(ref, "#"))
}

// checkCron returns what is wrong with a 5-field cron spec, and a fix.
func checkCron(spec string) (msg, fix string) {
	const fix5 = `use 5 fields: minute hour day-of-month month day-of-week, e.g. "0 10 * * MON" (Mondays at 10:00)`
	s := strings.TrimSpace(spec)
	switch {
	case s == "":
		return "schedule is empty", fix5
	case strings.HasPrefix(s, "TZ=") || strings.HasPrefix(s, "CRON_TZ="):
		return "schedule sets its own time zone", "remove the TZ= prefix: schedules use the community's timezone"
	case strings.HasPrefix(s, "@"):
		return fmt.Sprintf("schedule %q is a descriptor, not a cron spec", shorten(s)), fix5
	}
	if n := len(strings.Fields(s)); n != 5 {
		return fmt.Sprintf("schedule %q has %d fields", shorten(s), n), fix5
	}
	p := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)
	sched, err := p.Parse(s)
	if err != nil {
		return fmt.Sprintf("schedule %q is not a valid cron spec: %v", shorten(s), err),
			fix5 + "; day-of-week is 0-6 (0 is Sunday) or SUN-SAT"
	}
	if sched.Next(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return fmt.Sprintf("schedule %q never fires", shorten(s)),
			"check the day of month and the month (e.g. 31 in a 30-day month)"
	}
	return "", ""
}

// ParseWeekday reads an English weekday name ("monday" or "mon", any case).
func ParseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) < 3 {
		return 0, false
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if s == name || s == name[:3] {
			return d, true
		}
	}
	return 0, false
}

func weekdayOr(s string, def time.Weekday) time.Weekday {
	if d, ok := ParseWeekday(s); ok {
		return d
	}
	return def
}

// ParseQuietHours reads "HH:MM-HH:MM" into offsets from midnight. The window
// wraps midnight when from > to. An empty string means no quiet hours.
func ParseQuietHours(s string) (from, to time.Duration, err error) {
	if strings.TrimSpace(s) == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, fmt.Errorf("quiet hours %q are not a range", shorten(s))
	}
	if from, err = parseClock(a); err == nil {
		to, err = parseClock(b)
	}
	if err == nil && from == to {
		err = fmt.Errorf("quiet hours %q start and end at the same time", shorten(s))
	}
	return from, to, err
}

func parseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a time of day (HH:MM)", shorten(s))
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// loadLocation loads an IANA time zone; "Local" is refused because it
// depends on the machine.
func loadLocation(name string) (*time.Location, error) {
	if name == "" || strings.EqualFold(name, "local") {
		return nil, fmt.Errorf("time zone %q is not an IANA name", name)
	}
	return time.LoadLocation(name)
}

// secretKeyEnv returns the environment variable to use instead of a key
// that looks like it holds a secret, or "".
func secretKeyEnv(key string) string {
	k := strings.ToLower(key)
	switch {
	case strings.Contains(k, "signing") || strings.Contains(k, "secret"):
		return EnvSigningSecret
	case strings.Contains(k, "app") && strings.Contains(k, "token"):
		return EnvAppToken
	case strings.Contains(k, "openai") || strings.Contains(k, "api_key") || strings.Contains(k, "apikey") || k == "key":
		return EnvOpenAIAPIKey
	case strings.Contains(k, "token") || strings.Contains(k, "password"):
		return EnvBotToken
	}
	return ""
}

// tokenEnv returns the environment variable for a value that looks like a
// Slack token or an OpenAI key, or "".
func tokenEnv(v string) string {
	v = strings.TrimSpace(v)
	switch {
	case strings.HasPrefix(v, "xapp-"):
		return EnvAppToken
	case len(v) > 10 && (strings.HasPrefix(v, "xoxb-") || strings.HasPrefix(v, "xoxp-") ||
		strings.HasPrefix(v, "xoxa-") || strings.HasPrefix(v, "xoxe")):
		return EnvBotToken
	case len(v) >= 20 && strings.HasPrefix(v, "sk-") && !strings.ContainsAny(v, " \t\n"):
		return EnvOpenAIAPIKey
	}
	return ""
}

// suggest returns the candidate closest to s, if close enough to be a typo.
func suggest(s string, candidates []string) string {
	if len(s) > 64 {
		return ""
	}
	norm := func(x string) string {
		return strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.ToLower(x))
	}
	best, bestDist := "", 0
	for _, c := range candidates {
		if norm(c) == norm(s) {
			return c
		}
		d := levenshtein(strings.ToLower(s), strings.ToLower(c))
		if d <= max(1, len(c)/3) && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// levenshtein is the edit distance between a and b, in bytes.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
