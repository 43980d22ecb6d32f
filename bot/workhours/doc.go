// Package workhours is a community's working time: the wall-clock hours of
// its working days, in its time zone. An unanswered question waits a number
// of working hours before experts, then facilitators, are asked
// (bot/expert's Router), and the reports count the time to a first answer
// in working hours (bot/report). It imports nothing of Praxis's.
//
// Hours count time only inside each working day's wall-clock window, read in
// the community's time zone on that day, whatever the time zone of the
// instants given. Between and Add are exact to the nanosecond and inverse of
// each other; a DST change at night changes nothing, one inside the window
// changes that day's working time by the shift. Long spans cost a handful of
// day computations: whole weeks are counted arithmetically and only the days
// next to a change of UTC offset are computed, found by sampling the offset
// every few days (changes are weeks apart in every zone of the tz database).
//
// A community's holidays (Holidays: a country's or region's public holidays
// from rickar/cal, and days off of its own) hold no working time. Between
// takes the working time of the holidays in its span off the weekly count;
// Add pushes its result past each holiday it meets. The calendars give the
// holidays of a year in a few date computations per holiday, so neither
// walks the days.
package workhours
