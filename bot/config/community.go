package config

import (
	"fmt"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/workhours"
)

func (c *Config) checkCommunities(k *checker) {
	if len(c.Communities) == 0 {
		k.add("communities", "no community configured",
			"add at least one community with a name and channels (see config.example.yaml)")
		return
	}
	names := map[string]int{}
	owner := map[string]int{} // channel key → index of the community that has it
	for i := range c.Communities {
		cm := &c.Communities[i]
		p := fmt.Sprintf("communities[%d]", i)
		name := strings.TrimSpace(cm.Name)
		if name == "" {
			k.add(p+".name", "community has no name", "give it a name, e.g. name: Security guild")
		} else if j, dup := names[strings.ToLower(name)]; dup {
			k.addf(p+".name", "give each community its own name",
				"community name %q is already used by communities[%d]", shorten(name), j)
		} else {
			names[strings.ToLower(name)] = i
		}
		c.checkChannels(k, p, i, owner)
		checkUsers(k, p+".facilitators", cm.Facilitators)
		checkUsers(k, p+".sponsors", cm.Sponsors)
		checkTopics(k, p+".topics", cm.Topics)
		checkExperts(k, p+".experts", cm.Experts)
		if cm.Language != "" && cm.Language != c.Language {
			oneOf(k, p+".language", "language", cm.Language, Languages()...)
		}
		if cm.Timezone != "" && cm.Timezone != c.Timezone {
			checkTimezone(k, p+".timezone", cm.Timezone)
		}
		checkSchedules(k, p, cm)
		checkRituals(k, p, cm)
	}
}

// checkChannels checks a community's channels: format, duplicates in the
// community, and channels already owned by an earlier community.
func (c *Config) checkChannels(k *checker, p string, i int, owner map[string]int) {
	cm := &c.Communities[i]
	if len(cm.Channels) == 0 {
		k.addf(p+".channels", `list its channels, e.g. channels: ["#security"]`,
			"community %q has no channels", shorten(cm.Name))
	}
	seen := map[string]int{}
	for j, ch := range cm.Channels {
		cp := fmt.Sprintf("%s.channels[%d]", p, j)
		if msg, fix := checkChannel(ch); msg != "" {
			k.add(cp, msg, fix)
			continue
		}
		key := channelKey(ch)
		if prev, dup := seen[key]; dup {
			k.addf(cp, "remove the duplicate", "channel %q is listed twice in this community (also channels[%d])", ch, prev)
			continue
		}
		seen[key] = j
		if o, taken := owner[key]; taken {
			k.addf(cp, "a channel belongs to exactly one community: remove it from one of them",
				"channel %q already belongs to community %q (communities[%d])", ch, shorten(c.Communities[o].Name), o)
			continue
		}
		owner[key] = i
	}
}

// checkUsers checks a list of user IDs.
func checkUsers(k *checker, key string, ids []string) {
	seen := map[string]bool{}
	for j, id := range ids {
		p := fmt.Sprintf("%s[%d]", key, j)
		if msg, fix := checkUser(id); msg != "" {
			k.add(p, msg, fix)
		} else if seen[id] {
			k.addf(p, "remove the duplicate", "user %q is listed twice", id)
		}
		seen[id] = true
	}
}

// checkTopics checks a list of topics: none empty, none twice.
func checkTopics(k *checker, key string, topics []string) {
	seen := map[string]bool{}
	for j, t := range topics {
		p := fmt.Sprintf("%s[%d]", key, j)
		norm := strings.ToLower(strings.TrimSpace(t))
		if norm == "" {
			k.add(p, "topic is empty", "remove it or write the topic")
		} else if seen[norm] {
			k.addf(p, "remove the duplicate", "topic %q is listed twice", shorten(t))
		}
		seen[norm] = true
	}
}

func checkExperts(k *checker, key string, experts []Expert) {
	seen := map[string]bool{}
	for j, e := range experts {
		p := fmt.Sprintf("%s[%d]", key, j)
		if msg, fix := checkUser(e.User); msg != "" {
			k.add(p+".user", msg, fix)
		} else if seen[e.User] {
			k.addf(p+".user", "merge the two entries into one", "expert %q is listed twice", e.User)
		}
		seen[e.User] = true
		if len(e.Topics) == 0 {
			k.addf(p+".topics", `list the topics they know, e.g. topics: ["appsec"]`, "expert %q has no topics", shorten(e.User))
		}
		checkTopics(k, p+".topics", e.Topics)
	}
}

// checkSchedules checks the digest, nudges, questions and report settings.
func checkSchedules(k *checker, p string, cm *Community) {
	d := cm.Digest
	oneOf(k, p+".digest.frequency", "digest frequency", d.Frequency,
		bot.FrequencyOff, bot.FrequencyDaily, bot.FrequencyWeekly, bot.FrequencyMonthly)
	if d.Frequency == bot.FrequencyWeekly || d.Frequency == bot.FrequencyMonthly || d.Weekday != "" {
		checkWeekday(k, p+".digest.weekday", d.Weekday)
	}
	checkRange(k, p+".digest.hour", "hour", d.Hour, 0, 23)
	checkRange(k, p+".digest.max_items", "max_items", d.MaxItems, 1, 50)

	n := cm.Nudges
	checkRange(k, p+".nudges.weekly_budget", "weekly_budget", n.WeeklyBudget, 0, 7)
	if _, _, err := ParseQuietHours(n.QuietHours); err != nil {
		k.add(p+".nudges.quiet_hours", err.Error(),
			`use "HH:MM-HH:MM", e.g. "19:00-08:00" (may wrap midnight), or "" for none`)
	}
	checkRange(k, p+".nudges.holdout_percent", "holdout_percent", n.HoldoutPercent, 0, 100)
	checkRange(k, p+".nudges.silent_weeks", "silent_weeks", n.SilentWeeks, 1, 52)
	checkRange(k, p+".nudges.per_question", "per_question", n.PerQuestion, 1, 10)

	q := cm.Questions
	if _, err := workhours.ParseHours(q.WorkingHours, q.WorkingDays, time.UTC); err != nil {
		k.add(p+".questions", err.Error(), `use working_hours: "09:00-18:00" and working_days: "mon-fri"`)
	}
	checkHolidays(k, p+".questions", q)
	checkRange(k, p+".questions.answer_within_hours", "answer_within_hours", q.AnswerWithinHours, 1, 168)
	if q.EscalateAfterHours < q.AnswerWithinHours || q.EscalateAfterHours > 720 {
		fix := fmt.Sprintf("use a number between answer_within_hours (%d) and 720", q.AnswerWithinHours)
		k.addf(p+".questions.escalate_after_hours", fix,
			"escalate_after_hours is %d; it must be between answer_within_hours and 720", q.EscalateAfterHours)
	}

	r := cm.Report
	checkWeekday(k, p+".report.weekday", r.Weekday)
	checkRange(k, p+".report.hour", "hour", r.Hour, 0, 23)
	oneOf(k, p+".report.format", "report format", r.Format, "blocks", "text")
	oneOf(k, p+".report.charts", "report charts", r.Charts, "png", "native", "none")
}

// checkHolidays checks a community's holiday calendar and extra dates.
func checkHolidays(k *checker, p string, q Questions) {
	if code := strings.ToUpper(strings.TrimSpace(q.Holidays)); code != "" {
		oneOf(k, p+".holidays", "holiday calendar", code, workhours.Regions()...)
	}
	for j, d := range q.ExtraHolidays {
		if _, err := workhours.ParseDate(d); err != nil {
			k.add(fmt.Sprintf("%s.extra_holidays[%d]", p, j), err.Error(), `write the date as "2026-12-24"`)
		}
	}
}

func checkRituals(k *checker, p string, cm *Community) {
	for j, r := range cm.Rituals {
		rp := fmt.Sprintf("%s.rituals[%d]", p, j)
		valid := oneOf(k, rp+".kind", "ritual kind", r.Kind,
			bot.RitualQuestionOfTheWeek, bot.RitualShowAndTell, bot.RitualOfficeHours, bot.RitualCustom,
			bot.RitualRecognition)
		if msg, fix := checkCron(r.Schedule); msg != "" {
			k.add(rp+".schedule", msg, fix)
		}
		if msg, fix := checkChannel(r.Channel); msg != "" {
			k.add(rp+".channel", msg, fix)
		} else if !cm.HasChannel(r.Channel) {
			k.addf(rp+".channel", "use one of the community's channels: "+strings.Join(cm.Channels, ", "),
				"ritual channel %q is not one of the community's channels", r.Channel)
		}
		switch {
		case valid && r.Kind == bot.RitualQuestionOfTheWeek && len(r.Questions) == 0:
			k.add(rp+".questions", "a question_of_the_week ritual needs questions",
				`list them, e.g. questions: ["What tool saved you time this week?"]`)
		case valid && r.Kind != bot.RitualQuestionOfTheWeek && len(r.Questions) > 0:
			k.add(rp+".questions", "questions are only used by question_of_the_week rituals", "remove them, or change kind")
		}
		for q, text := range r.Questions {
			if strings.TrimSpace(text) == "" {
				k.add(fmt.Sprintf("%s.questions[%d]", rp, q), "question is empty", "remove it or write the question")
			}
		}
		switch {
		case valid && r.Kind == bot.RitualOfficeHours && len(r.Hosts) == 0:
			k.add(rp+".hosts", "an office_hours ritual needs hosts", `list user IDs, e.g. hosts: ["U0123ABC"]`)
		case valid && r.Kind != bot.RitualOfficeHours && len(r.Hosts) > 0:
			k.add(rp+".hosts", "hosts are only used by office_hours rituals", "remove them, or change kind")
		}
		checkUsers(k, rp+".hosts", r.Hosts)
		switch {
		case valid && r.Kind == bot.RitualCustom && strings.TrimSpace(r.Text) == "":
			k.add(rp+".text", "a custom ritual needs a text", "write the message to post in text:")
		case valid && r.Kind != bot.RitualCustom && r.Text != "":
			k.add(rp+".text", "text is only used by custom rituals", "remove it, or change kind to custom")
		}
	}
}

func checkRange(k *checker, key, what string, v, lo, hi int) {
	if v < lo || v > hi {
		fix := fmt.Sprintf("use a whole number between %d and %d", lo, hi)
		k.addf(key, fix, "%s is %d, out of range %d..%d", what, v, lo, hi)
	}
}

func checkWeekday(k *checker, key, day string) {
	if _, ok := ParseWeekday(day); ok {
		return
	}
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	fix := "use one of: " + strings.Join(days, ", ")
	if s := suggest(strings.ToLower(day), days); s != "" {
		fix = fmt.Sprintf("did you mean %q? (%s)", s, fix)
	}
	k.addf(key, fix, "unknown weekday %q", shorten(day))
}
