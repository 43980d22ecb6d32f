package store

// Changes is what a committed write changed that Praxis keeps in memory
// beside the store: the poster waits for messages to send, expert
// finding's index holds the threads and who may be suggested. The write
// methods mark what they change as they run (a message enqueued, a
// member's setting, words erased, a message written), and the store tells
// the followers registered with OnCommit once the transaction is
// committed: no caller has to remember to, and nothing is told of a write
// that was rolled back.
type Changes struct {
	// Outbox: a message was enqueued (a key already there adds nothing).
	Outbox bool
	// People: what decides who may be suggested or asked changed: a
	// member's profile (time zone, status, deactivation), their opt-out
	// of suggestions, skills and pings, a pause, their forgetting.
	People bool
	// Erased: words were erased for good (a member forgotten, retention):
	// an index built from the text is to be rebuilt.
	Erased bool
	// Messages were written, edited, deleted or reacted to; a reply is
	// named by its thread. Gathered only while someone follows commits,
	// in the order written, possibly more than once.
	Messages []MessageRef
}

func (c Changes) empty() bool {
	return !c.Outbox && !c.People && !c.Erased && len(c.Messages) == 0
}

// add gathers o into c.
func (c *Changes) add(o Changes) {
	c.Outbox, c.People, c.Erased = c.Outbox || o.Outbox, c.People || o.People, c.Erased || o.Erased
	c.Messages = append(c.Messages, o.Messages...)
}

// OnCommit registers fn, once at wiring time, to be told what each
// committed write changed (never a write rolled back, never before its
// commit). fn runs on the committing goroutine, the writer's, which the
// whole data path waits on: it must not block nor write to the store (a
// flag, a non-blocking send on a channel); it may keep c. Followers are
// told in the order they registered.
func (s *Store) OnCommit(fn func(c Changes)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var fns []func(Changes)
	if old := s.followers.Load(); old != nil {
		fns = append(fns, *old...)
	}
	fns = append(fns, fn)
	s.followers.Store(&fns)
}

// followed reports whether anyone follows commits: a transaction gathers
// the messages it writes only then (an import does not).
func (s *Store) followed() bool { return s.followers.Load() != nil }

// committed tells the followers what a committed write changed.
func (s *Store) committed(c Changes) {
	fns := s.followers.Load()
	if fns == nil || c.empty() {
		return
	}
	for _, fn := range *fns {
		fn(c)
	}
}

// touch marks a message written, edited, deleted or reacted to (see
// Changes.Messages): thread is its thread's ts, or "".
func (t *Tx) touch(channel, ts, thread string) {
	if !t.follow {
		return
	}
	if thread != "" {
		ts = thread
	}
	t.changed.Messages = append(t.changed.Messages, MessageRef{channel, ts})
}
