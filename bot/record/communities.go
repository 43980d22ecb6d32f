package record

import (
	"context"

	"praxis/bot"
	"praxis/store"
)

// SyncCommunities records cs as the communities Praxis runs: each upserted
// by name with its channels, and the channels no longer in any of them
// detached (their history stays). See store.SyncCommunities.
func SyncCommunities(ctx context.Context, st *store.Store, cs []bot.Community) error {
	_, err := st.SyncCommunities(ctx, rows(cs))
	return err
}

// AddCommunities records cs and their channels, leaving the other channels
// as they are: an import adds to what run configured.
func AddCommunities(ctx context.Context, st *store.Store, cs []bot.Community) error {
	_, err := st.AddCommunities(ctx, rows(cs))
	return err
}

// rows are the store's records of cs.
func rows(cs []bot.Community) []store.Community {
	out := make([]store.Community, 0, len(cs))
	for _, c := range cs {
		sc := store.Community{Name: c.Name, Vocation: c.Vocation, Language: c.Language, Timezone: c.Loc.String(),
			Channels: map[string]string{}, Private: map[string]bool{}}
		for _, ch := range c.Channels {
			sc.Channels[ch.ID], sc.Private[ch.ID] = ch.Name, ch.Private
		}
		out = append(out, sc)
	}
	return out
}

// People reads members' language facts from what was recorded of them:
// their choice on the Home tab, their Slack locale (the profiles the
// recorder syncs) and their channels. It is the directory's People.
func People(st *store.Store) bot.People {
	return func(ctx context.Context, member string) (bot.Reader, error) {
		r, err := st.Reader(ctx, member)
		return bot.Reader{Chosen: r.Chosen, Locale: r.Locale, Channels: r.Channels}, err
	}
}
