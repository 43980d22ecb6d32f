// Package source feeds discovery (bot/discover) a workspace's history: an
// export read in place (bot/history's reading, under its limits) or what
// Praxis recorded in its store, each channel read once, several channels
// at a time.
package source

import (
	"context"
	"math"
	"runtime"
	"runtime/debug"
	"sync"

	"praxis/bot/discover"
	"praxis/bot/history"
	"praxis/store"
)

// Read is a workspace's history as discovery reads it.
type Read struct {
	Histories []*discover.History
	Names     map[string]string // member id → name
	Problems  []string          // what could not be read, in words
}

// Export reads an export's public channels. configured maps a channel id
// to the community the configuration already puts it in.
func Export(ctx context.Context, e *history.Export, configured map[string]string) (Read, error) {
	chans, problems := e.PublicChannels()
	members, more := e.Members()
	r := Read{Names: names(members), Problems: append(problems, more...)}
	jobs := make([]job, len(chans))
	for i, c := range chans {
		jobs[i] = job{ch: discover.Channel{ID: c.ID, Name: c.Name, Purpose: c.Purpose, Members: c.Members,
			Configured: configured[c.ID]},
			read: func(fn func(store.ChannelMessage) error) ([]string, error) { return e.ReadChannel(ctx, c, fn) }}
	}
	return r.run(ctx, jobs)
}

// Store reads the public channels recorded in st.
func Store(ctx context.Context, st *store.Store, configured map[string]string) (Read, error) {
	cs, err := st.Communities(ctx)
	if err != nil {
		return Read{}, err
	}
	members, err := st.Members(ctx)
	if err != nil {
		return Read{}, err
	}
	in, err := st.CurrentChannelMembers(ctx)
	if err != nil {
		return Read{}, err
	}
	byChannel := map[string][]string{}
	for m, chans := range in {
		for c := range chans {
			byChannel[c] = append(byChannel[c], m)
		}
	}
	r := Read{Names: names(members)}
	var jobs []job
	for _, c := range cs {
		for id, name := range c.Channels {
			if c.Private[id] {
				continue
			}
			jobs = append(jobs, job{ch: discover.Channel{ID: id, Name: name, Members: byChannel[id],
				Configured: configured[id]},
				read: func(fn func(store.ChannelMessage) error) ([]string, error) {
					return nil, st.ScanChannel(ctx, id, func(m store.ChannelMessage) error { fn(m); return nil })
				}})
		}
	}
	return r.run(ctx, jobs)
}

// heapLimit is the Go heap discovery aims to stay under.
const heapLimit = 256 << 20

// job is a channel to read: what it is, and how to read its messages.
type job struct {
	ch   discover.Channel
	read func(fn func(store.ChannelMessage) error) ([]string, error)
}

// run reads the channels on as many goroutines as there are cores (two
// channels at a time on two cores: one channel's reading is one core's
// work), keeping their order.
func (r Read) run(ctx context.Context, jobs []job) (Read, error) {
	// Decoding JSON allocates short-lived garbage at a great rate while
	// what is kept is small: collecting less often leaves the cores to the
	// reading, as an import does, under a soft limit (unless GOMEMLIMIT).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	if limit := debug.SetMemoryLimit(-1); limit == math.MaxInt64 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(heapLimit))
	}
	r.Histories = make([]*discover.History, len(jobs))
	problems := make([][]string, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(jobs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rd := discover.NewReader(jobs[i].ch)
				problems[i], errs[i] = jobs[i].read(func(m store.ChannelMessage) error { rd.Add(m); return nil })
				r.Histories[i] = rd.Done()
			}
		}()
	}
	for i := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	for i := range jobs {
		if errs[i] != nil {
			return r, errs[i]
		}
		r.Problems = append(r.Problems, problems[i]...)
	}
	return r, ctx.Err()
}

// names are the members' names as people know them.
func names(ms []store.Member) map[string]string {
	out := make(map[string]string, len(ms))
	for _, m := range ms {
		switch {
		case m.RealName != "":
			out[m.ID] = m.RealName
		case m.DisplayName != "":
			out[m.ID] = m.DisplayName
		default:
			out[m.ID] = m.Name
		}
	}
	return out
}
