package report

import (
	"context"
	"slices"
	"strings"
	"time"

	"praxis/store"
)

// The messages of a snapshot: read in one scan of every mapped channel,
// completed with their threads' authors and their terms.

// scanned is what scanMessages leaves to addMessages.
type scanned struct {
	stems   []textBatch
	parents map[store.MessageRef]int32 // author of each thread parent read
}

// msgRef is a message of the snapshot: its community and its index there.
type msgRef struct{ comm, i int32 }

// scanMessages reads the messages into their communities. The texts are
// stemmed by other goroutines while the scan goes on, a batch at a time.
func (s *snapshot) scanMessages(ctx context.Context, st *store.Store, from, to, textFrom time.Time) (*scanned, error) {
	sc := &scanned{parents: map[store.MessageRef]int32{}}
	stm := newStemmer()
	var batch textBatch
	err := st.ActivityMessages(ctx, from, to, textFrom, func(m *store.ActivityMessage) error {
		ci, ok := s.byChan[m.ChannelID]
		if !ok {
			return nil
		}
		u := s.user(m.UserID)
		if m.IsBot {
			s.users[u].bot = true
			return nil
		}
		c := s.comms[ci]
		ch := intern(c.channels, m.ChannelID)
		reply := m.ThreadTS != "" && m.ThreadTS != m.TS
		if m.ThreadTS == m.TS {
			sc.parents[store.MessageRef{ChannelID: ch, TS: m.TS}] = u
		}
		c.msgs = append(c.msgs, msg{
			at:      m.At,
			user:    u,
			parent:  -1,
			reply:   reply,
			deleted: m.Deleted,
			ch:      ch,
			ts:      m.TS,
			thread:  m.ThreadTS,
		})
		if m.Text != "" {
			batch.refs = append(batch.refs, msgRef{int32(ci), int32(len(c.msgs) - 1)})
			batch.texts = append(batch.texts, m.Text)
			if len(batch.texts) == stemBatch {
				stm.in <- batch
				batch = textBatch{}
			}
		}
		return nil
	})
	stm.in <- batch
	sc.stems = stm.wait()
	return sc, err
}

// addMessages completes the messages with their thread parents' authors
// and their terms, then drops those of bots (known once the members'
// profiles are read).
func (s *snapshot) addMessages(ctx context.Context, st *store.Store, sc *scanned) error {
	if err := s.resolveParents(ctx, st, sc.parents); err != nil {
		return err
	}
	for _, b := range sc.stems {
		global := s.termIDs(b.dict)
		for j, ids := range b.terms {
			for k, id := range ids {
				ids[k] = global[id]
			}
			r := b.refs[j]
			s.comms[r.comm].msgs[r.i].terms = ids
		}
	}
	for ci, c := range s.comms {
		c.msgs = slices.DeleteFunc(c.msgs, func(m msg) bool { return !s.human(m.user) })
		for _, m := range c.msgs {
			s.acts[m.user] = append(s.acts[m.user], uact{at: m.at, comm: int32(ci)})
		}
	}
	return nil
}

// resolveParents sets the author of each reply's thread parent: found
// among the messages read, else asked of the store (a parent posted
// before the window).
func (s *snapshot) resolveParents(ctx context.Context, st *store.Store, parents map[store.MessageRef]int32) error {
	var missing []store.MessageRef
	asked := map[store.MessageRef]bool{}
	for _, c := range s.comms {
		for _, m := range c.msgs {
			if ref := (store.MessageRef{ChannelID: m.ch, TS: m.thread}); m.reply {
				if _, ok := parents[ref]; !ok && !asked[ref] {
					asked[ref] = true
					missing = append(missing, ref)
				}
			}
		}
	}
	if len(missing) > 0 {
		authors, err := st.MessageAuthors(ctx, missing)
		if err != nil {
			return err
		}
		for ref, a := range authors {
			parents[ref] = s.user(a)
		}
	}
	for _, c := range s.comms {
		for i := range c.msgs {
			if m := &c.msgs[i]; m.reply {
				if u, ok := parents[store.MessageRef{ChannelID: m.ch, TS: m.thread}]; ok {
					m.parent = u
				}
			}
		}
	}
	return nil
}

// intern returns the copy of ch held in channels, so that messages share
// one string per channel.
func intern(channels []string, ch string) string {
	for _, c := range channels {
		if c == ch {
			return c
		}
	}
	return strings.Clone(ch)
}
