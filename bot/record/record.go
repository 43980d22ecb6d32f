// Package record turns contributions in mapped channels into rows: messages,
// thread replies, edits, deletions, reactions, joins, links and files.
package record

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"praxis/bot"
	"praxis/bot/dispatch"
	"praxis/store"
)

// Profiles looks members up in Slack (users.info). It crosses the network.
type Profiles interface {
	Profile(ctx context.Context, userID string) (store.Member, error)
}

// Recorder applies contribution events to the store.
type Recorder struct {
	st       *store.Store
	dir      *bot.Directory
	profiles *profileSync // nil: no profile sync
	log      *slog.Logger
	botUser  string
}

// New returns a Recorder. botUserID is Praxis's own user, whose messages are
// kept apart as bot messages. profiles may be nil (import, tests): members
// are then recorded with their id only; otherwise Run must run for the
// profiles of the members behind contributions to be fetched.
func New(st *store.Store, dir *bot.Directory, profiles Profiles, botUserID string, d bot.Deps) *Recorder {
	d = d.For("record")
	r := &Recorder{st: st, dir: dir, botUser: botUserID, log: d.Log}
	if profiles != nil {
		r.profiles = newProfileSync(profiles, st, d)
	}
	return r
}

// Run fetches in the background the profiles Prepare asked for, until ctx
// ends.
func (r *Recorder) Run(ctx context.Context) error {
	if r.profiles == nil {
		<-ctx.Done()
		return nil
	}
	return r.profiles.run(ctx)
}

// Prepare syncs the profile of the member behind an event, then hands on
// the step that records it (Record), if it is a contribution in a mapped
// channel.
func (r *Recorder) Prepare(ctx context.Context, ev bot.Event) (dispatch.Step, error) {
	r.sync(ctx, ev)
	if !r.records(ev) {
		return nil, nil
	}
	return func(ctx context.Context, tx *store.Tx) error { return r.Record(ctx, ev, tx) }, nil
}

// records reports whether an event is one the recorder keeps: a
// contribution in a mapped channel.
func (r *Recorder) records(ev bot.Event) bool {
	if !ev.IsContribution() {
		return false
	}
	_, ok := r.dir.Of(ev.Channel)
	return ok
}

// sync syncs the profile of the member behind an event when it is unknown
// or stale (always on a profile change): in the background for a
// contribution, which is recorded meanwhile; before the answer for a
// request, which is answered in the member's language. It is best effort.
func (r *Recorder) sync(ctx context.Context, ev bot.Event) {
	if r.profiles == nil || ev.User == "" || ev.BotID != "" {
		return
	}
	force := ev.Kind == bot.KindMemberChange
	if !force && !r.profiles.stale(ctx, ev.User) {
		return
	}
	if force || ev.IsContribution() {
		r.profiles.fetchLater(ev.User)
		return
	}
	r.profiles.fetch(ctx, ev.User)
}

// Record records one event inside the caller's transaction, with no
// network: the dispatcher's step, and how back-fills and imports write.
// Events that are not contributions in a mapped channel are ignored.
func (r *Recorder) Record(ctx context.Context, ev bot.Event, tx *store.Tx) error {
	if !r.records(ev) {
		return nil
	}
	at := ev.Time
	if t, ok := store.ParseTS(ev.TS); ok && (ev.Kind == bot.KindMessage || at.IsZero()) {
		at = t
	}
	switch ev.Kind {
	case bot.KindMessage, bot.KindEdit:
		return r.message(ctx, ev, at, tx)
	case bot.KindDelete:
		if ev.TS == "" {
			return nil
		}
		if err := tx.DeleteMessage(ctx, ev.Channel, ev.TS, at); err != nil {
			return err
		}
		return tx.RemoveResources(ctx, ev.Channel, ev.TS)
	case bot.KindReactionAdded, bot.KindReactionRemoved:
		if ev.TS == "" || ev.User == "" {
			return nil
		}
		rx := store.Reaction{
			ChannelID: ev.Channel,
			MessageTS: ev.TS,
			UserID:    ev.User,
			Name:      ev.Reaction,
			ItemUser:  ev.ItemUser,
			At:        ev.Time,
		}
		if ev.Kind == bot.KindReactionRemoved {
			return tx.RemoveReaction(ctx, rx)
		}
		if err := tx.SeeMember(ctx, ev.User, ev.Time); err != nil {
			return err
		}
		return tx.AddReaction(ctx, rx)
	case bot.KindJoin, bot.KindLeave:
		ts := ev.TS
		if ts == "" {
			ts = fmt.Sprintf("%d.000000", ev.Time.Unix())
		}
		if err := tx.SeeMember(ctx, ev.User, ev.Time); err != nil {
			return err
		}
		return tx.Membership(ctx, ev.Channel, ev.User, ev.Kind == bot.KindJoin, ts, ev.Time)
	case bot.KindRename:
		return tx.RenameChannel(ctx, ev.Channel, ev.Name, ev.Time)
	case bot.KindPin:
		if ev.TS == "" {
			return nil
		}
		return tx.Pin(ctx, ev.Channel, ev.TS, ev.User, ev.Time)
	case bot.KindUnpin:
		return tx.Unpin(ctx, ev.Channel, ev.TS, ev.Time)
	}
	return nil
}

func (r *Recorder) message(ctx context.Context, ev bot.Event, at time.Time, tx *store.Tx) error {
	if ev.TS == "" {
		r.log.Debug("message without ts ignored", "event_id", ev.ID, "channel_id", ev.Channel)
		return nil
	}
	// The one cap on message text, for live events, back-fills and imports
	// alike: Slack's own limit, so only a broken or hostile text is cut.
	if text, capped := store.CapText(ev.Text); capped {
		r.log.Info("message text capped", "channel_id", ev.Channel, "ts", ev.TS, "bytes", len(ev.Text))
		ev.Text, ev.Terms, ev.Links = text, "", bot.Links(text)
	}
	isBot := ev.BotID != "" || ev.Subtype == "bot_message" || (r.botUser != "" && ev.User == r.botUser)
	// A message is dated by its ts, an edit included: an edit of a message
	// Praxis never stored (posted before it listened) creates it at its own
	// date, not the edit's, so retention and the reports date it right.
	posted := at
	if t, ok := store.ParseTS(ev.TS); ok {
		posted = t
	}
	m := store.Message{ChannelID: ev.Channel, TS: ev.TS, ThreadTS: ev.ThreadTS, UserID: ev.User, Text: ev.Text,
		Subtype: ev.Subtype, IsBot: isBot, EditedTS: ev.EditedTS, PostedAt: posted, Terms: ev.Terms}
	if ev.Kind == bot.KindEdit {
		m.Subtype = ""
		if m.EditedTS == "" {
			m.EditedTS = m.TS // as EditMessage dates it
		}
		if err := tx.EditMessage(ctx, m); err != nil {
			return err
		}
	} else if err := tx.PutMessage(ctx, m); err != nil {
		return err
	}
	if isBot {
		return nil
	}
	if err := tx.SeeMember(ctx, ev.User, at); err != nil {
		return err
	}
	if ev.Subtype == "channel_join" || ev.Subtype == "channel_leave" {
		if err := tx.Membership(ctx, ev.Channel, ev.User, ev.Subtype == "channel_join", ev.TS, at); err != nil {
			return err
		}
	}
	// A link or file is shared when its message is posted, whichever of the
	// message and its edits (an unfurl adds attachments) arrives first.
	version := m.EditedTS
	for _, l := range ev.Links {
		if err := tx.AddResource(ctx, store.Resource{Kind: "link", URL: l.URL, Title: l.Title, UserID: ev.User,
			ChannelID: ev.Channel, MessageTS: ev.TS, SharedAt: posted, Version: version}); err != nil {
			return err
		}
	}
	for _, f := range ev.Files {
		url := f.URL
		if url == "" {
			url = "slack-file:" + f.ID
		}
		title := f.Title
		if title == "" {
			title = f.Name
		}
		if err := tx.AddResource(ctx, store.Resource{Kind: "file", URL: url, Title: title, UserID: ev.User,
			ChannelID: ev.Channel, MessageTS: ev.TS, SharedAt: posted, Version: version}); err != nil {
			return err
		}
	}
	return nil
}
