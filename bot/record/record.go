// Package record turns contributions in mapped channels into rows: messages,
// thread replies, edits, deletions, reactions, joins, links and files.
package record

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"praxis/bot"
	"praxis/store"
)

// Profiles looks members up in Slack (users.info). It crosses the network.
type Profiles interface {
	Profile(ctx context.Context, userID string) (store.Member, error)
}

// Recorder applies contribution events to the store.
type Recorder struct {
	st       *store.Store
	mapping  *bot.Mapping
	profiles Profiles
	log      *slog.Logger
	botUser  string
	ttl      time.Duration

	mu     sync.Mutex
	synced map[string]time.Time // member id → last profile sync by this process
}

// New returns a Recorder. botUserID is Praxis's own user, whose messages are
// kept apart as bot messages. profiles may be nil (import, tests): members
// are then recorded with their id only.
func New(st *store.Store, mapping *bot.Mapping, profiles Profiles, botUserID string, log *slog.Logger) *Recorder {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Recorder{st: st, mapping: mapping, profiles: profiles, botUser: botUserID, log: log,
		ttl: 24 * time.Hour, synced: map[string]time.Time{}}
}

// Prepare syncs the profile of the member behind an event when it is unknown
// or stale. It is best effort: a failure is logged and recording goes on.
func (r *Recorder) Prepare(ctx context.Context, ev bot.Event) {
	if r.profiles == nil || ev.User == "" || ev.BotID != "" {
		return
	}
	force := ev.Kind == bot.KindMemberChange
	if !force && !r.stale(ctx, ev.User) {
		return
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	m, err := r.profiles.Profile(pctx, ev.User)
	if err != nil {
		r.log.Warn("member profile sync failed", "member_id", ev.User, "err", err)
		return
	}
	if err := r.st.PutMember(ctx, m); err != nil {
		r.log.Warn("member profile not stored", "member_id", ev.User, "err", err)
		return
	}
	r.mu.Lock()
	r.synced[ev.User] = time.Now()
	r.mu.Unlock()
}

func (r *Recorder) stale(ctx context.Context, id string) bool {
	r.mu.Lock()
	at, ok := r.synced[id]
	r.mu.Unlock()
	if ok {
		return time.Since(at) > r.ttl
	}
	m, err := r.st.Member(ctx, id)
	if err != nil || m.SyncedAt.IsZero() || r.st.Now().Sub(m.SyncedAt) > r.ttl {
		return true
	}
	r.mu.Lock()
	r.synced[id] = time.Now().Add(-r.st.Now().Sub(m.SyncedAt))
	r.mu.Unlock()
	return false
}

// Apply records one event inside the caller's transaction. Events that are
// not contributions in a mapped channel are ignored.
func (r *Recorder) Apply(ctx context.Context, ev bot.Event, tx *store.Tx) error {
	if !ev.IsContribution() {
		return nil
	}
	if _, ok := r.mapping.Community(ev.Channel); !ok {
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
		rx := store.Reaction{ChannelID: ev.Channel, MessageTS: ev.TS, UserID: ev.User, Name: ev.Reaction, ItemUser: ev.ItemUser, At: ev.Time}
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
		return tx.RenameChannel(ctx, ev.Channel, ev.Name)
	case bot.KindPin:
		if ev.TS == "" {
			return nil
		}
		return tx.Pin(ctx, ev.Channel, ev.TS, ev.User, ev.Time)
	case bot.KindUnpin:
		return tx.Unpin(ctx, ev.Channel, ev.TS)
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
	for _, l := range ev.Links {
		if err := tx.AddResource(ctx, store.Resource{Kind: "link", URL: l.URL, Title: l.Title, UserID: ev.User,
			ChannelID: ev.Channel, MessageTS: ev.TS, SharedAt: at}); err != nil {
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
			ChannelID: ev.Channel, MessageTS: ev.TS, SharedAt: at}); err != nil {
			return err
		}
	}
	return nil
}
