package bot

// Form is how Quote writes what it quotes.
type Form int

// The forms of a quote.
const (
	// Mrkdwn is Slack text: links stay links, everything else is escaped.
	Mrkdwn Form = iota
	// Label is Slack text for the label of a link Praxis wraps the quote
	// in: Slack does not nest links, so the quote's own are flattened to
	// their labels; escaped, with no "|" (written "¦").
	Label
	// Plain is decoded text with nothing escaped, for the renderers that
	// escape in their own way (HTML, Markdown, a terminal) and for search.
	Plain
)

// Names resolves the ids Slack's markup holds to the names a quote shows
// instead. A nil func, or "" from it, means unknown.
type Names struct {
	Member  func(id string) string // U… or W… → "Alice Martin"
	Channel func(id string) string // C… or G… → "platform-guild"
}

// maxNesting bounds how deep markup inside markup is read (a link whose
// label holds a channel link is two); deeper, it is flattened to text.
const maxNesting = 4

// Quote turns text as Slack stores it (mrkdwn-escaped, with control
// sequences) into what Praxis shows when it repeats it, so that a quote
// reads as its author wrote it and can never notify anyone:
//
//   - Slack's entities (&amp; &lt; &gt;) are decoded exactly once;
//   - a link (<https://…|label>, <https://…>, <mailto:…>) stays a link in
//     Mrkdwn, its label read the same way (markup nested in it flattened);
//     in Label and Plain it is its label, or its URL;
//   - people and channels (<@U…>, <@U…|name>, <#C…>, <#C…|name>) are shown
//     by name as plain text, "@Alice Martin", "#platform-guild": the label
//     Slack wrote, else names' answer, else the id ("@U0QI1QSP8Y");
//   - broadcasts and other specials (<!here>, <!channel>, <!everyone>,
//     <!subteam^S…|@team>, <!date^…|fallback>) become harmless text
//     ("@here", "@team", the fallback);
//   - whitespace runs become one space (a quote is one line); control and
//     bidi characters are dropped; invalid UTF-8 becomes U+FFFD;
//   - then it is escaped once (Mrkdwn, Label).
//
// With max > 0 it is cut to at most max characters of the text shown,
// ellipsis included, at a word boundary when one is near, and never inside
// a link: a link that does not fit is left out, unless it comes first, when
// its label is cut instead. Quote is linear in len(text), whatever it holds.
func Quote(text string, form Form, max int, names Names) string {
	q := quoter{names: names, form: form, max: max, noSpace: -1}
	size := len(text)
	if max <= 0 {
		q.max = -1
	} else {
		size = min(size, 4*max+16)
	}
	q.plain = make([]byte, 0, min(size, 1<<16))
	q.match(text)
	q.run(text, 0, len(text), 0)
	q.cut()
	return q.render()
}

// Cut shortens plain text to at most max characters, ellipsis included,
// at a word boundary when one is near, on one line; max <= 0: no limit.
func Cut(s string, max int) string { return Quote(Escape(s), Plain, max, Names{}) }
