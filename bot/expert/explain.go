package expert

import (
	"strings"
	"time"

	"praxis/bot/i18n"
)

var catalog = i18n.Catalog{
	"en": {
		"answered_one":  "answered a question on *%[2]s* in #%[3]s, %[4]s",
		"answered":      "answered %d questions on *%s* in #%s, most recently %s",
		"answered_most": "answered %d questions on *%s*, mostly in #%s, most recently %s",
		"accepted_one":  "one of these answers was accepted or thanked",
		"accepted":      "%d of these answers were accepted or thanked",
		"discussed_one": "took part in a thread on *%[2]s* in #%[3]s, %[4]s",
		"discussed":     "took part in %d threads on *%s* in #%s, most recently %s",
		"discuss_most":  "took part in %d threads on *%s*, mostly in #%s, most recently %s",
		"weak":          "a weak match: their threads mention %s but not %s",
		"weak_common":   "a weak match: only words many threads use matched (%s)",
		"skills":        "declared skill: %s",
		"declared":      "named an expert of this topic by the facilitators",
		"active":        "answers questions regularly in %s",
		"threads_one":   "answered a thread in #%[2]s",
		"threads":       "answered %d threads in #%s",
		"helped_one":    "answered one of your questions before",
		"helped":        "answered %d of your questions before",
		"away":          "away according to their Slack status",
		"off_hours":     "outside their working hours right now",
		"busy":          "already asked to help several times this week",
		"today":         "today",
		"yesterday":     "yesterday",
		"days":          "%d days ago",
		"weeks":         "%d weeks ago",
		"months":        "%d months ago",
		"years":         "over a year ago",
	},
	"fr": {
		"answered_one":  "a répondu à une question sur *%[2]s* dans #%[3]s, %[4]s",
		"answered":      "a répondu à %d questions sur *%s* dans #%s, la plus récente %s",
		"answered_most": "a répondu à %d questions sur *%s*, surtout dans #%s, la plus récente %s",
		"accepted_one":  "une de ces réponses a été validée ou a valu un merci",
		"accepted":      "%d de ces réponses ont été validées ou ont valu un merci",
		"discussed_one": "a participé à un fil sur *%[2]s* dans #%[3]s, %[4]s",
		"discussed":     "a participé à %d fils sur *%s* dans #%s, le plus récent %s",
		"discuss_most":  "a participé à %d fils sur *%s*, surtout dans #%s, le plus récent %s",
		"weak":          "correspondance faible : ses fils parlent de %s mais pas de %s",
		"weak_common":   "correspondance faible : seuls des mots très courants correspondent (%s)",
		"skills":        "compétence déclarée : %s",
		"declared":      "désigné·e expert·e du sujet par les animateurs",
		"active":        "répond régulièrement aux questions dans %s",
		"threads_one":   "a répondu dans un fil de #%[2]s",
		"threads":       "a répondu dans %d fils de #%s",
		"helped_one":    "a déjà répondu à une de vos questions",
		"helped":        "a déjà répondu à %d de vos questions",
		"away":          "absent·e d'après son statut Slack",
		"off_hours":     "en dehors de ses heures de travail en ce moment",
		"busy":          "déjà beaucoup sollicité·e cette semaine",
		"today":         "aujourd'hui",
		"yesterday":     "hier",
		"days":          "il y a %d jours",
		"weeks":         "il y a %d semaines",
		"months":        "il y a %d mois",
		"years":         "il y a plus d'un an",
	},
}

// Reasons says, in lang, why a candidate was suggested: sentences a human
// can check against the threads. The topic they name is the query's words
// found in the person's threads, and a weak match says so (Evidence.Weak),
// so that no reason claims more than the threads show.
func (c Candidate) Reasons(lang, community string, now time.Time) []string {
	var out []string
	out = append(out, c.topicReasons(lang, now)...)
	if c.Accepted > 0 {
		out = append(out, catalog.N(lang, "accepted", c.Accepted))
	}
	for _, s := range c.Skills {
		out = append(out, catalog.T(lang, "skills", s))
	}
	if c.Declared {
		out = append(out, catalog.T(lang, "declared"))
	}
	switch {
	case c.ActiveAnswer && community != "":
		out = append(out, catalog.T(lang, "active", community))
	case c.Answered+c.Discussed > 0 || c.ThreadsIn == "":
	case c.Threads > 0:
		out = append(out, catalog.N(lang, "threads", c.Threads, c.ThreadsIn))
	}
	if c.HelpedAsker > 0 {
		out = append(out, catalog.N(lang, "helped", c.HelpedAsker))
	}
	if c.Unavailable != "" {
		out = append(out, catalog.T(lang, c.Unavailable))
	}
	return out
}

// topicReasons say what the person's threads have of the query: how many,
// on which of its words, where and when; and whether that is a weak match.
// No word found, nothing is claimed.
func (c Candidate) topicReasons(lang string, now time.Time) []string {
	if len(c.Matched) == 0 {
		return nil
	}
	topic := strings.Join(c.Matched, " ")
	ago := Ago(lang, c.Last, now)
	var out []string
	switch {
	case c.Answered > 1 && c.Elsewhere:
		out = append(out, catalog.T(lang, "answered_most", c.Answered, topic, c.Channel, ago))
	case c.Answered > 0:
		out = append(out, catalog.N(lang, "answered", c.Answered, topic, c.Channel, ago))
	case c.Discussed > 1 && c.Elsewhere:
		out = append(out, catalog.T(lang, "discuss_most", c.Discussed, topic, c.Channel, ago))
	case c.Discussed > 0:
		out = append(out, catalog.N(lang, "discussed", c.Discussed, topic, c.Channel, ago))
	}
	switch {
	case !c.Weak:
	case c.Common:
		out = append(out, catalog.T(lang, "weak_common", emphasised(c.Matched)))
	case len(c.Missing) > 0:
		out = append(out, catalog.T(lang, "weak", emphasised(c.Matched), emphasised(c.Missing)))
	}
	return out
}

// emphasised lists words each in bold: "*TLS*, *certificates*".
func emphasised(words []string) string {
	return "*" + strings.Join(words, "*, *") + "*"
}

// Ago says how long ago t was, roughly, in lang.
func Ago(lang string, t, now time.Time) string {
	days := int(now.Sub(t).Hours() / 24)
	switch {
	case days <= 0:
		return catalog.T(lang, "today")
	case days == 1:
		return catalog.T(lang, "yesterday")
	case days < 14:
		return catalog.T(lang, "days", days)
	case days < 60:
		return catalog.T(lang, "weeks", days/7)
	case days < 365:
		return catalog.T(lang, "months", days/30)
	}
	return catalog.T(lang, "years")
}

// Permalink links to a thread. base is the workspace's URL
// ("https://acme.slack.com"); empty, Slack's generic one, which opens the
// thread for anyone signed in to the workspace.
func Permalink(base string, t ThreadRef) string {
	if base == "" {
		base = "https://slack.com"
	}
	return strings.TrimSuffix(base, "/") + "/archives/" + t.ChannelID + "/p" + strings.Replace(t.TS, ".", "", 1)
}
