package i18n

import "time"

// The names of days and months, for every part of the bot that writes a
// date in words.
var (
	weekdays = map[string][7]string{
		"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		"fr": {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
	}
	shortWeekdays = map[string][7]string{
		"en": {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
		"fr": {"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."},
	}
	months = map[string][12]string{
		"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
			"November", "December"},
		"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
			"novembre", "décembre"},
	}
	shortMonths = map[string][12]string{
		"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		"fr": {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
	}
)

// Weekday is d's name in lang: "Monday", "lundi".
func Weekday(lang string, d time.Weekday) string { return weekdays[Lang(lang)][d] }

// ShortWeekday is d's abbreviation in lang: "Mon", "lun.".
func ShortWeekday(lang string, d time.Weekday) string { return shortWeekdays[Lang(lang)][d] }

// Month is m's name in lang: "November", "novembre".
func Month(lang string, m time.Month) string { return months[Lang(lang)][m-1] }

// ShortMonth is m's abbreviation in lang: "Nov", "nov.".
func ShortMonth(lang string, m time.Month) string { return shortMonths[Lang(lang)][m-1] }
