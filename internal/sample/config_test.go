package sample

import (
	"slices"
	"testing"

	"praxis/bot/config"
)

func TestConfigYAML(t *testing.T) {
	env := map[string]string{config.EnvBotToken: "xoxb-test", config.EnvAppToken: "xapp-test"}
	for _, opts := range []Options{{Seed: 1}, {Seed: 2, Channels: 50, Members: 2000}} {
		w := New(opts)
		yaml := w.ConfigYAML("http://127.0.0.1:8080/api/", "/tmp/praxis demo.db")
		c, err := config.Parse([]byte(yaml), "sample.yaml", func(k string) string { return env[k] })
		if err != nil {
			t.Fatalf("%d channels: config does not parse: %v\n%s", opts.Channels, err, yaml)
		}
		if c.Slack.APIURL != "http://127.0.0.1:8080/api/" || c.Database.Path != "/tmp/praxis demo.db" {
			t.Errorf("api_url %q, database %q", c.Slack.APIURL, c.Database.Path)
		}
		if len(c.Communities) != len(w.Communities) {
			t.Fatalf("config has %d communities, want %d", len(c.Communities), len(w.Communities))
		}
		for i, cm := range w.Communities {
			got := c.Communities[i]
			if got.Name != cm.Name || got.Language != cm.Language || got.Timezone != cm.Timezone ||
				!slices.Equal(got.Channels, cm.Channels) || !slices.Equal(got.Topics, cm.Topics) ||
				len(got.Experts) != len(cm.Experts) {
				t.Errorf("community %d: got %+v, want %+v", i, got, cm)
			}
		}
		for _, ch := range w.Channels {
			if cm, ok := c.CommunityForChannel(ch.ID); !ok || cm.Name != ch.Community {
				t.Errorf("channel %s not mapped to %s", ch.ID, ch.Community)
			}
		}
	}
	bare := []byte(New(Options{}).ConfigYAML("", ""))
	if _, err := config.Parse(bare, "sample.yaml", func(k string) string { return env[k] }); err != nil {
		t.Errorf("config without api_url and database: %v", err)
	}
}
