package slackio

import (
	"context"
	"testing"

	"praxis/bot"
	"praxis/internal/slackemu"
)

// Channels resolve with their privacy: a public channel and a private one
// Praxis is in from conversations.list; an id the list does not give (a
// private channel Praxis is not in yet) is private, never public.
func TestResolveChannelsPrivacy(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	defer emu.Close()
	emu.AddChannel(slackemu.Channel{ID: "C1", Name: "security", Members: []string{"UPRAXIS"}})
	emu.AddChannel(slackemu.Channel{ID: "G1", Name: "leads", IsPrivate: true, Members: []string{"UPRAXIS"}})
	emu.AddChannel(slackemu.Channel{ID: "G2", Name: "hr", IsPrivate: true})
	d := NewDirectory(emu.Client())
	got, missing, err := d.ResolveChannels(context.Background(), []string{"C1", "#leads", "G2", "#nope"})
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) != 1 || missing[0] != "#nope" {
		t.Errorf("got missing %v, want #nope", missing)
	}
	for ref, want := range map[string]bot.Channel{
		"C1":     {ID: "C1", Name: "security"},
		"#leads": {ID: "G1", Name: "leads", Private: true},
		"G2":     {ID: "G2", Private: true},
	} {
		if got[ref] != want {
			t.Errorf("%s: got %+v, want %+v", ref, got[ref], want)
		}
	}
}

// A profile's team and site come from users.profile.get, the one method
// that gives the custom fields; nothing else of them is kept.
func TestProfileTeamAndSite(t *testing.T) {
	emu := slackemu.New(slackemu.Options{})
	defer emu.Close()
	emu.AddUser(slackemu.User{ID: "U1", Name: "ana", TZ: "Europe/Paris",
		Fields: map[string]string{"Département": "Qualité", "Site": "Grenoble", "Pronouns": "elle"}})
	emu.AddUser(slackemu.User{ID: "U2", Name: "bo"})
	d := NewDirectory(emu.Client())
	for id, want := range map[string][2]string{"U1": {"Qualité", "Grenoble"}, "U2": {"", ""}} {
		m, err := d.Profile(context.Background(), id)
		if err != nil || m.Team != want[0] || m.Site != want[1] || m.ID != id {
			t.Errorf("%s: got %+v, %v; want team %q, site %q", id, m, err, want[0], want[1])
		}
	}
}
