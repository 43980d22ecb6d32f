package sample

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// xMsg is a message of a day file, as a reader of exports sees it.
type xMsg struct {
	Type            string   `json:"type"`
	Subtype         string   `json:"subtype"`
	User            string   `json:"user"`
	BotID           string   `json:"bot_id"`
	Username        string   `json:"username"`
	Text            string   `json:"text"`
	TS              string   `json:"ts"`
	ThreadTS        string   `json:"thread_ts"`
	ParentUserID    string   `json:"parent_user_id"`
	ReplyCount      int      `json:"reply_count"`
	ReplyUsersCount int      `json:"reply_users_count"`
	LatestReply     string   `json:"latest_reply"`
	ReplyUsers      []string `json:"reply_users"`
	Replies         []struct{ User, TS string }
	Reactions       []struct {
		Name  string
		Users []string
		Count int
	}
	Files []struct {
		ID, Name, Title, Mimetype, Permalink, User string
		URLPrivate                                 string `json:"url_private"`
	}
	Edited *struct{ User, TS string }
}

// xDay is one day file.
type xDay struct {
	date string
	msgs []xMsg
}

// xExport is an export read back from disk.
type xExport struct {
	channels, groups []struct {
		ID, Name string
		Created  string
		Members  []string
	}
	users []struct {
		ID, Name, TZ, Locale string
		Profile              struct {
			BotID string `json:"bot_id"`
		}
	}
	isBot, deleted map[string]bool
	days           map[string][]xDay // folder → day files in date order
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func readExport(t *testing.T, dir string) *xExport {
	t.Helper()
	x := &xExport{days: map[string][]xDay{}, isBot: map[string]bool{}, deleted: map[string]bool{}}
	readJSON(t, filepath.Join(dir, "channels.json"), &x.channels)
	if _, err := os.Stat(filepath.Join(dir, "groups.json")); err == nil {
		readJSON(t, filepath.Join(dir, "groups.json"), &x.groups)
	}
	readJSON(t, filepath.Join(dir, "users.json"), &x.users)
	var flags []struct {
		ID      string
		IsBot   bool `json:"is_bot"`
		Deleted bool
	}
	readJSON(t, filepath.Join(dir, "users.json"), &flags)
	for _, f := range flags {
		x.isBot[f.ID], x.deleted[f.ID] = f.IsBot, f.Deleted
	}
	var logs []any
	readJSON(t, filepath.Join(dir, "integration_logs.json"), &logs)
	for _, c := range append(x.channels, x.groups...) {
		files, _ := filepath.Glob(filepath.Join(dir, c.Name, "*.json"))
		sort.Strings(files)
		for _, f := range files {
			var d xDay
			d.date = strings.TrimSuffix(filepath.Base(f), ".json")
			readJSON(t, f, &d.msgs)
			x.days[c.Name] = append(x.days[c.Name], d)
		}
	}
	return x
}

// each calls fn for every message of the export.
func (x *xExport) each(fn func(folder string, d *xDay, m *xMsg)) {
	names := make([]string, 0, len(x.days))
	for n := range x.days {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		for i := range x.days[n] {
			d := &x.days[n][i]
			for j := range d.msgs {
				fn(n, d, &d.msgs[j])
			}
		}
	}
}

// treeFiles reads every file under dir, by slash-separated relative path.
func treeFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeDir(t *testing.T, w *Workspace) (string, Stats) {
	t.Helper()
	dir := t.TempDir()
	st, err := w.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}
