package report

import (
	"context"
	"slices"

	"praxis/bot/i18n"
	"praxis/store"
)

// readerCatalog is what a reader's view of a report says in place of
// what they may not read.
var readerCatalog = i18n.Catalog{
	"en": {"private_question": "(asked in a private channel you are not in)"},
	"fr": {"private_question": "(posée dans un canal privé dont vous n'êtes pas membre)"},
}

// ForReader returns r as a member may read it: the open questions of a
// private channel they are not in keep their age and link but not their
// words. Reports go to facilitators, who may not be in every channel of
// their community; the weekly DM, /praxis report and the Home all show
// them this view. r itself is not changed (it may be shared).
func ForReader(ctx context.Context, st *store.Store, r *Report, member string) (*Report, error) {
	private, err := st.PrivateChannels(ctx)
	if err != nil || len(private) == 0 {
		return r, err
	}
	chans, err := st.MemberChannels(ctx, member)
	if err != nil {
		return nil, err
	}
	in := map[string]bool{}
	for _, ch := range chans {
		in[ch] = true
	}
	out := *r
	out.Questions.Open = slices.Clone(r.Questions.Open)
	for i, q := range out.Questions.Open {
		if private[q.Channel] && !in[q.Channel] {
			out.Questions.Open[i].Text = readerCatalog.T(i18n.Lang(r.Language), "private_question")
		}
	}
	return &out, nil
}
