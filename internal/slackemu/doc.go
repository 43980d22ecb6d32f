// Package slackemu is an in-process, Slack-compatible server. It lets the
// Praxis bot run and be tested without a Slack workspace, through the real
// slack-go client and its socketmode package:
//
//	emu := slackemu.New(slackemu.Options{})
//	defer emu.Close()
//	api := emu.Client() // slack.New with the emulator's URL and tokens
//	sm := socketmode.New(api)
//
// The emulator serves the Web API methods the bot uses (the table is in
// webapi.go; any other method answers unknown_method), Socket Mode
// (apps.connections.open, hello, WebSocket pings, envelopes, acknowledgements
// and redelivery) and, when Options.EventsURL is set, signed Events API HTTP
// deliveries with Slack's retry headers. Tests script member activity
// (UserMessage, React, Join, SlashCommand, BlockAction, ...), look at what the
// bot did (Posted, Calls) and inject faults (SetFaults, DropConnections,
// SendDisconnect).
//
// It follows Slack where a bot can tell the difference:
//   - the bot receives events only from conversations it is a member of, and
//     conversations.history, conversations.replies and chat.postMessage answer
//     not_in_channel elsewhere (public channels still show in
//     conversations.list and conversations.info; private ones do not);
//   - the bot's own posts come back as message events with bot_id, app_id and
//     user set to the bot user, and no subtype: filter on those, not on
//     subtype "bot_message", which only legacy integrations produce;
//   - a message that mentions the bot also produces an app_mention event;
//   - an unacknowledged event is redelivered at most 3 times, with the same
//     event_id; commands and interactions are never redelivered;
//   - a response_url works in any conversation, the bot a member or not, for
//     30 minutes (by Options.Now) and 5 posts, then answers 404 expired_url
//     or used_url;
//   - a message takes at most 50 blocks, two of them data_visualization;
//   - message metadata is returned only with include_all_metadata;
//   - message ts are unique and strictly increasing; cursors are opaque.
//
// Deliberate simplifications: HTTP deliveries go one at a time, in order
// (Slack may deliver concurrently); trigger IDs never expire; group DMs,
// archiving and rate limits other than injected ones are not emulated.
//
// Two clocks are used on purpose: Options.Now stamps messages and events (so a
// demo can move time), while acknowledgement deadlines and request signatures
// use the real clock, because slack-go checks signatures against time.Now.
//
// Methods that simulate member activity panic when given an unknown channel
// or message: that is a bug in the scenario, not a condition to handle.
package slackemu
