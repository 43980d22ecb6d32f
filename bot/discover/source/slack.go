package source

import (
	"cmp"
	"context"
	"sync"

	"praxis/bot/discover"
	"praxis/bot/history"
	"praxis/store"
)

// Progress hears of each channel read: its place among n, its name and
// how many messages were read in it. Calls do not overlap.
type Progress func(i, n int, name string, messages int)

// Slack reads what the bot can read of a workspace through the Web API
// (history.Slack): the public channels it is in, over the reading's
// window, in memory. configured maps a channel, by id or by #name as a
// configuration names it, to the community the configuration already puts
// it in; progress, when set, hears of each channel read.
func Slack(ctx context.Context, s *history.Slack, configured map[string]string, progress Progress) (Read, error) {
	chans, err := s.PublicChannels(ctx)
	if err != nil {
		return Read{}, err
	}
	members, err := s.Members(ctx)
	if err != nil {
		return Read{}, err
	}
	r := Read{Names: names(members)}
	var mu sync.Mutex
	done := 0
	jobs := make([]job, len(chans))
	for i, c := range chans {
		jobs[i] = job{ch: discover.Channel{ID: c.ID, Name: c.Name, Purpose: c.Purpose, Members: c.Members,
			Configured: cmp.Or(configured[c.ID], configured["#"+c.Name])},
			read: func(fn func(store.ChannelMessage) error) ([]string, error) {
				n := 0
				problems, err := s.ReadChannel(ctx, c, func(m store.ChannelMessage) error { n++; return fn(m) })
				if progress != nil && err == nil {
					mu.Lock()
					done++
					progress(done, len(chans), c.Name, n)
					mu.Unlock()
				}
				return problems, err
			}}
	}
	return r.run(ctx, jobs)
}
