package config

import (
	"slices"
	"testing"
	"time"
)

func TestLookups(t *testing.T) {
	c, err := Load(examplePath, env(socketEnv))
	if err != nil {
		t.Fatal(err)
	}
	for ref, want := range map[string]string{
		"C0123ABC":       "Security guild",
		"#security":      "Security guild",
		"security":       "Security guild",
		"#Security":      "Security guild",
		"data-practice":  "Data practitioners",
		"#data-practice": "Data practitioners",
		"C999":           "",
		"":               "",
	} {
		cm, ok := c.CommunityForChannel(ref)
		if (want == "") == ok || ok && cm.Name != want {
			t.Errorf("CommunityForChannel(%q) = %v, %v; want %q", ref, cm, ok, want)
		}
	}
	if got, want := c.Channels(), []string{"C0123ABC", "#security", "#data-practice"}; !slices.Equal(got, want) {
		t.Errorf("Channels() = %v, want %v", got, want)
	}
	if cm, ok := c.CommunityNamed("security GUILD"); !ok || cm.Name != "Security guild" {
		t.Errorf("CommunityNamed = %v, %v", cm, ok)
	}
	cm := c.Communities[0]
	if cm.Digest.Day() != time.Monday || cm.Report.Day() != time.Monday {
		t.Errorf("days = %v %v", cm.Digest.Day(), cm.Report.Day())
	}
	from, to, ok := cm.Nudges.QuietWindow()
	if !ok || from != 19*time.Hour || to != 8*time.Hour {
		t.Errorf("QuietWindow = %v %v %v", from, to, ok)
	}
	cm.Timezone = "America/New_York" // changed after load: resolved afresh
	if cm.Location().String() != "America/New_York" {
		t.Errorf("Location after change = %v", cm.Location())
	}
}

func TestParseWeekday(t *testing.T) {
	for s, want := range map[string]time.Weekday{"monday": time.Monday, "SUN": time.Sunday, " Friday ": time.Friday} {
		if got, ok := ParseWeekday(s); !ok || got != want {
			t.Errorf("ParseWeekday(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"", "mo", "lundi", "monday2"} {
		if _, ok := ParseWeekday(s); ok {
			t.Errorf("ParseWeekday(%q) accepted", s)
		}
	}
}
