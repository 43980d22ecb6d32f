// Command julialang converts the JuliaLang Slack history saved by
// paveloom-a/julialang-slack-history (branch history) into a standard Slack
// export:
//
//	go run ./docs/realdata/julialang HISTORY_DIR OUT_EXPORT_DIR
//
// HISTORY_DIR holds what the Slack API returned, as the tool saved it:
// channels.json (the channel ids), names.json (id → name), users/ID.json
// (users.info; bots' B….json are left out, their messages carry a bot_id),
// messages/CHANNEL/N.json (conversations.history pages: {"messages": […]})
// and threads/CHANNEL/PARENT_TS.json (conversations.replies: the parent,
// then its replies). Day files are cut in UTC.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"praxis/docs/realdata/slackexport"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "julialang:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	return slackexport.Convert(args, stderr, "usage: julialang HISTORY_DIR OUT_EXPORT_DIR", read)
}

func read(root string) (slackexport.Workspace, error) {
	var ws slackexport.Workspace
	var ids []string
	var names map[string]string
	if err := readJSON(filepath.Join(root, "channels.json"), &ids); err != nil {
		return ws, err
	}
	if err := readJSON(filepath.Join(root, "names.json"), &names); err != nil {
		return ws, err
	}
	userFiles, err := filepath.Glob(filepath.Join(root, "users", "U*.json"))
	if err != nil {
		return ws, err
	}
	for _, p := range userFiles {
		var u slackexport.User
		if err := readJSON(p, &u); err != nil {
			return ws, err
		}
		if u.ID != "" {
			ws.Users = append(ws.Users, u)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := slackexport.Channel{ID: id, Name: names[id]}
		if c.Name == "" {
			c.Name = id
		}
		if c.Messages, err = readChannel(root, id); err != nil {
			return ws, err
		}
		ws.Channels = append(ws.Channels, c)
	}
	return ws, nil
}

// readChannel reads a channel's history pages, then its threads: a reply
// also sent to the channel is in both, and the history's copy (a
// thread_broadcast) is the one kept.
func readChannel(root, id string) ([]slackexport.Message, error) {
	pages, err := filepath.Glob(filepath.Join(root, "messages", id, "*.json"))
	if err != nil {
		return nil, err
	}
	var out []slackexport.Message
	for _, p := range pages {
		var page struct {
			Messages []slackexport.Message `json:"messages"`
		}
		if err := readJSON(p, &page); err != nil {
			return nil, err
		}
		out = append(out, page.Messages...)
	}
	threads, err := filepath.Glob(filepath.Join(root, "threads", id, "*.json"))
	if err != nil {
		return nil, err
	}
	for _, p := range threads {
		var thread []slackexport.Message
		if err := readJSON(p, &thread); err != nil {
			return nil, err
		}
		parent := strings.TrimSuffix(filepath.Base(p), ".json")
		for _, m := range thread {
			if m.TS != parent && m.ThreadTS == "" {
				m.ThreadTS = parent
			}
			out = append(out, m)
		}
	}
	for i := range out {
		if out[i].Type == "" {
			out[i].Type = "message"
		}
	}
	return out, nil
}

// readJSON decodes a file; a field of an unexpected type is left empty
// rather than failing the file (the API's shapes vary a little over time).
func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var typeErr *json.UnmarshalTypeError
	if err := json.Unmarshal(b, v); err != nil && !errors.As(err, &typeErr) {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
