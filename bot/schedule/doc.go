// Package schedule runs Praxis's periodic work (digests, nudges, rituals,
// reports) on 5-field cron specs, each job in its own time zone, so that
// each period of a job is done once, whatever restarts, replicas or clock
// changes happen.
//
// Each occurrence of a job is a Period named by a Key that never changes
// (the scheduled instant in RFC 3339 UTC). Before running one, a Scheduler
// claims the pair (job, key) in the store's job_runs table, where it is
// unique. Hence:
//
//   - Once: a period runs at most once successfully, even with two
//     schedulers on one database.
//   - Restarts: at start, the latest period missed while down is run once if
//     it is still in its window (within the job's Grace, default 1h, and
//     before the next period is due); older ones are not run, and none
//     twice. A period found too late is recorded skipped.
//   - No overlap: a job's periods run one at a time. A period that comes
//     while the previous one still runs waits, and starts as soon as it
//     ends if still in its window; periods whose window closed meanwhile
//     are recorded skipped. Across processes, a claim is refused while
//     another period of the job is running.
//   - Failures: a failed attempt is recorded with its error and retried, at
//     most Retries times (default 3), after Backoff doubled each time, while
//     in its window. A panic is a failure.
//   - Crashes: a running attempt heartbeats every quarter of
//     Options.StaleAfter; one whose heartbeat is older than StaleAfter has
//     lost its process and is taken over. A live attempt is never taken
//     over, however long it runs.
//   - Shutdown: when Run's context ends, attempts in progress are cancelled
//     and waited for (at most Options.StopTimeout); an interrupted attempt
//     is recorded failed, to be retried at the next start if still in its
//     window.
//
// Fn must therefore be safe to run again for a period whose earlier attempt
// failed midway: key what it enqueues in the outbox by the period (or by a
// member and their local day or week), and the outbox drops the repeat.
//
// # Wall clock
//
// A spec is read on Loc's wall clock, and each matching wall time of a day
// is one instant. A time that occurs twice, when clocks go back, runs once,
// at its first occurrence; a time that does not occur, when clocks go
// forward, runs at the instant it would have had before the change (02:30
// on the day Paris jumps from 02:00 to 03:00 runs at 03:30 CEST). So a job
// at 02:30 runs exactly once every day. robfig/cron parses the specs; its
// runner is not used, since it reads the real clock, cannot catch up a
// missed period, and fires twice (or never) at DST changes.
//
// # Members' local hours
//
// The scheduler knows jobs, not members. Work due at each member's local
// hour (a digest "on Mondays at 9:00, their time") is one job firing every
// hour in UTC whose Fn picks the members whose hour began in the period:
//
//	s.Add(schedule.Job{Name: "digest", Spec: "0 * * * *", Loc: time.UTC, Timeout: 50 * time.Minute,
//		Fn: func(ctx context.Context, p schedule.Period) error {
//			for _, m := range members {
//				start, ok := schedule.LocalHour(m.Loc, 9, p)
//				if !ok || start.Weekday() != time.Monday {
//					continue
//				}
//				y, w := start.ISOWeek()
//				key := fmt.Sprintf("digest:%s:%d-W%02d", m.ID, y, w) // the outbox drops a repeat
//				...
//			}
//			return nil
//		}})
//
// Run it in UTC, where every hour exists once: in a zone with DST the
// repeated hour would have no period of its own. LocalHour picks each
// member once a day across DST changes and half-hour offsets. A period
// skipped (the bot was down longer than the grace) skips the members of
// that hour; a job that must catch them up can widen the span it looks at,
// from its last done run (store.LastJobRun with store.RunDone) to p.At.
package schedule
