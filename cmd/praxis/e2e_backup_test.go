package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"praxis/internal/slackemu"
	"praxis/store"
)

// `praxis backup` while `praxis run` records a stream of messages: the
// backup, restored as the README says (in the database's place, without
// the old log), opens and holds every message recorded before it began.
func TestE2EBackupWhileRunning(t *testing.T) {
	w := newWorld(t, "socket", slackemu.Options{})
	w.start(t)
	var before []string
	for i := range 40 {
		before = append(before, w.emu.UserMessage("C01", "U02", fmt.Sprintf("note %d on key rotation", i)))
	}
	w.settled(t)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() { // messages keep coming during the backup
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
				w.emu.UserMessage("C01", "U03", fmt.Sprintf("during the backup %d", i))
			}
		}
	}()
	dst := filepath.Join(t.TempDir(), "praxis-backup.db")
	out, err := runCLI(t, nil, "backup", "--db", w.db, dst)
	close(stop)
	wg.Wait()
	if err != nil || !strings.Contains(out, "checked") {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if _, err := runCLI(t, nil, "backup", "--db", w.db, dst); err == nil {
		t.Fatal("a second backup to the same file overwrote it")
	}
	restored := filepath.Join(t.TempDir(), "praxis.db")
	if err := os.Rename(dst, restored); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), restored, store.Options{})
	if err != nil {
		t.Fatalf("the restored backup does not open: %v", err)
	}
	defer st.Close()
	for _, ts := range before {
		if _, err := st.MessageByTS(context.Background(), "C01", ts); err != nil {
			t.Fatalf("message %s, recorded before the backup, is not in it: %v", ts, err)
		}
	}
}

// `praxis backup` of a PostgreSQL database says that it copies SQLite
// files and what to use instead, without the URL's password and before
// connecting anywhere.
func TestBackupOfPostgresPointsToPgDump(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "praxis-backup.db")
	out, err := runCLI(t, nil, "backup", "--db", "postgres://praxis:S3CRETpw@127.0.0.1:1/praxis", dst)
	if err == nil || !strings.Contains(err.Error(), "pg_dump") || !strings.Contains(err.Error(), "127.0.0.1:1/praxis") {
		t.Fatalf("got %v\n%s\nwant a refusal pointing to pg_dump", err, out)
	}
	if strings.Contains(err.Error()+out, "S3CRET") {
		t.Errorf("the refusal shows the password: %v", err)
	}
	if _, err := os.Stat(dst); !os.IsNotExist(err) {
		t.Errorf("got %v, want no backup file", err)
	}
}
