package question

import "strings"

var (
	thanks = newPhrases([]string{
		"thanks", "thank", "thx", "thnx", "thanx", "tnx", "tks", "ty", "tyvm", "tysm", "cheers",
		"much appreciated", "appreciate it", "appreciated", "that worked", "this worked",
		"it worked", "that works", "this works", "it works", "works now", "working now",
		"works like a charm", "worked like a charm", "solved", "resolved", "fixed it",
		"that did it", "did the trick", "got it working", "all good now", "kudos",
	}, []string{
		"merci", "mercii", "merciii", "mercis", "remercie", "remercier", "ca marche",
		"ca fonctionne", "ca a marche", "ca a fonctionne", "ca marche nickel", "c'est bon",
		"cest bon", "resolu", "c'est regle", "nickel", "impeccable", "au top",
	})
	// notThanks are thanks that close nothing: said before any answer, or to
	// decline, or to an answer that did not help.
	notThanks = newPhrases([]string{
		"thanks in advance", "thank you in advance", "thanks again in advance",
		"thx in advance", "ty in advance", "tia", "no thanks", "no thank you", "thanks anyway",
		"thank you anyway", "thanks for asking",
	}, []string{
		"merci d'avance", "merci davance", "merci par avance", "merci bien d'avance",
		"merci beaucoup d'avance", "merci beaucoup par avance", "non merci", "merci quand meme",
	})
	// contrasts turn thanks into "thanks, but it still fails".
	contrasts = newPhrases([]string{
		"but", "however", "still", "doesn't", "does not", "doesnt", "didn't", "did not", "didnt",
		"not working", "isn't working", "no luck", "not solved", "not fixed", "not yet",
		"unfortunately", "sadly", "same error", "same issue", "nothing changed", "won't",
	}, []string{
		"mais", "cependant", "pourtant", "toujours pas", "pas encore", "ne marche", "ne fonctionne",
		"marche pas", "fonctionne pas", "pas resolu", "pas bon", "malheureusement", "meme erreur",
		"meme probleme", "rien ne change", "ne change rien",
	})
	thanksEmoji = words("pray", "raised_hands", "thank_you", "thankyou", "thanks", "merci",
		"folded_hands", "bow")
	acceptReactions = words("white_check_mark", "heavy_check_mark", "ballot_box_with_check",
		"check", "check_mark", "checkmark", "white_check", "✅", "✔", "✔️", "☑", "☑️", "✓")
	// objectPronouns after "merci de": "merci de me dire" asks.
	objectPronouns = words("m'", "me", "nous", "le", "la", "l'", "les", "lui", "leur", "y", "en")
)

// IsThanks tells whether a thread reply thanks someone or says the answer
// worked ("thanks!", "that worked", "merci beaucoup", "c'est bon", 🙏): the
// asker closing their question. Thanks given in advance ("merci d'avance"),
// declined ("no thanks"), qualified ("thanks, but it still fails") or
// followed by a new question are not.
func IsThanks(text string) bool {
	m := parse(text)
	advance, said := false, false
	for i := range m.sentences {
		s := &m.sentences[i]
		lo, hi := s.body()
		if s.end == '?' && countWords(s.tok[lo:hi]) >= 2 && !s.social(lo, hi) {
			return false
		}
		if contrasts.in(s.tok) {
			return false
		}
		for k := 0; k < len(s.tok); {
			if n := notThanks.at(s.tok, k); n > 0 {
				advance = true
				k += n
				continue
			}
			if n := merciPlease(s.tok, k); n > 0 {
				k += n
				continue
			}
			said = said || thanks.at(s.tok, k) > 0
			k++
		}
	}
	if said {
		return true
	}
	if advance {
		return false
	}
	for _, e := range m.emoji {
		if thanksEmoji[e] {
			return true
		}
	}
	return strings.ContainsRune(text, '🙏') || strings.ContainsRune(text, '🙌')
}

// merciPlease is the length of "merci de <infinitive>" at tok[i], which is
// French for "please…" ("merci de regarder", "merci de me dire"), 0 if the
// "merci" thanks ("merci de ton aide", "merci d'avoir regardé").
func merciPlease(tok []string, i int) int {
	if tok[i] != "merci" || at(tok, i+1) != "de" && at(tok, i+1) != "d'" {
		return 0
	}
	j := i + 2
	if objectPronouns[at(tok, j)] {
		j++
	}
	if v := at(tok, j); v != "avoir" && len(v) >= 4 && verbLike(v) {
		return j + 1 - i
	}
	return 0
}

// Credited returns whom a thanks in a thread credits: the people it
// mentions who helped before it (helped tells), else the last person who
// did (last, "" for nobody). "Thanks <@U1>!" thanks U1, a bare "merci !"
// the answer just above it. Expert finding and the monthly thanks read
// thanks this one way.
func Credited(text string, helped func(member string) bool, last string) []string {
	var out []string
	for _, u := range Mentions(text) {
		if helped(u) {
			out = append(out, u)
		}
	}
	if len(out) == 0 && last != "" {
		out = append(out, last)
	}
	return out
}

// AcceptNames are the accept reactions as Slack names them in events and
// exports, for queries over stored reactions (IsAcceptReaction reads more
// spellings).
var AcceptNames = []string{"white_check_mark", "heavy_check_mark", "ballot_box_with_check", "check", "white_tick"}

// IsAcceptReaction tells whether a reaction marks an answer as accepted: the
// check marks (white_check_mark, heavy_check_mark, ballot_box_with_check,
// check, ✅), with or without colons and skin-tone suffixes.
func IsAcceptReaction(name string) bool {
	name = strings.ToLower(strings.TrimSpace(name))
	if k := strings.Index(name, ":skin-tone-"); k >= 0 {
		name = name[:k]
	}
	return acceptReactions[strings.Trim(name, ":")]
}

// Mentions lists the users a message mentions (<@U123>, <@U123|name>), in
// order of first mention, each once.
func Mentions(text string) []string {
	var out []string
	seen := map[string]bool{}
	for {
		k := strings.Index(text, "<@")
		if k < 0 {
			return out
		}
		text = text[k+2:]
		n := 0
		for n < len(text) && n < 32 && ('A' <= text[n] && text[n] <= 'Z' || '0' <= text[n] && text[n] <= '9') {
			n++
		}
		if n == 0 || n >= len(text) || text[n] != '>' && text[n] != '|' {
			continue
		}
		if id := text[:n]; !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
		text = text[n:]
	}
}
