package terms

import "unicode/utf8"

// latin folds U+00C0–U+017F (Latin-1 and Latin Extended-A letters) to
// their base letters: é→e, ç→c, œ→oe, ß→ss. Other scripts are left alone
// (FTS5's unicode61 tokenizer folds what remains, on both sides alike).
var latin = func() (t [0x180 - 0xC0]string) {
	for _, r := range []struct {
		from, to rune
		base     string
	}{
		{0xC0, 0xC5, "a"}, {0xC6, 0xC6, "ae"}, {0xC7, 0xC7, "c"}, {0xC8, 0xCB, "e"}, {0xCC, 0xCF, "i"},
		{0xD0, 0xD0, "d"}, {0xD1, 0xD1, "n"}, {0xD2, 0xD6, "o"}, {0xD8, 0xD8, "o"}, {0xD9, 0xDC, "u"},
		{0xDD, 0xDD, "y"}, {0xDE, 0xDE, "th"}, {0xDF, 0xDF, "ss"},
		{0xE0, 0xE5, "a"}, {0xE6, 0xE6, "ae"}, {0xE7, 0xE7, "c"}, {0xE8, 0xEB, "e"}, {0xEC, 0xEF, "i"},
		{0xF0, 0xF0, "d"}, {0xF1, 0xF1, "n"}, {0xF2, 0xF6, "o"}, {0xF8, 0xF8, "o"}, {0xF9, 0xFC, "u"},
		{0xFD, 0xFD, "y"}, {0xFE, 0xFE, "th"}, {0xFF, 0xFF, "y"},
		{0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"},
		{0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
		{0x139, 0x142, "l"}, {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
		{0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"}, {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
		{0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
	} {
		for c := r.from; c <= r.to; c++ {
			t[c-0xC0] = r.base
		}
	}
	return t
}()

// appendFolded appends word (lowercase, valid UTF-8) to dst with its Latin
// diacritics folded.
func appendFolded(dst []byte, word string) []byte {
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(word[i:])
		if r >= 0xC0 && r < 0x180 && latin[r-0xC0] != "" {
			dst = append(dst, latin[r-0xC0]...)
		} else {
			dst = append(dst, word[i:i+n]...)
		}
		i += n
	}
	return dst
}

// frenchMark reports whether r is a diacritic that French uses and English
// does not: a hint of the message's language.
func frenchMark(r rune) bool {
	switch r {
	case 'é', 'è', 'ê', 'ë', 'à', 'â', 'ç', 'ù', 'û', 'ô', 'î', 'ï', 'œ':
		return true
	}
	return false
}

const (
	stopEN = 1 << iota
	stopFR
)

// stops are the stop words of both languages, folded (the words a message
// in either language is made of that say nothing of its subject): Snowball's
// English and French lists, plus the contractions' pieces ("we're" → "re")
// and a few very common French words Snowball keeps.
var stops = func() map[string]uint8 {
	m := map[string]uint8{}
	for _, w := range []string{"a", "about", "above", "after", "again", "against", "all", "am", "an",
		"and", "any", "are", "as", "at", "be", "because", "been", "before",
		"being", "below", "between", "both", "but", "by", "can", "did", "do",
		"does", "doing", "don", "down", "during", "each", "few", "for", "from",
		"further", "had", "has", "have", "having", "he", "her", "here", "hers",
		"herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
		"it", "its", "itself", "just", "me", "more", "most", "my", "myself",
		"no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
		"other", "our", "ours", "ourselves", "out", "over", "own", "s", "same",
		"she", "should", "so", "some", "such", "t", "than", "that", "the", "their",
		"theirs", "them", "themselves", "then", "there", "these", "they",
		"this", "those", "through", "to", "too", "under", "until", "up",
		"very", "was", "we", "were", "what", "when", "where", "which", "while",
		"who", "whom", "why", "will", "with", "you", "your", "yours", "yourself",
		"yourselves", "re", "ve", "ll", "d", "m", "also", "would", "could", "us"} {
		m[w] |= stopEN
	}
	for _, w := range []string{"au", "aux", "avec", "les", "ce", "ces", "dans", "de", "des", "du",
		"elle", "en", "et", "eux", "il", "je", "la", "le", "leur",
		"lui", "ma", "mais", "me", "meme", "mes", "moi", "mon", "ne",
		"nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu",
		"que", "qui", "sa", "se", "ses", "son", "sur", "ta", "te",
		"tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous",
		"c", "d", "j", "l", "a", "m", "n", "s", "t", "y", "ete",
		"etee", "etees", "etes", "etant", "etante", "etants", "etantes",
		"suis", "es", "est", "sommes", "sont", "serai",
		"seras", "sera", "serons", "serez", "seront", "serais",
		"serait", "serions", "seriez", "seraient", "etais", "etait",
		"etions", "etiez", "etaient", "fus", "fut", "fumes", "futes",
		"furent", "sois", "soit", "soyons", "soyez", "soient", "fusse",
		"fusses", "fussions", "fussiez", "fussent", "ayant",
		"ayante", "ayantes", "ayants", "eu", "eue", "eues", "eus",
		"ai", "as", "avons", "avez", "ont", "aurai", "auras", "aura",
		"aurons", "aurez", "auront", "aurais", "aurait", "aurions",
		"auriez", "auraient", "avais", "avait", "avions", "aviez",
		"avaient", "eut", "eumes", "eutes", "eurent", "aie", "aies",
		"ait", "ayons", "ayez", "aient", "eusse", "eusses",
		"eussions", "eussiez", "eussent",
		"cette", "cet", "ca", "comme", "donc", "alors", "si", "tout", "tous", "toute", "toutes",
		"aussi", "tres", "quand", "sans", "sous", "chez", "vers", "leurs", "ni", "dont", "lorsqu", "puisqu", "jusqu"} {
		m[w] |= stopFR
	}
	return m
}()
