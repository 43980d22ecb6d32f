// Command disentangled converts one file of the "Software-related Slack
// Chats with Disentangled Conversations" data set (Chatterjee et al., MSR
// 2020; github.com/preethac/Software-related-Slack-Chats-with-Disentangled-Conversations)
// into a standard Slack export of one channel:
//
//	go run ./docs/realdata/disentangled [-flat] FILE.xml OUT_EXPORT_DIR
//
// A file is one channel of a public programming community (clojurians
// #clojure, elmlang #general, racket #general…) over a few months, its
// members renamed to pseudonyms, each message tagged with the conversation
// it belongs to (found by a disentangling model, as these channels did not
// use threads). Each conversation becomes a thread: its first message the
// parent, the others its replies; with -flat, every message stays in the
// channel, as it was posted, and Praxis finds the replies itself.
//
// Members get an id made from their pseudonym ("<@Alix>" in a text becomes
// a mention of that id). Pseudonyms hold within a file only, so files are
// converted one by one. The times are read as UTC: the data set wrote them
// in its authors' local time, without saying which.
package main

import (
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"regexp"
	"sort"
	"time"

	"praxis/docs/realdata/slackexport"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "disentangled:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("disentangled", flag.ContinueOnError)
	fs.SetOutput(stderr)
	flat := fs.Bool("flat", false, "keep every message in the channel (no threads)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	const usage = "usage: disentangled [-flat] FILE.xml OUT_EXPORT_DIR"
	return slackexport.Convert(fs.Args(), stderr, usage, func(path string) (slackexport.Workspace, error) {
		f, err := os.Open(path)
		if err != nil {
			return slackexport.Workspace{}, err
		}
		defer f.Close()
		ws, err := read(f, *flat)
		if err != nil {
			return ws, fmt.Errorf("%s: %w", path, err)
		}
		return ws, nil
	})
}

// chat is a file of the data set.
type chat struct {
	Team     string `xml:"team_domain"`
	Channel  string `xml:"channel_name"`
	Messages []struct {
		Conversation string `xml:"conversation_id,attr"`
		TS           string `xml:"ts"`
		User         string `xml:"user"`
		Text         string `xml:"text"`
	} `xml:"message"`
}

// mention is how the data set writes a mention: <@Pseudonym>.
var mention = regexp.MustCompile(`<@([^>|]+)>`)

func read(r io.Reader, flat bool) (slackexport.Workspace, error) {
	var c chat
	if err := xml.NewDecoder(r).Decode(&c); err != nil {
		return slackexport.Workspace{}, err
	}
	if c.Channel == "" {
		return slackexport.Workspace{}, errors.New("no channel_name: not a file of the data set")
	}
	ids := map[string]string{} // pseudonym → id
	taken := map[string]string{}
	for _, m := range c.Messages {
		if _, ok := ids[m.User]; ok || m.User == "" {
			continue
		}
		id := "U" + hash(c.Team+"/"+m.User)
		if other, clash := taken[id]; clash {
			return slackexport.Workspace{}, fmt.Errorf("pseudonyms %q and %q get the same id", other, m.User)
		}
		ids[m.User], taken[id] = id, m.User
	}
	ch := slackexport.Channel{ID: "C" + hash(c.Team+"/"+c.Channel), Name: c.Channel}
	parents := map[string]string{} // conversation → its first message's ts
	for _, m := range c.Messages {
		at, err := time.Parse("2006-01-02T15:04:05.999999", m.TS)
		if err != nil {
			return slackexport.Workspace{}, fmt.Errorf("message at %q: %w", m.TS, err)
		}
		text := mention.ReplaceAllStringFunc(m.Text, func(s string) string {
			if id, ok := ids[s[2:len(s)-1]]; ok {
				return "<@" + id + ">"
			}
			return s
		})
		msg := slackexport.Message{Type: "message", User: ids[m.User], Text: text, TS: slackexport.TS(at)}
		if parent, ok := parents[m.Conversation]; ok && !flat {
			msg.ThreadTS = parent
		} else if !ok {
			parents[m.Conversation] = msg.TS
		}
		ch.Messages = append(ch.Messages, msg)
	}
	ws := slackexport.Workspace{Channels: []slackexport.Channel{ch}, Location: time.UTC}
	for name, id := range ids {
		u := slackexport.User{ID: id, Name: name, RealName: name}
		u.Profile.RealName, u.Profile.DisplayName = name, name
		ws.Users = append(ws.Users, u)
	}
	sort.Slice(ws.Users, func(i, j int) bool { return ws.Users[i].ID < ws.Users[j].ID })
	return ws, nil
}

// hash is a short stable id part, in Slack's alphabet.
func hash(s string) string {
	h := fnv.New64a()
	h.Write([]byte(s))
	return fmt.Sprintf("%010X", h.Sum64()>>24)
}
