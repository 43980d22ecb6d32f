package slackio

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot"
	"praxis/store"
)

// Directory answers questions about the workspace through the Web API:
// who the bot is, members' profiles, and which channel a #name designates.
type Directory struct {
	api *slack.Client
}

// NewDirectory returns a Directory over a slack-go client.
func NewDirectory(api *slack.Client) *Directory { return &Directory{api: api} }

// Identity is the bot's own identity in the workspace.
type Identity struct {
	UserID, BotID, TeamID, Team string
	URL                         string // the workspace's URL, "https://acme.slack.com/"
}

// Whoami calls auth.test.
func (d *Directory) Whoami(ctx context.Context) (Identity, error) {
	r, err := d.api.AuthTestContext(ctx)
	if err != nil {
		return Identity{}, fmt.Errorf("auth.test: %w", err)
	}
	return Identity{UserID: r.UserID, BotID: r.BotID, TeamID: r.TeamID, Team: r.Team, URL: r.URL}, nil
}

// Profile fetches a member's profile with users.info (locale included),
// and their team and site with users.profile.get (see OrgFields), which
// alone gives the custom fields.
func (d *Directory) Profile(ctx context.Context, userID string) (store.Member, error) {
	u, err := d.api.GetUserInfoContext(ctx, userID)
	if err != nil {
		return store.Member{}, fmt.Errorf("users.info %s: %w", userID, err)
	}
	m := store.Member{
		ID:          u.ID,
		Name:        u.Name,
		RealName:    u.RealName,
		DisplayName: u.Profile.DisplayName,
		TZ:          u.TZ,
		Locale:      u.Locale,
		IsBot:       u.IsBot || u.ID == "USLACKBOT",
		Deleted:     u.Deleted,
		Status:      strings.TrimSpace(u.Profile.StatusEmoji + " " + u.Profile.StatusText),
	}
	if m.Team, m.Site, err = d.orgFields(ctx, userID); err != nil {
		return store.Member{}, err
	}
	if u.Profile.StatusExpiration > 0 {
		m.StatusExpires = time.Unix(int64(u.Profile.StatusExpiration), 0).UTC()
	}
	return m, nil
}

// orgFields reads a member's team and site with users.profile.get. Slack
// asking to slow down is an error (the profile sync pauses and tries
// again); any other failure, such as a token without the
// users.profile:read scope, leaves them unknown rather than losing the
// rest of the profile.
func (d *Directory) orgFields(ctx context.Context, userID string) (team, site string, err error) {
	p, err := d.api.GetUserProfileContext(ctx, &slack.GetUserProfileParameters{UserID: userID, IncludeLabels: true})
	if _, limited := RetryAfter(err); limited {
		return "", "", fmt.Errorf("users.profile.get %s: %w", userID, err)
	}
	if err != nil {
		return "", "", nil
	}
	team, site = OrgFields(*p)
	return team, site, nil
}

// ResolveChannels maps configured channel references (ids or #names) to
// channel ids, names and privacy. Ids are kept as given (one that
// conversations.list does not give is private); names are looked up with
// conversations.list. It returns the references it could not resolve.
func (d *Directory) ResolveChannels(ctx context.Context, refs []string) (map[string]bot.Channel, []string, error) {
	out := map[string]bot.Channel{}
	byName := map[string]string{}
	for _, ref := range refs {
		if name, ok := strings.CutPrefix(ref, "#"); ok {
			byName[name] = ref
		} else {
			out[ref] = bot.Channel{ID: ref}
		}
	}
	cursor := ""
	for page := 0; page < 1000; page++ {
		chs, next, err := d.api.GetConversationsContext(ctx, &slack.GetConversationsParameters{Cursor: cursor, Limit: 1000,
			Types: []string{"public_channel", "private_channel"}})
		if err != nil {
			return nil, nil, fmt.Errorf("conversations.list: %w", err)
		}
		for _, ch := range chs {
			if ref, ok := byName[ch.Name]; ok {
				out[ref] = bot.Channel{ID: ch.ID, Name: ch.Name, Private: ch.IsPrivate}
				delete(byName, ch.Name)
			}
			for ref, c := range out {
				if c.ID == ch.ID && c.Name == "" {
					out[ref] = bot.Channel{ID: ch.ID, Name: ch.Name, Private: ch.IsPrivate}
				}
			}
		}
		if next == "" {
			break
		}
		cursor = next
	}
	// conversations.list gives every public channel, and the private ones
	// Praxis is in: an id it did not give is a private channel Praxis is
	// not in (yet), so it is recorded as private, never as public.
	for ref, c := range out {
		if c.Name == "" {
			c.Private = true
			out[ref] = c
		}
	}
	var missing []string
	for _, ref := range byName {
		missing = append(missing, ref)
	}
	return out, missing, nil
}

// RetryAfter tells whether a Profile error is Slack asking to slow down,
// and for how long: the recorder's background profile sync pauses then.
func (d *Directory) RetryAfter(err error) (time.Duration, bool) { return RetryAfter(err) }
