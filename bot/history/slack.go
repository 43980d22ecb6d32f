package history

import (
	"context"
	"fmt"
	"slices"
	"time"

	"golang.org/x/time/rate"

	"praxis/bot/slackio"
	"praxis/store"
)

// Reading Slack without a store, for `praxis discover --slack`: the
// public channels the bot is in, their members, the workspace's members
// and each channel's history over a window, as Export's reading gives
// them, held in memory only and under bounds of the same kind.

// Workspace is what a Slack reading asks of Slack (slackio.Directory).
type Workspace interface {
	Source
	PublicChannels(ctx context.Context, cursor string, limit int) ([]slackio.ChannelInfo, string, error)
	ChannelMembers(ctx context.Context, channel, cursor string, limit int) ([]string, string, error)
	Users(ctx context.Context, cursor string, limit int) ([]store.Member, string, error)
}

var _ Workspace = (*slackio.Directory)(nil)

// SlackOptions tune a Slack reading.
type SlackOptions struct {
	// Rate is the Tier 3 calls per second (conversations.history, .replies,
	// .members), as the back-fill's; conversations.list and users.list,
	// Tier 2, go at two fifths of it. Default 0.8.
	Rate float64
	// Oldest is the start of the window read; messages before it are not.
	Oldest time.Time
	// Bot is the bot's user id, left out of the channels' members.
	Bot      string
	PageSize int // default 200
}

// Slack reads what the bot can read of a workspace through the Web API,
// paced as the back-fill is (Retry-After waited out). Nothing is recorded.
type Slack struct {
	src          Workspace
	opts         SlackOptions
	oldest       string
	tier2, tier3 *rate.Limiter
	lim          slackLimits
}

// slackLimits bound what reading one channel holds: its window's top-level
// messages, newest first, until one of them is reached (a thread's replies
// are handed on as they come).
type slackLimits struct {
	messages, bytes int
	conversations   int
}

var defaultSlackLimits = slackLimits{messages: 1_000_000, bytes: 128 << 20,
	conversations: defaultLimits.conversations}

// NewSlack returns a Slack reading of src.
func NewSlack(src Workspace, opts SlackOptions) *Slack {
	if opts.Rate <= 0 {
		opts.Rate = 0.8
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 200
	}
	return &Slack{src: src, opts: opts, oldest: fmt.Sprintf("%d.000000", opts.Oldest.Unix()),
		tier3: rate.NewLimiter(rate.Limit(opts.Rate), 1), tier2: rate.NewLimiter(rate.Limit(opts.Rate*2/5), 1),
		lim: defaultSlackLimits}
}

// PublicChannels lists the public channels the bot is in, with their
// purpose and members (the bot left out, as it is in no community).
func (s *Slack) PublicChannels(ctx context.Context) ([]Channel, error) {
	var out []Channel
	cursor := ""
	for {
		page, next, err := paced(ctx, s.tier2, func(ctx context.Context) ([]slackio.ChannelInfo, string, error) {
			return s.src.PublicChannels(ctx, cursor, s.opts.PageSize)
		})
		if err != nil {
			return nil, err
		}
		for _, c := range page {
			if c.Member && len(out) < s.lim.conversations {
				purpose, _ := store.CapText(c.Purpose)
				out = append(out, Channel{ID: c.ID, Name: c.Name, Purpose: purpose})
			}
		}
		if cursor = next; cursor == "" {
			break
		}
	}
	for i := range out {
		members, err := s.members(ctx, out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].Members = members
	}
	return out, nil
}

func (s *Slack) members(ctx context.Context, channel string) ([]string, error) {
	var out []string
	cursor := ""
	for {
		page, next, err := paced(ctx, s.tier3, func(ctx context.Context) ([]string, string, error) {
			return s.src.ChannelMembers(ctx, channel, cursor, 1000)
		})
		if err != nil {
			return nil, err
		}
		out = append(out, slices.DeleteFunc(page, func(id string) bool { return id == s.opts.Bot })...)
		if cursor = next; cursor == "" || len(out) >= defaultLimits.members {
			return out, nil
		}
	}
}

// Members lists the workspace's members (users.list).
func (s *Slack) Members(ctx context.Context) ([]store.Member, error) {
	var out []store.Member
	cursor := ""
	for {
		page, next, err := paced(ctx, s.tier2, func(ctx context.Context) ([]store.Member, string, error) {
			return s.src.Users(ctx, cursor, s.opts.PageSize)
		})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if cursor = next; cursor == "" || len(out) >= defaultLimits.members {
			return out, nil
		}
	}
}

// ReadChannel calls fn with each message of a channel posted since the
// window's start: its top-level messages oldest first, each followed by
// its thread's replies (inchannel.Shape's order, as an export's day files
// give it), and returns what could not be read. Texts are capped as the
// import caps them. fn's error stops the reading.
func (s *Slack) ReadChannel(ctx context.Context, c Channel, fn func(store.ChannelMessage) error) ([]string, error) {
	top, problems, err := s.topLevel(ctx, c)
	if err != nil {
		return problems, err
	}
	for i := len(top) - 1; i >= 0; i-- {
		if err := fn(top[i].ChannelMessage); err != nil {
			return problems, err
		}
		if top[i].thread {
			if err := s.replies(ctx, c.ID, top[i].TS, fn); err != nil {
				return problems, err
			}
		}
		top[i] = heldMessage{}
	}
	return problems, nil
}

// heldMessage is a top-level message waiting for its turn, and whether
// its thread has replies to read.
type heldMessage struct {
	store.ChannelMessage
	thread bool
}

// topLevel reads the window's top-level messages, newest first, up to the
// limits. A reply also sent to the channel is read with its thread,
// unless that thread started before the window.
func (s *Slack) topLevel(ctx context.Context, c Channel) ([]heldMessage, []string, error) {
	var out []heldMessage
	held, cursor := 0, ""
	for {
		page, next, err := paced(ctx, s.tier3, func(ctx context.Context) ([]slackio.Message, string, error) {
			return s.src.History(ctx, c.ID, s.oldest, cursor, s.opts.PageSize)
		})
		if err != nil {
			return nil, nil, err
		}
		for _, m := range page {
			cm, ok := said(m)
			if !ok || s.inThread(cm) {
				continue
			}
			if len(out) == s.lim.messages || held > s.lim.bytes {
				return out, []string{fmt.Sprintf("#%s: only the newest %d messages read (more would not fit in memory)",
					c.Name, len(out))}, nil
			}
			held += len(cm.Text) + len(cm.TS) + len(cm.ThreadTS) + len(cm.UserID) + 128
			out = append(out, heldMessage{ChannelMessage: cm, thread: m.ReplyCount > 0})
		}
		if cursor = next; cursor == "" {
			return out, nil, nil
		}
	}
}

// inThread reports whether m, read in a channel's history, is a reply
// also sent to the channel whose thread started in the window: it is read
// with its thread.
func (s *Slack) inThread(m store.ChannelMessage) bool {
	if m.ThreadTS == "" || m.ThreadTS == m.TS {
		return false
	}
	started, ok := store.ParseTS(m.ThreadTS)
	return ok && started.After(s.opts.Oldest)
}

// replies hands on a thread's replies, oldest first, without its parent.
func (s *Slack) replies(ctx context.Context, channel, ts string, fn func(store.ChannelMessage) error) error {
	cursor := ""
	for {
		page, next, err := paced(ctx, s.tier3, func(ctx context.Context) ([]slackio.Message, string, error) {
			return s.src.Replies(ctx, channel, ts, s.oldest, cursor, s.opts.PageSize)
		})
		if err != nil {
			return err
		}
		for _, m := range page {
			if cm, ok := said(m); ok && cm.TS != ts {
				if err := fn(cm); err != nil {
					return err
				}
			}
		}
		if cursor = next; cursor == "" {
			return nil
		}
	}
}

// said is a message read back from Slack as discovery reads an export's:
// who said what, when, in which thread, its text capped.
func said(m slackio.Message) (store.ChannelMessage, bool) {
	if len(m.Events) == 0 {
		return store.ChannelMessage{}, false
	}
	ev := m.Events[0]
	at, ok := store.ParseTS(ev.TS)
	if !ok {
		return store.ChannelMessage{}, false
	}
	text, _ := store.CapText(ev.Text)
	return store.ChannelMessage{TS: ev.TS, ThreadTS: ev.ThreadTS, UserID: ev.User, Text: text, Subtype: ev.Subtype,
		IsBot: ev.BotID != "" || ev.Subtype == "bot_message", PostedAt: at}, true
}
