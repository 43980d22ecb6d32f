package bot

import (
	"regexp"
	"strings"
)

// linkRe is a link as Slack writes it, <url> or <url|label> (a label may
// hold markup itself: <url|<#C…>>), or a bare URL.
var linkRe = regexp.MustCompile(`<(https?://[^|>\s]+)(?:\|((?:[^<>]|<[^<>]*>)*))?>|\bhttps?://[^\s<>"]+`)

// Links extracts the URLs a message's text points to, in order, once each.
func Links(text string) []Link {
	if !strings.Contains(text, "http") {
		return nil // most messages: skip the regexp
	}
	var out []Link
	seen := map[string]bool{}
	for _, m := range linkRe.FindAllStringSubmatch(text, 50) {
		url, title := m[1], m[2]
		if url == "" {
			url = strings.TrimRight(m[0], ".,;:!?)")
		}
		if len(url) > 2048 || seen[url] {
			continue
		}
		seen[url] = true
		out = append(out, Link{URL: url, Title: title})
	}
	return out
}
