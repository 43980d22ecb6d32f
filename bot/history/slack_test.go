package history

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"praxis/bot/slackio"
	"praxis/internal/slackemu"
	"praxis/store"
)

// slackRig is a workspace whose channel C01, which Praxis is in, holds a
// thread started before the window (a reply to it also sent to the
// channel inside the window), a thread inside it with a broadcast reply,
// and a message alone; C02 is public without Praxis, G01 private with it.
func slackRig(t *testing.T, oldest time.Time) *Slack {
	t.Helper()
	emu := slackemu.New(slackemu.Options{Subscriptions: []string{"app_home_opened"}})
	t.Cleanup(emu.Close)
	for _, u := range []string{"U01", "U02", "U03"} {
		emu.AddUser(slackemu.User{ID: u, Name: strings.ToLower(u), RealName: "Member " + u})
	}
	emu.AddChannel(slackemu.Channel{ID: "C01", Name: "security", Purpose: "Keep us safe",
		Members: []string{"U01", "U02", "UPRAXIS"}})
	emu.AddChannel(slackemu.Channel{ID: "C02", Name: "elsewhere", Members: []string{"U01"}})
	emu.AddChannel(slackemu.Channel{ID: "G01", Name: "secret", IsPrivate: true, Members: []string{"U01", "UPRAXIS"}})
	ts := func(d time.Duration) string { return fmt.Sprintf("%d.000100", oldest.Add(d).Unix()) }
	emu.AddHistory("C01",
		slackemu.Past{TS: ts(-240 * time.Hour), User: "U01", Text: "an old question?"},
		slackemu.Past{TS: ts(time.Hour), ThreadTS: ts(-240 * time.Hour), User: "U02", Text: "late answer"},
		slackemu.Past{TS: ts(2 * time.Hour), ThreadTS: ts(-240 * time.Hour), User: "U02", Subtype: "thread_broadcast",
			Text: "late answer, also to the channel"},
		slackemu.Past{TS: ts(24 * time.Hour), User: "U01", Text: "how do we rotate keys?"},
		slackemu.Past{TS: ts(25 * time.Hour), ThreadTS: ts(24 * time.Hour), User: "U02", Text: "with the runbook"},
		slackemu.Past{TS: ts(26 * time.Hour), ThreadTS: ts(24 * time.Hour), User: "U01", Subtype: "thread_broadcast",
			Text: "thanks, it works"},
		slackemu.Past{TS: ts(48 * time.Hour), User: "U02", Text: "weekly notes"},
		slackemu.Past{TS: ts(49 * time.Hour), User: "UBOT", Subtype: "bot_message", Text: "deploy done"},
	)
	emu.AddHistory("C02", slackemu.Past{TS: ts(time.Hour), User: "U01", Text: "not read"})
	emu.AddHistory("G01", slackemu.Past{TS: ts(time.Hour), User: "U01", Text: "not read either"})
	return NewSlack(slackio.NewDirectory(emu.Client()), SlackOptions{Rate: 1000, Oldest: oldest, Bot: "UPRAXIS",
		PageSize: 2})
}

// TestSlackReadsTheChannelsPraxisIsIn: only the public channels Praxis is
// in are listed, with their purpose and members (Praxis left out); a
// channel's window is handed on oldest first, each thread's replies after
// its parent, a broadcast reply once, with its thread when that thread
// started in the window and as a message of its own otherwise.
func TestSlackReadsTheChannelsPraxisIsIn(t *testing.T) {
	ctx := context.Background()
	oldest := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	s := slackRig(t, oldest)
	chans, err := s.PublicChannels(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []Channel{{ID: "C01", Name: "security", Purpose: "Keep us safe", Members: []string{"U01", "U02"}}}
	if diff := cmp.Diff(want, chans); diff != "" {
		t.Fatalf("channels (-want +got):\n%s", diff)
	}
	members, err := s.Members(ctx)
	if err != nil || len(members) != 4 || members[0].RealName != "Member U01" {
		t.Fatalf("got %v, %+v; want the three members and Praxis, by name", err, members)
	}
	var got []string
	problems, err := s.ReadChannel(ctx, chans[0], func(m store.ChannelMessage) error {
		got = append(got, m.Text)
		return nil
	})
	if err != nil || problems != nil {
		t.Fatalf("got %v, %v", problems, err)
	}
	read := []string{"late answer, also to the channel", "how do we rotate keys?", "with the runbook",
		"thanks, it works", "weekly notes", "deploy done"}
	if !slices.Equal(got, read) {
		t.Errorf("read %q, want %q", got, read)
	}
}

// TestSlackHoldsABoundedWindow: past its bound on the top-level messages
// held, a channel's newest are read and the rest is said to be left out.
func TestSlackHoldsABoundedWindow(t *testing.T) {
	ctx := context.Background()
	s := slackRig(t, time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))
	s.lim.messages = 2
	var got []string
	problems, err := s.ReadChannel(ctx, Channel{ID: "C01", Name: "security"}, func(m store.ChannelMessage) error {
		got = append(got, m.Text)
		return nil
	})
	want := []string{"#security: only the newest 2 messages read (more would not fit in memory)"}
	if err != nil || !slices.Equal(problems, want) || !slices.Equal(got, []string{"weekly notes", "deploy done"}) {
		t.Errorf("got %q, %q, %v; want the two newest and %q", got, problems, err, want)
	}
}
