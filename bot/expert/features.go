package expert

import (
	"cmp"
	"math"
	"slices"
)

// The features of a candidate for a query: what the ranking weighs (see
// Model). Each is read from the index as of the query's instant and scaled
// to 0..1 among the query's candidates (the best has 1), so that weights
// mean the same in a small community and a large one, and in a history
// that ended years ago.
const (
	fTopic      = iota // the threads on the question's words they answered (BM25, see rank)
	fChannel           // answers in the question's channel (faded with the half-life)
	fChannelNow        // answers in the question's channel in the last weeks
	fCommunity         // answers in the community's channels
	fRecent            // active in the community in the last days
	fAround            // active in the question's channel in the last hours
	fVolume            // how much they write in the question's channel (faded with the half-life)
	fHelped            // answered the asker's threads before, in any channel
	fTies              // other threads with the asker, in any channel: the asker answered theirs, or both answered one
	fAccepted          // answers accepted (✅) or thanked by their asker
	fReactions         // reactions received in the community
	fHour              // writes at this hour of the day (±1 h), more than at others
	fQuick             // answered questions within the hour
	fSkill             // declared a skill the question matches
	fDeclared          // named an expert of the question's topic in the configuration
	fMentioned         // the question mentions them
	nFeatures
)

// featureNames name the features in the model's JSON and in --explain.
var featureNames = [nFeatures]string{
	"topic", "channel_answers", "channel_answers_lately", "community_answers", "recently_active",
	"around_now", "channel_volume", "helped_asker", "ties_with_asker", "accepted_answers", "reactions",
	"active_at_this_hour", "answers_quickly", "declared_skill", "named_expert", "mentioned",
}

const (
	// recentHalfLife is how fast "recently active" fades: people answer
	// when they are around.
	recentHalfLife = 3 * 24 * 3600.0
	// aroundHalfLife is how fast "around now" fades: who is in the
	// channel's conversation.
	aroundHalfLife = 3600.0
	// latelyHalfLife is how fast "channel answers lately" fade: the
	// channel's regulars of the moment.
	latelyHalfLife = 14 * 24 * 3600.0
	// scanDocs bounds the threads one query reads for the features other
	// than topic: the newest before its instant, its channel's first
	// (scanChannelDocs of them), then the community's other channels'.
	scanDocs        = 30_000
	scanChannelDocs = 20_000
	// staleAfter: a history that ended longer ago than this is no longer
	// live (see gather).
	staleAfter = 7 * 24 * 3600
	// perFeature is how many of the best people by each feature become
	// candidates (see pick).
	perFeature = 25
)

// scan reads the community's threads started before until, its channel's
// first, and adds what each member did to their features: answers, in the
// channel and the community, accepted ones, how fast, at which hours; what
// they wrote there, and when (ties with the asker are read apart: ties).
// chans are the community's channels the query's readers may see (all
// channels when the query names none), ch the query's channel or -1. gap
// is how long after the history's end the question comes (0 when live):
// who is around then is best told by activity over a span as long, so
// "recently active" and "around now" fade at least that slowly.
func (ix *index) scan(get func(int32) *scored, chans []int32, ch, asker int32, now, until int64,
	hour *[24]float64, own string, gap float64) {
	recent, around := math.Max(recentHalfLife, gap), math.Max(aroundHalfLife, gap)
	act := func(p *scored, c int32, t int64) {
		age := math.Max(float64(now-t), 0)
		p.raw[fRecent] += math.Exp(-math.Ln2 / recent * age)
		if c == ch {
			p.raw[fAround] += math.Exp(-math.Ln2 / around * age)
			p.raw[fVolume] += math.Exp(-ix.decay * age)
		}
		p.hours++
		h := (t / 3600) % 24
		p.hourIn += hour[(h+23)%24] + hour[h] + hour[(h+1)%24]
	}
	order := make([]int32, 0, len(chans))
	if ch >= 0 {
		order = append(order, ch)
	}
	for _, c := range chans {
		if c != ch {
			order = append(order, c)
		}
	}
	budget := scanDocs
	for i, c := range order {
		limit := budget / (len(order) - i)
		if i == 0 && ch >= 0 {
			limit = min(scanChannelDocs, budget)
		}
		budget -= ix.scanChannel(c, limit, until, func(d *doc) {
			if d.ts == own && d.ch == ch {
				return
			}
			if d.asker >= 0 && d.asker != asker {
				act(get(d.asker), d.ch, d.at)
			}
			for _, a := range d.answers {
				if a.first >= until || a.who == asker {
					continue
				}
				p := get(a.who)
				w := math.Exp(-ix.decay * math.Max(float64(now-a.first), 0))
				if d.ch == ch {
					p.raw[fChannel] += w
					p.raw[fChannelNow] += math.Exp(-math.Ln2 / latelyHalfLife * math.Max(float64(now-a.first), 0))
					p.channelN++
				}
				if p.regularIn < 0 {
					p.regularIn = d.ch
				}
				p.raw[fCommunity] += w
				p.communityN++
				if a.accepted || a.thanked {
					p.raw[fAccepted] += w
				}
				if d.question {
					p.questions++
					if a.first-d.at <= 3600 {
						p.quick++
					}
				}
				last := a.last
				if last >= until {
					last = a.first // what they wrote since is not known yet
				}
				act(p, d.ch, last)
			}
		})
	}
}

// unknownHour is for a question whose hour is not known (a history that
// ended long before it, asked without its instant): "active at this hour"
// counts for no one. Read from the hours at which the channel's threads
// start instead, it said who writes at the channel's busy hours, what the
// activity features say already, and ranked worse (clojurians, asked
// undated: 0.349 against 0.357 without it; the other histories alike or
// up to 0.003 better without it).
func unknownHour(ps []*scored) {
	for _, p := range ps {
		p.f[fHour] = 0
	}
}

// ties credits the people the asker has dealt with before, in any channel
// the query's readers may see: who answered the asker's threads (helped),
// whose threads the asker answered and who answered a thread beside them
// (ties).
func (ix *index) ties(get func(int32) *scored, asker int32, now, until int64, own threadKey, hidden map[int32]bool) {
	if asker < 0 {
		return
	}
	fade := func(t int64) float64 { return math.Exp(-ix.decay * math.Max(float64(now-t), 0)) }
	skip := func(id int32) bool {
		d := &ix.docs[id]
		return d.dead || d.at >= until || hidden[d.ch] || (d.ch == own.ch && d.ts == own.ts)
	}
	for _, id := range ix.started[asker] {
		if skip(id) {
			continue
		}
		for _, a := range ix.docs[id].answers {
			if a.first < until {
				p := get(a.who)
				p.raw[fHelped] += fade(a.first)
				p.helpedN++
			}
		}
	}
	for _, id := range ix.answered[asker] {
		if skip(id) {
			continue
		}
		d := &ix.docs[id]
		i := slices.IndexFunc(d.answers, func(a answer) bool { return a.who == asker })
		if i < 0 || d.answers[i].first >= until {
			continue
		}
		w := fade(d.answers[i].first)
		if d.asker >= 0 {
			get(d.asker).raw[fTies] += w
		}
		for _, a := range d.answers {
			if a.who != asker && a.first < until {
				get(a.who).raw[fTies] += w / 2
			}
		}
	}
}

// scanChannel calls fn with the live threads of a channel started before
// until, newest first, at most limit of them, and returns how many.
func (ix *index) scanChannel(ch int32, limit int, until int64, fn func(*doc)) int {
	ids := ix.chanDocs[ch]
	end, _ := slices.BinarySearchFunc(ids, until, func(id int32, t int64) int { return cmp.Compare(ix.docs[id].at, t) })
	n := 0
	for i := end - 1; i >= 0 && n < limit; i-- {
		d := &ix.docs[ids[i]]
		if d.dead {
			continue
		}
		fn(d)
		n++
	}
	return n
}

// pick returns the candidates: among the people who answered someone
// before or declared what they know (someone who only asks is nobody's
// expert), the perFeature best by each feature that names people (topic,
// answers, activity, ties), and everyone with a declared skill or named an
// expert. The same rule serves queries and the fit, so that the weights
// are learnt on the candidates they will rank.
func pick(people []*scored) []*scored {
	people = slices.DeleteFunc(people, func(p *scored) bool {
		return p.raw[fTopic]+p.raw[fCommunity]+p.raw[fHelped]+p.raw[fSkill]+p.raw[fDeclared]+p.raw[fMentioned] == 0
	})
	keep := map[*scored]bool{}
	for _, f := range []int{fTopic, fChannel, fChannelNow, fCommunity, fRecent, fAround, fHelped, fTies} {
		slices.SortFunc(people, func(a, b *scored) int {
			return cmp.Or(cmp.Compare(b.raw[f], a.raw[f]), cmp.Compare(a.who, b.who))
		})
		for _, p := range people[:min(perFeature, len(people))] {
			if p.raw[f] > 0 {
				keep[p] = true
			}
		}
	}
	var out []*scored
	for _, p := range people {
		if keep[p] || p.raw[fSkill] > 0 || p.raw[fDeclared] > 0 || p.raw[fMentioned] > 0 {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *scored) int { return cmp.Compare(a.who, b.who) })
	return out
}

// normalise scales each candidate's features to 0..1 among the candidates:
// counts on a log scale, the rest as a share of the best.
func normalise(ps []*scored) {
	for _, p := range ps {
		p.raw[fHour] = (p.hourIn + 1) / (p.hours + 8) // 3 hours in 24, a priori
		p.raw[fQuick] = (p.quick + 0.5) / (p.questions + 2)
	}
	for f := range nFeatures {
		var top float64
		for _, p := range ps {
			top = math.Max(top, p.raw[f])
		}
		for _, p := range ps {
			switch {
			case top <= 0:
				p.f[f] = 0
			case f == fTopic || f == fHour || f == fQuick || f == fSkill || f == fDeclared || f == fMentioned:
				p.f[f] = p.raw[f] / top
			default:
				p.f[f] = math.Log1p(p.raw[f]) / math.Log1p(top)
			}
		}
	}
}
