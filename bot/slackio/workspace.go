package slackio

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"praxis/store"
)

// What `praxis discover --slack` reads of a workspace besides history: the
// public channels, who is in them and the members' names, a page at a time
// so that the caller paces the calls (bot/history).

// ChannelInfo is a public channel as conversations.list gives it.
type ChannelInfo struct {
	ID, Name, Purpose string
	Member            bool // the bot is in it
}

// PublicChannels reads one page of the workspace's public channels
// (conversations.list, types=public_channel, archived ones left out), and
// returns the next cursor ("" at the end).
func (d *Directory) PublicChannels(ctx context.Context, cursor string, limit int) ([]ChannelInfo, string, error) {
	chs, next, err := d.api.GetConversationsContext(ctx, &slack.GetConversationsParameters{Cursor: cursor,
		Limit: limit, ExcludeArchived: true, Types: []string{"public_channel"}})
	if err != nil {
		return nil, "", fmt.Errorf("conversations.list: %w", err)
	}
	out := make([]ChannelInfo, 0, len(chs))
	for _, c := range chs {
		if c.IsPrivate || c.IsIM || c.IsMpIM {
			continue
		}
		out = append(out, ChannelInfo{ID: c.ID, Name: c.Name, Purpose: c.Purpose.Value, Member: c.IsMember})
	}
	return out, next, nil
}

// ChannelMembers reads one page of a channel's members
// (conversations.members).
func (d *Directory) ChannelMembers(ctx context.Context, channel, cursor string, limit int) ([]string, string, error) {
	ids, next, err := d.api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{
		ChannelID: channel, Cursor: cursor, Limit: limit})
	if err != nil {
		return nil, "", fmt.Errorf("conversations.members %s: %w", channel, err)
	}
	return ids, next, nil
}

// Users reads one page of the workspace's members (users.list): their
// names, as the profile sync records them.
func (d *Directory) Users(ctx context.Context, cursor string, limit int) ([]store.Member, string, error) {
	p := d.api.GetUsersPaginated(slack.GetUsersOptionLimit(limit))
	p.Cursor = cursor
	p, err := p.Next(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("users.list: %w", err)
	}
	out := make([]store.Member, 0, len(p.Users))
	for _, u := range p.Users {
		out = append(out, store.Member{ID: u.ID, Name: u.Name, RealName: u.RealName,
			DisplayName: u.Profile.DisplayName, IsBot: u.IsBot || u.ID == "USLACKBOT", Deleted: u.Deleted})
	}
	return out, p.Cursor, nil
}

// MissingScope tells whether err is Slack refusing a call because the
// token lacks a scope, and which one it needs (as Slack says, "" when it
// does not).
func MissingScope(err error) (string, bool) {
	var e slack.SlackErrorResponse
	if errors.As(err, &e) && e.Err == "missing_scope" {
		return e.Needed, true
	}
	return "", false
}

// Refused tells whether err is Slack refusing the token itself (unset,
// invalid, revoked, or not a bot token).
func Refused(err error) bool {
	var e slack.SlackErrorResponse
	if !errors.As(err, &e) {
		return false
	}
	switch e.Err {
	case "not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type":
		return true
	}
	return false
}
