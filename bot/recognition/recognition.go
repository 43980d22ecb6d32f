// Package recognition is the monthly thanks: who helped in a community in a
// period, read from how askers received the answers to their questions
// (an accept reaction on an answer, a thanks that credits it; see
// question.Credited), never from how much anyone wrote. It names in public
// only members who let it (store.Unnamed): a member who opted out of being
// named or suggested, who paused or who was forgotten never is. It also
// reads a member's own record, for their Home, and composes the post the
// recognition ritual makes (bot/ritual/slackedge). Store reads only: no
// outbox, no Slack.
package recognition

import (
	"cmp"
	"context"
	"slices"
	"time"

	"praxis/bot"
	"praxis/bot/question"
	"praxis/store"
)

// lookback is how long before a period a question may have been asked and
// still be answered, accepted or thanked in it.
const lookback = 90 * 24 * time.Hour

// Helper is a member who helped in a period, by what the askers said of
// it. A question counts once for each of its figures.
type Helper struct {
	Member   string
	Accepted int // questions where the asker ticked an answer of theirs
	Thanked  int // questions where the asker thanked them
	Answered int // questions of others they replied to
	People   int // askers they helped: whose question they got accepted or thanked
}

// Helps is what recognises a helper: answers accepted or thanked.
func (h Helper) Helps() int { return h.Accepted + h.Thanked }

// Helpers returns the members who helped in community c in [from, to): the
// members whose answers the askers accepted or thanked then, in the
// community's public channels (what is said in its channel is drawn from
// what everyone there can read), most helps first, then most people
// helped, never by how many messages they wrote. Members who must not be
// named (store.Unnamed) are left out. The sponsors' report lists them too.
func Helpers(ctx context.Context, st *store.Store, c bot.Community, from, to time.Time) ([]Helper, error) {
	replies, err := st.HelpReplies(ctx, c.Public(), from.Add(-lookback), to, "")
	if err != nil {
		return nil, err
	}
	unnamed, err := st.Unnamed(ctx)
	if err != nil {
		return nil, err
	}
	var out []Helper
	for member, t := range credit(replies, from, to) {
		if h := t.helper(member); h.Helps() > 0 && !unnamed[member] {
			out = append(out, h)
		}
	}
	slices.SortFunc(out, func(a, b Helper) int {
		return cmp.Or(cmp.Compare(b.Helps(), a.Helps()), cmp.Compare(b.People, a.People),
			cmp.Compare(b.Accepted, a.Accepted), cmp.Compare(a.Member, b.Member))
	})
	return out, nil
}

// tally is one member's help, by question ("channel/ts") and asker.
type tally struct {
	accepted, thanked, answered map[string]bool
	people                      map[string]bool
}

func newTally() *tally {
	return &tally{accepted: map[string]bool{}, thanked: map[string]bool{}, answered: map[string]bool{},
		people: map[string]bool{}}
}

func (t *tally) helper(member string) Helper {
	return Helper{Member: member, Accepted: len(t.accepted), Thanked: len(t.thanked), Answered: len(t.answered),
		People: len(t.people)}
}

// add merges o into t (a member's help in several communities).
func (t *tally) add(o *tally) {
	for _, pair := range [][2]map[string]bool{{t.accepted, o.accepted}, {t.thanked, o.thanked},
		{t.answered, o.answered}, {t.people, o.people}} {
		for k := range pair[1] {
			pair[0][k] = true
		}
	}
}

// credit reads the questions' threads (HelpReplies' order): a reply of
// someone other than the asker answers the question; the asker's tick on it
// in [from, to) accepts it; the asker's thanks in [from, to) credits the
// helpers it names, else the last who answered before it.
func credit(replies []store.HelpReply, from, to time.Time) map[string]*tally {
	out := map[string]*tally{}
	get := func(u string) *tally {
		if out[u] == nil {
			out[u] = newTally()
		}
		return out[u]
	}
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	var key, last string
	var helped map[string]bool
	for _, r := range replies {
		if q := r.Channel + "/" + r.Question; q != key {
			key, last, helped = q, "", map[string]bool{}
		}
		if r.User == r.Asker {
			if in(r.At) && (r.Thanks || question.IsThanks(r.Text)) {
				for _, u := range question.Credited(r.Text, func(u string) bool { return helped[u] }, last) {
					get(u).thanked[key], get(u).people[r.Asker] = true, true
				}
			}
			continue
		}
		helped[r.User], last = true, r.User
		if in(r.At) {
			get(r.User).answered[key] = true
		}
		if !r.Ticked.IsZero() && in(r.Ticked) {
			get(r.User).accepted[key], get(r.User).people[r.Asker] = true, true
		}
	}
	return out
}
