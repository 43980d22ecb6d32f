package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRetention(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want time.Duration
		line int // of the problem; 0: none
	}{
		{"default keeps text", minimal, 0, 0},
		{"a year", "retention:\n  message_text: 8760h\n" + minimal, 8760 * time.Hour, 0},
		{"a day", "retention: {message_text: 24h}\n" + minimal, 24 * time.Hour, 0},
		{"explicit zero", "retention: {message_text: 0s}\n" + minimal, 0, 0},
		{"too short", "retention:\n  message_text: 1h\n" + minimal, 0, 2},
		{"negative", "retention:\n  message_text: -24h\n" + minimal, 0, 2},
		{"unknown key", "retention:\n  messages: 24h\n" + minimal, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.doc), "c.yaml", env(socketEnv))
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("got %v, want no problem", err)
				}
				if got := c.Retention.MessageText.Std(); got != tt.want {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
				return
			}
			var probs Problems
			if !errors.As(err, &probs) || len(probs) != 1 ||
				probs[0].Line != tt.line || !strings.HasPrefix(probs[0].Key, "retention.") {
				t.Fatalf("got %v, want one problem with retention at line %d", err, tt.line)
			}
		})
	}
}
