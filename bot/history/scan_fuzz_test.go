package history

import (
	"bytes"
	"context"
	"io"
	"testing"

	"praxis/store"
)

// FuzzScan reads hostile lists and day files as `praxis discover` does
// (PublicChannels, Members, ReadChannel), with small limits: no panic,
// never more messages than the limits let through, every one with a time.
func FuzzScan(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add([]byte(`[{"id":"C01","name":"c","members":["U1"],"purpose":{"value":"x"}}]`), []byte(s))
		f.Add([]byte(s), []byte(`[{"ts":"1.000001","user":"U1","text":"hi?"}]`))
	}
	f.Fuzz(func(t *testing.T, list, day []byte) {
		lim := defaultLimits
		lim.element, lim.listElement, lim.literal, lim.dayMessages = 4096, 4096, 1024, 50
		file := func(data []byte) entry {
			return entry{open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
		}
		e := &Export{files: map[string]entry{"channels.json": file(list), "users.json": file(list),
			"c/2024-01-01.json": file(day), "C01/2024-01-01.json": file(day)}, lim: lim}
		chans, _ := e.PublicChannels()
		e.Members()
		chans = append(chans, Channel{ID: "C01", Name: "c", Folder: "c"})
		for _, c := range chans {
			n := 0
			_, err := e.ReadChannel(context.Background(), c, func(m store.ChannelMessage) error {
				if n++; n > lim.dayMessages {
					t.Fatalf("got %d messages from a day file, limit %d", n, lim.dayMessages)
				}
				if m.PostedAt.IsZero() {
					t.Fatalf("got a message without its time: %+v", m)
				}
				return nil
			})
			if err != nil {
				t.Fatalf("ReadChannel: %v (only fn's errors stop it)", err)
			}
		}
	})
}
