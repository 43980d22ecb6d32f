package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// ShownName is the name Slack shows for a member: their display name, else
// their full name, else their handle ("" when none is known).
func (m Member) ShownName() string {
	for _, n := range []string{m.DisplayName, m.RealName, m.Name} {
		if n != "" {
			return n
		}
	}
	return ""
}

// Names looks up the names that quotes show for the people and channels a
// message mentions by id (<@U…>, <#C…>). Each id is read once and kept for
// the life of the Names: one rendering, one job run. A name not found, or
// not readable, is "": the quote then shows the id.
type Names struct {
	s   *Store
	ctx context.Context // the rendering's: lookups end with it

	mu       sync.Mutex
	members  map[string]string
	channels map[string]string
}

// Names returns a lookup for one rendering or job run under ctx.
func (s *Store) Names(ctx context.Context) *Names {
	return &Names{s: s, ctx: ctx, members: map[string]string{}, channels: map[string]string{}}
}

// Member is the name Slack shows for a member.
func (n *Names) Member(id string) string {
	return n.lookUp(n.members, id, func() (string, error) {
		var m Member
		err := n.s.r.QueryRowContext(n.ctx, `SELECT display_name, real_name, name FROM members WHERE id = ?`, id).
			Scan(&m.DisplayName, &m.RealName, &m.Name)
		return m.ShownName(), err
	})
}

// Channel is a public channel's name. A private channel's name is for its
// members: a quote read by others shows its id, as Slack shows them
// "private channel".
func (n *Names) Channel(id string) string {
	return n.lookUp(n.channels, id, func() (string, error) {
		var name string
		err := n.s.r.QueryRowContext(n.ctx, `SELECT name FROM channels WHERE id = ? AND is_private = 0`, id).Scan(&name)
		return name, err
	})
}

func (n *Names) lookUp(cache map[string]string, id string, read func() (string, error)) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if name, ok := cache[id]; ok {
		return name
	}
	name, err := read()
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "" // not kept: a later lookup may succeed
	}
	cache[id] = name
	return name
}
