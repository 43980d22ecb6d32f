package sample

import "strings"

// unit adds one top-level message of the channel's mix and its thread.
func (g *gen) unit() {
	k := g.r.weighted(g.ch.mix)
	if k == unitBot && g.ch.bot < 0 {
		k = unitStatement
	}
	switch k {
	case unitQuestion:
		g.question()
	case unitShare:
		g.chat(g.ph.share, g.ph.shareReply, 350, []string{"+1", "eyes", "heart", "bookmark"})
	case unitStatement:
		g.chat(g.ph.statement, g.ph.shareReply, 200, []string{"+1", "100", "raised_hands", "bulb"})
	case unitAnnounce:
		g.announce()
	case unitFile:
		g.fileShare()
	case unitCoord:
		g.chat(g.ph.coord, g.ph.coordReply, 550, []string{"+1", "eyes", "white_check_mark"})
	case unitBot:
		g.botPost()
	}
}

// someone draws an active member of the channel from s, other than not;
// when nobody fits, one of the community's core members.
func (g *gen) someone(s *sampler, not int32) int32 {
	for range 12 {
		if p := s.draw(&g.r); p >= 0 && p != not && g.w.active(p, g.d) {
			return p
		}
	}
	for _, p := range g.cm.core {
		if p != not {
			return p
		}
	}
	return -1
}

// expertFor draws who answers about topic t: mostly a specialist of t,
// sometimes any active helper or core member.
func (g *gen) expertFor(t int, not int32) int32 {
	if t >= 0 && g.r.chance(800) {
		for range 8 {
			if p := g.ch.experts[t].draw(&g.r); p >= 0 && p != not && g.w.active(p, g.d) {
				return p
			}
		}
	}
	return g.someone(&g.ch.talk, not)
}

func (g *gen) topic() int { return g.r.weighted(g.cm.topicW) }

// question: someone asks about a topic; a specialist usually answers in the
// thread, the conversation may go on, and the asker often thanks them and
// ticks the accepted answer.
func (g *gen) question() {
	asker := g.someone(&g.ch.ask, -1)
	t := g.topic()
	f := g.ctx(t, asker)
	at := g.postTime(asker)
	m := newMsg(at, asker, g.fill(pick(&g.r, g.ph.ask), f))
	m.topic = int8(t)
	p := g.add(m)
	unanswered := 110
	if wd := g.w.weekday(g.d); wd == 0 || wd == 6 {
		unanswered = 280
	}
	if g.r.chance(unanswered) {
		g.unanswered(p, at, f)
		return
	}
	a := g.expertFor(t, asker)
	if g.r.chance(250) {
		g.react(p, "eyes", a)
	}
	at = g.after(at, a, answerDelay)
	af := *f
	af.author = a
	ans, ok := g.reply(p, at, a, g.fill(pick(&g.r, g.ph.answer), &af))
	if !ok {
		return
	}
	g.msgs[ans].answer = true
	if g.r.chance(40) {
		g.msgs[ans].sub = subBroadcast
	}
	accepted, at, ok := g.followUps(p, ans, at, f)
	if !ok {
		return
	}
	if g.r.chance(150) {
		c := g.expertFor(t, asker)
		cf := af
		cf.author = c
		at = g.after(at, c, chatDelay)
		if !g.ok(g.reply(p, at, c, g.fill(pick(&g.r, g.ph.extra), &cf))) {
			return
		}
	}
	g.conclude(p, accepted, asker, at, f)
}

// unanswered: nobody answers question p; a specialist may have seen it,
// and someone may have the same question.
func (g *gen) unanswered(p int32, at int64, f *fillCtx) {
	if g.r.chance(300) {
		g.react(p, "eyes", g.expertFor(f.topic, f.author))
	}
	if g.r.chance(120) {
		other := g.someone(&g.ch.ask, f.author)
		g.reply(p, g.after(at, other, answerDelay), other, g.fill(pick(&g.r, g.ph.sameHere), f))
	}
}

// followUps: after the first answer ans to question p, the asker may ask
// more about a term of the topic, answered by the same specialist or
// another. It returns the accepted answer, the time of the last reply,
// and false when the thread ran past the generation limit.
func (g *gen) followUps(p, ans int32, at int64, f *fillCtx) (int32, int64, bool) {
	asker, a := f.author, g.msgs[ans].user
	accepted := ans
	for range pick(&g.r, []int{0, 0, 0, 1, 1, 2, 3}) {
		ff := *f
		ff.term = pick(&g.r, g.cm.topics[f.topic].terms)
		if at = g.after(at, asker, chatDelay); !g.ok(g.reply(p, at, asker, g.fill(pick(&g.r, g.ph.followUp), &ff))) {
			return accepted, at, false
		}
		b := a
		if g.r.chance(300) {
			b = g.expertFor(f.topic, asker)
		}
		bf := ff
		bf.author = b
		at = g.after(at, b, chatDelay)
		i, ok := g.reply(p, at, b, g.fill(pick(&g.r, g.ph.second), &bf))
		if !ok {
			return accepted, at, false
		}
		accepted = i
	}
	return accepted, at, true
}

// conclude: the asker thanks the answerer and ticks the accepted answer;
// others upvote it.
func (g *gen) conclude(p, accepted, asker int32, at int64, f *fillCtx) {
	if g.r.chance(600) {
		tf := *f
		tf.mention = g.msgs[accepted].user
		g.reply(p, g.after(at, asker, chatDelay), asker, g.fill(pick(&g.r, g.ph.thanks), &tf))
	}
	if g.r.chance(550) {
		g.react(accepted, "white_check_mark", asker)
	}
	if g.r.chance(200) {
		g.react(accepted, "pray", asker)
	}
	for n := pick(&g.r, []int{0, 0, 1, 1, 2, 3}); n > 0; n-- {
		g.react(accepted, "+1", g.someone(&g.ch.react, asker))
	}
}

func (g *gen) ok(_ int32, ok bool) bool { return ok }

// chat: a message from tpls by a regular poster, with reactions and,
// sometimes (threadPerMille), a few short replies.
func (g *gen) chat(tpls, replies []string, threadPerMille int, emoji []string) {
	author := g.someone(&g.ch.talk, -1)
	t := g.topic()
	f := g.ctx(t, author)
	at := g.postTime(author)
	m := newMsg(at, author, g.fill(pick(&g.r, tpls), f))
	m.topic = int8(t)
	p := g.add(m)
	g.reactions(p, emoji, 4)
	if g.r.chance(threadPerMille) {
		g.replies(p, at, replies, f, 3)
	}
}

// reactions adds up to max reactions from channel members.
func (g *gen) reactions(i int32, emoji []string, max int) {
	for n := g.r.intn(max + 1); n > 0; n-- {
		g.react(i, pick(&g.r, emoji), g.someone(&g.ch.react, g.msgs[i].user))
	}
}

// replies adds 1 to max short replies from channel members to thread p.
func (g *gen) replies(p int32, at int64, tpls []string, f *fillCtx, max int) {
	for n := g.r.between(1, max); n > 0; n-- {
		who := g.someone(&g.ch.react, g.msgs[p].user)
		rf := *f
		rf.author, rf.mention = who, g.msgs[p].user
		at = g.after(at, who, chatDelay)
		if !g.ok(g.reply(p, at, who, g.fill(pick(&g.r, tpls), &rf))) {
			return
		}
	}
}

// announce: a core member (usually) announces something; people cheer and
// sign up.
func (g *gen) announce() {
	author := pick(&g.r, g.cm.core)
	if g.r.chance(300) || !g.w.active(author, g.d) {
		author = g.someone(&g.ch.talk, -1)
	}
	t := g.topic()
	f := g.ctx(t, author)
	f.mention = g.expertFor(t, author)
	at := g.postTime(author)
	m := newMsg(at, author, g.fill(pick(&g.r, g.ph.announce), f))
	m.topic = int8(t)
	p := g.add(m)
	for n := g.r.between(2, 8); n > 0; n-- {
		g.react(p, pick(&g.r, []string{"tada", "raised_hands", "+1", "heart"}), g.someone(&g.ch.react, author))
	}
	if g.r.chance(250) {
		g.replies(p, at, g.ph.announceReply, f, 3)
	}
}

// fileShare: someone shares a document of the community's craft.
func (g *gen) fileShare() {
	author := g.someone(&g.ch.talk, -1)
	t := g.topic()
	f := g.ctx(t, author)
	doc := pick(&g.r, g.cm.arch.files)
	g.files = append(g.files, fileInfo{id: fileID(g.w.seed, g.c, g.d, len(g.files)), doc: doc,
		size: g.r.between(12_000, 4_800_000)})
	f.file = int32(len(g.files) - 1)
	at := g.postTime(author)
	m := newMsg(at, author, g.fill(pick(&g.r, g.ph.fileShare), f))
	m.topic, m.file, m.sub = int8(t), f.file, subFile
	p := g.add(m)
	g.reactions(p, []string{"+1", "pray", "eyes", "heart"}, 3)
	if g.r.chance(250) {
		g.replies(p, at, g.ph.fileReply, f, 2)
	}
}

// botPost: the channel's integration posts; a helper sometimes picks a
// failure up in the thread.
func (g *gen) botPost() {
	b := g.ch.bot
	spec := g.w.people[b].bot
	at := g.dayStart + int64(g.r.intn(day))
	f := g.ctx(-1, b)
	text := g.fill(pick(&g.r, spec.texts), f)
	m := newMsg(at, b, text)
	m.sub = subBot
	p := g.add(m)
	alert := strings.HasPrefix(text, "❌") || strings.HasPrefix(text, "🔴") || strings.HasPrefix(text, "⚠️") ||
		strings.HasPrefix(text, "🔥") || strings.HasPrefix(text, "⏰")
	if alert && g.r.chance(450) {
		who := g.expertFor(g.topic(), -1)
		g.react(p, "eyes", who)
		g.reply(p, g.after(at, who, chatDelay), who, pick(&g.r, spec.acks))
	}
}

// join: newcomer p joins the channel in their morning and, in their home
// community's main channel, often introduces themselves and gets welcomed.
func (g *gen) join(p int32) {
	off := g.w.offset(g.w.people[p].zone, g.d)
	local := int64(8*3600 + g.r.intn(3*3600))
	at := g.dayStart + mod(local-off, day)
	m := newMsg(at, p, "<@"+g.w.Users[p].ID+"> has joined the channel")
	m.sub = subJoin
	g.add(m)
	if g.w.people[p].home != g.ch.comm || g.cm.chans[0] != g.c || !g.r.chance(550) {
		return
	}
	t := g.topic()
	f := g.ctx(t, p)
	at += int64(g.r.between(60, 1800))
	i := g.add(newMsg(at, p, g.fill(pick(&g.r, g.ph.intro), f)))
	for n := g.r.between(1, 5); n > 0; n-- {
		g.react(i, pick(&g.r, []string{"wave", "tada", "raised_hands"}), g.someone(&g.ch.talk, p))
	}
	for n := g.r.between(1, 3); n > 0; n-- {
		who := g.someone(&g.ch.talk, p)
		wf := *f
		wf.author, wf.mention = who, p
		at = g.after(at, who, chatDelay)
		if !g.ok(g.reply(i, at, who, g.fill(pick(&g.r, g.ph.welcome), &wf))) {
			return
		}
	}
}
