package sample

import (
	"slices"
	"strings"
	"time"
)

// ActionKind says what a live Action does.
type ActionKind string

// Kinds of live actions.
const (
	ActMessage ActionKind = "message" // User posts Text (and File) in Channel
	ActReply   ActionKind = "reply"   // User replies Text in the thread of Parent, a message action
	ActReact   ActionKind = "react"   // User adds the emoji Reaction to Parent's message
	ActJoin    ActionKind = "join"    // User joins Channel (no text: Slack writes the join message)
	ActEdit    ActionKind = "edit"    // User, Parent's author, changes its text to Text
	ActDelete  ActionKind = "delete"  // User, Parent's author, deletes Parent's message
)

// Action is one thing that happens in the workspace after End, for the
// demo to replay through the Slack emulator in slice order: post a message
// and remember its ts, reply in the thread of the parent action's ts,
// react to or edit or delete the parent action's message, join a channel.
type Action struct {
	At        time.Time // when it happens; non-decreasing along the slice
	Kind      ActionKind
	Channel   string // channel ID
	User      string // user ID; for bot messages, the bot's user
	BotID     string // bot messages: the integration's B… id; "" otherwise
	Text      string // message, reply: the text; edit: the new text
	Reaction  string // react: emoji name, without colons
	Parent    int    // reply, react, edit, delete: index of the target message or reply, always earlier; else -1
	Broadcast bool   // reply: also sent to the channel (thread_broadcast)
	File      *File  // message or reply sharing a file
}

// File is a file shared by a live action.
type File struct {
	ID, Name, Title, Mimetype, URL string
}

// Live returns days of new activity after End, deterministically: every
// channel goes on as in its history (same rhythm, people and topics), and
// a few members who were not in a channel join it. Messages that get
// edited are first posted with a typo, then edited; a few messages are
// deleted by their author soon after being posted.
func (w *Workspace) Live(days int) []Action {
	if days <= 0 {
		return nil
	}
	end := w.end + int64(days)*day
	g := w.newGen()
	var acts []liveAction
	for c := range w.chans {
		member := make([]bool, len(w.people))
		for _, p := range w.chans[c].members {
			member[p] = true
		}
		for k := range days {
			d := w.Options.Days + k
			g.begin(c, d, end)
			w.liveJoins(g, member)
			g.fillBudget()
			g.assignFracs()
			acts = w.liveActions(g, acts, end)
		}
	}
	slices.SortStableFunc(acts, func(a, b liveAction) int { return cmpInt64(a.key, b.key) })
	moved := make([]int, len(acts))
	for i := range acts {
		moved[acts[i].seq] = i
	}
	out := make([]Action, len(acts))
	for i := range acts {
		out[i] = acts[i].Action
		if out[i].Parent >= 0 {
			out[i].Parent = moved[out[i].Parent]
		}
	}
	return out
}

// liveAction is an Action before sorting: Parent is the seq of the target.
type liveAction struct {
	Action
	key int64 // microseconds
	seq int
}

// liveJoins: now and then, a member who is not in the channel joins it.
func (w *Workspace) liveJoins(g *gen, member []bool) {
	if !g.r.chance(350) {
		return
	}
	for range 20 {
		p := int32(g.r.intn(len(w.people)))
		pp := &w.people[p]
		if !member[p] && pp.role != roleBot && !pp.deleted && pp.role != roleLurker {
			member[p] = true
			g.join(p)
			return
		}
	}
}

// liveActions turns the messages of an origin day into actions. Reactions,
// edits and deletions that would come at or after end are left out.
func (w *Workspace) liveActions(g *gen, acts []liveAction, end int64) []liveAction {
	ch := g.ch
	posted := make([]int, len(g.msgs)) // seq of each message's post action
	add := func(a Action, sec int64, frac int32) int {
		if sec >= end {
			return -1
		}
		a.Channel = ch.id
		a.At = time.Unix(sec, int64(frac)*1000).UTC()
		seq := len(acts)
		acts = append(acts, liveAction{Action: a, key: sec*1_000_000 + int64(frac), seq: seq})
		return seq
	}
	for i := range g.msgs {
		m := &g.msgs[i]
		u := &w.Users[m.user]
		a := Action{Kind: ActMessage, User: u.ID, Text: m.text, Parent: -1}
		switch {
		case m.sub == subJoin:
			a.Kind, a.Text = ActJoin, ""
		case m.parent >= 0:
			a.Kind, a.Parent, a.Broadcast = ActReply, posted[m.parent], m.sub == subBroadcast
		}
		if m.sub == subBot {
			a.BotID = u.BotID
		}
		if m.file >= 0 {
			f := &g.files[m.file]
			a.File = &File{ID: f.id, Name: f.doc.name, Title: f.doc.title, Mimetype: fileType(f.doc.name)[0],
				URL: "https://" + w.Domain + ".slack.com/files/" + u.ID + "/" + f.id + "/" + f.doc.name}
		}
		if m.edited > 0 {
			a.Text = typo(m.text)
		}
		posted[i] = add(a, m.sec, m.frac)
		if m.edited > 0 {
			add(Action{Kind: ActEdit, User: u.ID, Text: m.text, Parent: posted[i]}, m.sec+int64(m.edited), m.frac)
		}
		for _, r := range m.reacts {
			for _, p := range r.users {
				add(Action{Kind: ActReact, User: w.Users[p].ID, Reaction: r.name, Parent: posted[i]},
					m.sec+int64(g.r.spanned(reactDelay)), m.frac)
			}
		}
		untouched := m.sub == subNone && m.nreply == 0 && len(m.reacts) == 0 && m.edited == 0
		if a.Kind == ActMessage && untouched && g.r.chance(30) {
			add(Action{Kind: ActDelete, User: u.ID, Parent: posted[i]}, m.sec+int64(g.r.between(60, 600)), m.frac)
		}
	}
	return acts
}

// typo returns text with two different letters of a long word swapped,
// the kind of slip an edit fixes; or, failing that, without its last word.
func typo(text string) string {
	start := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && isASCIILetter(text[i]) {
			continue
		}
		for k := start + (i-start)/2; i-start >= 6 && k+1 < i; k++ {
			if text[k] != text[k+1] {
				return text[:k] + string(text[k+1]) + string(text[k]) + text[k+2:]
			}
		}
		start = i + 1
	}
	if j := strings.LastIndexByte(text, ' '); j > 0 {
		return text[:j]
	}
	return text + "."
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
