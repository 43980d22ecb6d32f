package bot

import (
	"context"
	"slices"

	"praxis/bot/i18n"
)

// People reads what tells the language a member reads (the store, in
// production: see record.People): a function rather than the store itself,
// so that the vocabulary of the bot depends on no implementation.
type People func(ctx context.Context, member string) (Reader, error)

// Reader is what Praxis knows of a member that tells the language they
// read.
type Reader struct {
	Chosen   string   // their choice in Praxis (on the Home tab); "" for none
	Locale   string   // their Slack locale ("fr-FR"); "" when unknown
	Channels []string // the communities' channels they are in
}

// Lang is the language member reads in channel (a DM, or "" when the
// message is about no channel, is in no community): see Pick, with what
// the directory's People read of them. A member they cannot read is one
// Praxis knows nothing of.
func (d *Directory) Lang(ctx context.Context, member, channel string) string {
	var r Reader
	if d.people != nil && member != "" {
		if read, err := d.people(ctx, member); err == nil {
			r = read
		}
	}
	return d.Pick(r, channel)
}

// Pick is the one answer to "which language does this member read?", the
// most specific first: the language they chose in Praxis, else their Slack
// locale, else the language of the channel's community, else that of the
// first of their communities (in the configuration's order), else the
// workspace's. Every message to a member is written in it; a message to a
// channel, in Pick(Reader{}, channel).
func (d *Directory) Pick(r Reader, channel string) string {
	switch {
	case r.Chosen != "":
		return i18n.Lang(r.Chosen)
	case r.Locale != "":
		return i18n.Lang(r.Locale)
	}
	if c, ok := d.Of(channel); ok && c.Language != "" {
		return i18n.Lang(c.Language)
	}
	if c, ok := d.First(slices.Values(r.Channels)); ok && c.Language != "" {
		return i18n.Lang(c.Language)
	}
	return i18n.Lang(d.fallback.Language)
}
