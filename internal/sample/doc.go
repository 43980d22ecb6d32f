// Package sample generates realistic Slack workspaces, deterministically,
// written as a standard Slack export: channels.json, groups.json,
// users.json, integration_logs.json and one folder per channel holding a
// YYYY-MM-DD.json file per day (dates in UTC) with that day's messages.
//
// It feeds the importer, `praxis demo`, tests and benchmarks. The data is
// meant to be plausible, not uniform noise, because it also trains and
// evaluates expert finding: communities have their own craft, vocabulary
// and language (half English, half French); members have roles (a few core
// members and helpers who answer a lot, each about two or three topics,
// regulars, occasional posters, lurkers who never post, newcomers who
// joined in the last weeks), time zones and working hours; questions get
// threaded answers mostly from the helpers who specialise in the
// question's topic, and the asker often thanks them and ticks the accepted
// answer with a ✅ reaction.
//
// Same seed and options, same bytes. Generation streams: a workspace holds
// its members, channels and communities but never its messages. Each day of
// each channel is produced from a sub-seed derived from (seed, channel,
// day), so any day can be generated on its own; a thread's replies can land
// up to three days after its parent and are carried over to the day file
// of the day they were posted (or kept under the parent's day file with
// Options.SlackdumpLayout).
//
// The generator uses integer arithmetic only, so the output does not depend
// on the platform's floating-point behaviour.
package sample
