// Package discover finds the communities of practice a workspace already
// has, from its history (an export, or what Praxis recorded), for `praxis
// discover`: which channels share their people and the people who answer
// each other, what each group talks about, who its core group is, what it
// asks for and how well that is met, ranked by what Praxis would add.
//
// It is a pure core: a Reader per channel gathers what the rest needs in
// one pass over the channel's messages (threads, who answered whom, the
// distinct terms of each message, the questions and their needs), and
// Find joins the channels into groups by modularity (Louvain) on a graph
// of channels weighted by their shared active members and by the pairs of
// people who answer each other in both. No store writes, no Slack.
//
// The method and its measures (adjusted Rand index against the generator's
// communities, the core groups' precision and recall, the real histories)
// are in docs/discover.md.
package discover
