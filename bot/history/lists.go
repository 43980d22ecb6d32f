package history

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"praxis/bot"
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
	}, func(err error) { sum.skip("users.json: member that could not be read ("+errKind(err)+")", 1) })
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
		}, func(err error) { sum.skip(src.file+": conversation that could not be read ("+errKind(err)+")", 1) })
		r.Close()
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
func importChannelMembers(ctx context.Context, st *store.Store, e *Export, mapping *bot.Mapping) (int, error) {
	total := 0
	for _, src := range convFiles {
		r, err := e.Open(src.file)
		if err != nil {
			continue // reported by listConversations
		}
		var failed error // the store's; a broken list was reported by listConversations
		eachElement(newArrayReader(r, e.lim.listElement, e.lim.literal), func(c wireChannel) error {
			if _, ok := mapping.Community(c.ID); !ok || len(c.Members) == 0 {
				return nil
			}
			n, err := st.ImportChannelMembers(ctx, map[string][]string{c.ID: c.Members})
			total, failed = total+n, err
			return err
		}, func(error) {})
		r.Close()
		if failed != nil {
			return total, failed
		}
	}
	return total, ctx.Err()
}

// mapCommunities resolves the configured channel references against the
// export, records the communities, and returns the mapping.
func mapCommunities(ctx context.Context, st *store.Store, convs []conv, opts Options,
	sum *Summary) (*bot.Mapping, error) {
	byName, byID := map[string]conv{}, map[string]conv{}
	for _, c := range convs {
		byName[c.Name], byID[c.ID] = c, c
	}
	var cs []store.Community
	byChannel := map[string]string{}
	for _, spec := range opts.Communities {
		sc := store.Community{
			Name:     spec.Name,
			Vocation: spec.Vocation,
			Language: spec.Language,
			Timezone: spec.Timezone,
			Channels: map[string]string{},
			Private:  map[string]bool{},
		}
		for _, ref := range spec.Channels {
			c, ok := byID[ref]
			if name, isName := strings.CutPrefix(ref, "#"); isName {
				c, ok = byName[name]
			}
			if !ok {
				sum.skip("configured channel absent from the export: "+ref, 1)
				continue
			}
			sc.Channels[c.ID], sc.Private[c.ID] = c.Name, c.Private
			byChannel[c.ID] = spec.Name
		}
		cs = append(cs, sc)
	}
	if opts.AllChannels {
		for _, c := range convs {
			if _, mapped := byChannel[c.ID]; mapped || c.Private {
				continue
			}
			name := "#" + c.Name
			cs = append(cs, store.Community{
				Name:     name,
				Language: "en",
				Timezone: "UTC",
				Channels: map[string]string{c.ID: c.Name},
				Private:  map[string]bool{c.ID: false},
			})
			byChannel[c.ID] = name
		}
	}
	if _, err := st.AddCommunities(ctx, cs); err != nil {
		return nil, err
	}
	return bot.NewMapping(byChannel), nil
}
