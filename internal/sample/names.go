package sample

import (
	"strings"
	"time"
)

// zone is a time zone members live in, with the locale and the origin of
// the names of the people who live there. Offsets follow the zone's
// current rules, computed here rather than read from a time zone database,
// so that the output does not depend on the host's.
type zone struct {
	name     string // IANA name
	std, dst string // Slack's tz_label, standard and summer time
	locale   string
	names    origin
	weightEN int   // how often members of English-speaking communities live there
	weightFR int   // same, French-speaking communities
	offset   int64 // standard UTC offset, seconds
	rule     dstRule
}

type origin int

const (
	originEN origin = iota
	originFR
	originIntl
)

// dstRule says when a zone is on summer time.
type dstRule int

const (
	noDST dstRule = iota
	euDST         // last Sunday of March to last Sunday of October, 01:00 UTC
	usDST         // second Sunday of March to first Sunday of November, 02:00 local
)

var zones = []zone{
	{"Europe/Paris", "Central European Time", "Central European Summer Time", "fr-FR", originFR, 12, 62, 3600, euDST},
	{"Europe/London", "Greenwich Mean Time", "British Summer Time", "en-GB", originEN, 25, 4, 0, euDST},
	{"America/New_York", "Eastern Standard Time", "Eastern Daylight Time", "en-US", originEN, 20, 3, -5 * 3600, usDST},
	{"America/Los_Angeles", "Pacific Standard Time", "Pacific Daylight Time", "en-US", originEN, 14, 1, -8 * 3600, usDST},
	{"America/Chicago", "Central Standard Time", "Central Daylight Time", "en-US", originEN, 8, 0, -6 * 3600, usDST},
	{"America/Toronto", "Eastern Standard Time", "Eastern Daylight Time", "fr-CA", originFR, 3, 16, -5 * 3600, usDST},
	{"Asia/Singapore", "Singapore Standard Time", "Singapore Standard Time", "en-GB", originIntl, 10, 3, 8 * 3600, noDST},
	{"Europe/Brussels", "Central European Time", "Central European Summer Time", "fr-BE", originFR, 2, 9, 3600, euDST},
	{"Asia/Kolkata", "India Standard Time", "India Standard Time", "en-GB", originIntl, 6, 2, 19800, noDST},
}

// utcOffset returns the UTC offset of zone z at unix time t, in seconds.
func utcOffset(z int, t int64) int64 {
	zn := &zones[z]
	y := time.Unix(t, 0).UTC().Year()
	var from, to int64
	switch zn.rule {
	case euDST:
		from, to = lastSunday(y, time.March)+3600, lastSunday(y, time.October)+3600
	case usDST:
		from = nthSunday(y, time.March, 2) + 2*3600 - zn.offset
		to = nthSunday(y, time.November, 1) + 2*3600 - (zn.offset + 3600)
	default:
		return zn.offset
	}
	if t >= from && t < to {
		return zn.offset + 3600
	}
	return zn.offset
}

// nthSunday returns the UTC midnight of the n-th Sunday of a month.
func nthSunday(y int, m time.Month, n int) int64 {
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return first.Unix() + int64((7-int(first.Weekday()))%7+7*(n-1))*day
}

// lastSunday returns the UTC midnight of the last Sunday of a month.
func lastSunday(y int, m time.Month) int64 {
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	return last.Unix() - int64(last.Weekday())*day
}

// zoneIndex returns the index of the zone named name, or 0.
func zoneIndex(name string) int {
	for i, z := range zones {
		if z.name == name {
			return i
		}
	}
	return 0
}

var firstNames = [...][]string{
	originEN: {"Emma", "Olivia", "James", "Oliver", "Sophie", "Jack", "Harry", "Charlotte", "Amelia", "George",
		"Noah", "Liam", "Ava", "Mia", "Ethan", "Lucas", "Grace", "Ella", "Henry", "Daniel", "Sarah", "Michael",
		"Emily", "David", "Jessica", "Ryan", "Megan", "Tom", "Rachel", "Chris", "Laura", "Kevin", "Hannah", "Ben",
		"Lucy", "Sam", "Kate", "Alex", "Nina", "Jordan", "Maya", "Owen", "Zoe", "Isaac", "Ruby", "Nathan"},
	originFR: {"Camille", "Léa", "Manon", "Chloé", "Inès", "Julie", "Sarah", "Emma", "Louise", "Clémence", "Hélène",
		"Céline", "Aurélie", "Élodie", "Margaux", "Lucas", "Hugo", "Théo", "Louis", "Nicolas", "Julien", "Thomas",
		"Maxime", "Antoine", "Mathieu", "Sébastien", "Jérôme", "François", "Stéphane", "Benoît", "Rémi", "Guillaume",
		"Baptiste", "Quentin", "Arnaud", "Gaëlle", "Noémie", "Loïc", "Anaïs", "Frédéric", "Maëlle", "Étienne",
		"Amélie", "Cédric", "Océane", "Raphaël"},
	originIntl: {"Wei", "Jia Hui", "Arjun", "Priya", "Rahul", "Ananya", "Mei Ling", "Jun", "Siti", "Kavya", "Vikram",
		"Aisha", "Hiro", "Min-jun", "Ravi", "Deepa", "Xin Yi", "Farid", "Nurul", "Sanjay", "Li Na", "Aditya"},
}

var lastNames = [...][]string{
	originEN: {"Smith", "Johnson", "Williams", "Brown", "Jones", "Taylor", "Davies", "Wilson", "Evans", "Thomas",
		"Roberts", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood",
		"Harris", "Clarke", "Jackson", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris", "Baker", "Carter",
		"Mitchell", "Parker", "Collins", "Bennett", "Murphy", "Kelly", "Foster", "Reed", "O'Brien", "Nguyen"},
	originFR: {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
		"Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
		"Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
		"Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Chevalier", "Perrin",
		"Lemaire", "Tremblay", "Gagnon", "Côté", "Bouchard", "Pelletier", "Benali", "N'Diaye"},
	originIntl: {"Tan", "Lim", "Lee", "Ng", "Wong", "Chen", "Sharma", "Patel", "Nair", "Iyer", "Gupta", "Menon",
		"Rahman", "Goh", "Chua", "Koh", "Singh", "Reddy", "Das", "Ong", "Kumar", "Yeo"},
}

var weekdays = map[string][7]string{
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	"fr": {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
}

var asciiFold = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e", "î", "i", "ï", "i",
	"ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ÿ", "y", "œ", "oe", "æ", "ae",
	"É", "e", "È", "e", "Ê", "e", "À", "a", "Ç", "c", "Ô", "o", "Î", "i",
	" ", "", "'", "", "-", "")

// handle returns a Slack username such as "helene.lefevre".
func handle(first, last string) string {
	return asciiFold.Replace(strings.ToLower(first)) + "." + asciiFold.Replace(strings.ToLower(last))
}
