package digest

import (
	"praxis/bot/digest/digesttest"
	"praxis/internal/testkit"
)

// utc and ts are testkit's, weekFrom and weekTo the week digesttest's
// world is seeded with, by short names: these tests name many instants and
// messages.
var (
	utc      = testkit.UTC
	ts       = testkit.TS
	weekFrom = digesttest.WeekFrom
	weekTo   = digesttest.WeekTo
)
