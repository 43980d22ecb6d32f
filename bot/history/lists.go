package history

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"time"

	"praxis/bot"
	"praxis/bot/record"
	"praxis/store"
)

// The export's lists: users.json, and the conversations (channels.json,
// groups.json, mpims.json, dms.json) with who is in each.

// conv is a conversation listed in the export.
type conv struct {
	ID, Name, Folder string
	Private          bool // groups, mpims and DMs
}

// convFiles are the lists of conversations; all but channels.json are
// optional. A DM has no name: its folder is its id.
var convFiles = []struct {
	file    string
	private bool
	byID    bool
}{{"channels.json", false, false}, {"groups.json", true, false}, {"mpims.json", true, false}, {"dms.json", true, true}}

// memberBatch is how many members are written per transaction.
const memberBatch = 1000

// importMembers stores users.json and returns the ids stored, to report
// messages by members it does not list (nil when it lists none, or more
// than limits.members). A member that cannot be read is skipped, the rest
// kept; the summary counts only the members stored.
func importMembers(ctx context.Context, st *store.Store, e *Export, sum *Summary) (*keySet, error) {
	r, err := e.Open("users.json")
	if errors.Is(err, fs.ErrNotExist) {
		sum.Errors = append(sum.Errors, "users.json: missing; members are recorded with their ids only")
		return nil, nil
	}
	if err != nil {
		sum.Errors = append(sum.Errors, fmt.Sprintf("users.json: %v; members are recorded with their ids only", err))
		return nil, nil
	}
	defer r.Close()
	known := newKeySet()
	odd := map[string]int{} // fields of the wrong type → members
	var batch []store.Member
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := st.ImportMembers(ctx, batch); err != nil {
			return err
		}
		sum.Members += len(batch)
		for _, m := range batch {
			if known != nil {
				known.add(m.ID)
			}
		}
		if known != nil && known.len() > e.lim.members {
			known = nil // too many to remember: messages by absent members go uncounted
		}
		batch = batch[:0]
		return nil
	}
	err = eachElement(newArrayReader(r, e.lim.listElement, e.lim.literal), func(u wireUser) error {
		if u.ID == "" {
			sum.skip("user without id", 1)
			return nil
		}
		batch = append(batch, u.member())
		if len(batch) == memberBatch {
			return flush()
		}
		return nil
	}, func(err error) { sum.skip("users.json: member that could not be read ("+errKind(err)+")", 1) },
		func(what string) { odd[what+", kept without it"]++ })
	sum.problems("users.json", "member", odd)
	if ferr := flush(); err == nil { // what was read before a broken end is kept
		err = ferr
	}
	if err != nil {
		sum.Errors = append(sum.Errors, fmt.Sprintf("users.json: %v", err))
	}
	if known != nil && known.len() == 0 {
		known = nil
	}
	return known, ctx.Err()
}

// listConversations reads the lists of conversations, without their
// members (see importChannelMembers), at most limits.conversations.
func listConversations(e *Export, sum *Summary) []conv {
	var out []conv
	for _, src := range convFiles {
		r, err := e.Open(src.file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			sum.Errors = append(sum.Errors, fmt.Sprintf("%s: %v", src.file, err))
			continue
		}
		odd := map[string]int{} // fields of the wrong type → conversations
		err = eachElement(newArrayReader(r, e.lim.listElement, e.lim.literal), func(c wireConv) error {
			if c.ID == "" {
				return nil
			}
			if len(out) == e.lim.conversations {
				return fmt.Errorf("more than %d conversations: the rest are not imported", e.lim.conversations)
			}
			folder := c.Name
			if src.byID || folder == "" {
				folder = c.ID
			}
			out = append(out, conv{ID: c.ID, Name: c.Name, Folder: folder, Private: src.private})
			return nil
		}, func(err error) { sum.skip(src.file+": conversation that could not be read ("+errKind(err)+")", 1) },
			func(what string) { odd[what+", kept without it"]++ })
		r.Close()
		sum.problems(src.file, "conversation", odd)
		if err != nil {
			sum.Errors = append(sum.Errors, fmt.Sprintf("%s: %v", src.file, err))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Folder < out[j].Folder })
	return out
}

// importChannelMembers reads the lists of conversations again for who is
// in each mapped one (readers included), and stores them a channel at a
// time: a channel may list a million members, and most are not mapped.
func importChannelMembers(ctx context.Context, st *store.Store, e *Export, dir *bot.Directory) (int, error) {
	total := 0
	for _, src := range convFiles {
		r, err := e.Open(src.file)
		if err != nil {
			continue // reported by listConversations
		}
		var failed error // the store's; a broken list was reported by listConversations
		eachElement(newArrayReader(r, e.lim.listElement, e.lim.literal), func(c wireChannel) error {
			if _, ok := dir.Of(c.ID); !ok || len(c.Members) == 0 {
				return nil
			}
			n, err := st.ImportChannelMembers(ctx, map[string][]string{c.ID: c.Members})
			total, failed = total+n, err
			return err
		}, func(error) {}, nil)
		r.Close()
		if failed != nil {
			return total, failed
		}
	}
	return total, ctx.Err()
}

// ResolveChannels maps channel references (ids, or names with "#") to the
// export's channels, as run resolves them against the workspace, and
// returns the references the export lacks.
func (e *Export) ResolveChannels(refs []string) (map[string]bot.Channel, []string) {
	byName, byID := map[string]conv{}, map[string]conv{}
	for _, c := range listConversations(e, &Summary{Skipped: map[string]int{}}) {
		byName[c.Name], byID[c.ID] = c, c
	}
	out := map[string]bot.Channel{}
	var missing []string
	for _, ref := range refs {
		c, ok := byID[ref]
		if name, isName := strings.CutPrefix(ref, "#"); isName {
			c, ok = byName[name]
		}
		if !ok {
			missing = append(missing, ref)
			continue
		}
		out[ref] = bot.Channel{ID: c.ID, Name: c.Name, Private: c.Private}
	}
	return out, missing
}

// mapCommunities records the communities (with --all-channels, one more
// per public channel none has) and returns their directory.
func mapCommunities(ctx context.Context, st *store.Store, convs []conv, opts Options,
	sum *Summary) (*bot.Directory, error) {
	for _, ref := range opts.Absent {
		sum.skip("configured channel absent from the export: "+ref, 1)
	}
	cs := slices.Clone(opts.Communities)
	mapped := map[string]bool{}
	for _, c := range cs {
		for _, ch := range c.Channels {
			mapped[ch.ID] = true
		}
	}
	if opts.AllChannels {
		for _, c := range convs {
			if mapped[c.ID] || c.Private {
				continue
			}
			cs = append(cs, bot.Community{Name: "#" + c.Name, Language: "en", Loc: time.UTC,
				Channels: []bot.Channel{{ID: c.ID, Name: c.Name}}})
			mapped[c.ID] = true
		}
	}
	if err := record.AddCommunities(ctx, st, cs); err != nil {
		return nil, err
	}
	return bot.NewDirectory(cs, bot.Community{Language: "en", Loc: time.UTC}, nil), nil
}
