package bot

import "strings"

var slackEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Escape keeps text a member wrote from being read as Slack markup (links,
// mentions, <!channel> broadcasts) when Praxis repeats it in its own
// messages: Slack's &, < and > become entities, shown as typed.
func Escape(s string) string { return slackEscaper.Replace(s) }
