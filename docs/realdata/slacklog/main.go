// Command slacklog converts a history saved by haskell-jp/slack-log (the
// public log of the haskell-jp Slack, and any workspace that runs the same
// tool) into a standard Slack export:
//
//	go run ./docs/realdata/slacklog SLACKLOG_DIR OUT_EXPORT_DIR
//
// SLACKLOG_DIR holds slack-log.yaml (targetChannels: id → name, timeZone)
// and docs/json: .users.json (id → name), .groups.json (the private ones),
// CHANNEL/N.json (pages of top-level messages: ts, user, text, type) and
// CHANNEL/N/PARENT_TS.json (a thread: its parent, then its replies). Day
// files are cut in the workspace's time zone.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // the workspace's zone must not depend on the host's tzdata

	"praxis/docs/realdata/slackexport"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "slacklog:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	return slackexport.Convert(args, stderr, "usage: slacklog SLACKLOG_DIR OUT_EXPORT_DIR", read)
}

// config is what slack-log.yaml says that matters here.
type config struct {
	timeZone string
	channels map[string]string // id → name
}

// read reads a slack-log tree into a workspace.
func read(root string) (slackexport.Workspace, error) {
	var ws slackexport.Workspace
	cfg, err := readConfig(filepath.Join(root, "slack-log.yaml"))
	if err != nil {
		return ws, err
	}
	ws.Location = time.UTC
	if cfg.timeZone != "" {
		if ws.Location, err = time.LoadLocation(cfg.timeZone); err != nil {
			return ws, fmt.Errorf("slack-log.yaml: timeZone: %w", err)
		}
	}
	jsonDir := filepath.Join(root, "docs", "json")
	var names, groups map[string]string
	if err := readJSON(filepath.Join(jsonDir, ".users.json"), &names); err != nil {
		return ws, err
	}
	if err := readJSON(filepath.Join(jsonDir, ".groups.json"), &groups); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return ws, err
	}
	for id, name := range names {
		u := slackexport.User{ID: id, Name: name, RealName: name}
		if name == "" {
			u.Name = id
		}
		u.Profile.RealName, u.Profile.DisplayName = name, name
		ws.Users = append(ws.Users, u)
	}
	sort.Slice(ws.Users, func(i, j int) bool { return ws.Users[i].ID < ws.Users[j].ID })
	entries, err := os.ReadDir(jsonDir)
	if err != nil {
		return ws, err
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		id := e.Name()
		c := slackexport.Channel{ID: id, Name: cfg.channels[id]}
		if name, ok := groups[id]; ok {
			c.Private = true
			if c.Name == "" {
				c.Name = name
			}
		}
		if c.Name == "" {
			c.Name = id
		}
		if c.Messages, err = readChannel(filepath.Join(jsonDir, id)); err != nil {
			return ws, err
		}
		ws.Channels = append(ws.Channels, c)
	}
	return ws, nil
}

// readConfig reads the two keys of slack-log.yaml it needs. The file is
// flat YAML (a map of strings, and one nested map of strings), read line by
// line so that the converter needs nothing beyond the standard library.
func readConfig(path string) (config, error) {
	cfg := config{channels: map[string]string{}}
	f, err := os.Open(path)
	if err != nil {
		return cfg, err
	}
	defer f.Close()
	inChannels := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		key, value, _ := strings.Cut(strings.TrimSpace(line), ":")
		value = strings.Trim(strings.TrimSpace(value), `"'`)
		nested := strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
		switch {
		case nested && inChannels:
			cfg.channels[key] = value
		case nested:
		case key == "targetChannels":
			inChannels = true
		default:
			inChannels = false
			if key == "timeZone" {
				cfg.timeZone = value
			}
		}
	}
	if err := sc.Err(); err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// logMessage is a message as slack-log saves it.
type logMessage struct {
	Type string `json:"type"`
	TS   string `json:"ts"`
	User string `json:"user"`
	Text string `json:"text"`
}

// readChannel reads a channel's pages (N.json) and threads (N/TS.json).
// A reply that is also among the top-level messages was sent to the
// channel too: it is kept once, as a thread_broadcast.
func readChannel(dir string) ([]slackexport.Message, error) {
	pages, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	threads, err := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	if err != nil {
		return nil, err
	}
	top := map[string]int{}
	var out []slackexport.Message
	for _, p := range pages {
		var page []logMessage
		if err := readJSON(p, &page); err != nil {
			return nil, err
		}
		for _, m := range page {
			top[m.TS] = len(out)
			out = append(out, message(m))
		}
	}
	for _, p := range threads {
		var thread []logMessage
		if err := readJSON(p, &thread); err != nil {
			return nil, err
		}
		if len(thread) == 0 {
			continue
		}
		parent := thread[0].TS
		if _, ok := top[parent]; !ok {
			top[parent] = len(out)
			out = append(out, message(thread[0]))
		}
		for _, m := range thread[1:] {
			r := message(m)
			r.ThreadTS = parent
			if i, ok := top[m.TS]; ok {
				r.Subtype = "thread_broadcast"
				out[i] = r
				continue
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// message turns a saved message into an exported one. slack-log keeps no
// subtype: the system messages are recognised by their text, and a message
// with no author is a bot's or an integration's.
func message(m logMessage) slackexport.Message {
	out := slackexport.Message{Type: m.Type, User: m.User, Text: m.Text, TS: m.TS}
	if out.Type == "" {
		out.Type = "message"
	}
	if m.User == "" {
		out.Subtype = "bot_message"
		return out
	}
	out.Subtype = systemSubtype(m.User, m.Text)
	return out
}

// systemMessages are the texts Slack writes for events in a channel,
// after "<@USER> ", and the subtype a real export gives them; a trailing
// ":" means the text goes on (the new topic, the new purpose).
var systemMessages = []struct{ text, subtype string }{
	{"has joined the channel", "channel_join"},
	{"has left the channel", "channel_leave"},
	{"has joined the group", "group_join"},
	{"has left the group", "group_leave"},
	{"set the channel topic:", "channel_topic"},
	{"cleared channel topic", "channel_topic"},
	{"set the channel purpose:", "channel_purpose"},
	{"cleared channel purpose", "channel_purpose"},
	{"set the channel name:", "channel_name"},
	{"renamed the channel from", "channel_name"},
	{"archived the channel", "channel_archive"},
	{"un-archived the channel", "channel_unarchive"},
	{"pinned a message to this channel.", "pinned_item"},
}

func systemSubtype(user, text string) string {
	rest, ok := strings.CutPrefix(text, "<@"+user+"> ")
	if !ok {
		if rest, ok = strings.CutPrefix(text, "<@"+user+"|"); !ok {
			return ""
		}
		if _, rest, ok = strings.Cut(rest, "> "); !ok {
			return ""
		}
	}
	for _, s := range systemMessages {
		if rest == s.text || strings.HasSuffix(s.text, ":") && strings.HasPrefix(rest, s.text) ||
			s.subtype == "channel_name" && strings.HasPrefix(rest, s.text) {
			return s.subtype
		}
	}
	return ""
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
