package digesttest

import (
	"context"
	"sort"
	"testing"
	"time"

	"praxis/internal/sample/bigstore"
	"praxis/store"
)

// LastWeek opens the million-message store the benchmarks share, puts
// everyone in three channels and returns the week ending with its history:
// the generated channel lists hold only a few thousand memberships, and
// each of the 10,000 members should have a digest to build.
func LastWeek(b *testing.B) (st *store.Store, from, to time.Time) {
	st = bigstore.Open(b)
	joinEveryone(b, st)
	last, err := st.LastPostedAt(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	to = last.Truncate(time.Hour).Add(time.Hour)
	return st, to.AddDate(0, 0, -7), to
}

// joinEveryone puts each member in three channels (deterministically).
func joinEveryone(b *testing.B, st *store.Store) {
	ctx := context.Background()
	cs, err := st.Communities(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var chans []string
	for _, c := range cs {
		for id := range c.Channels {
			chans = append(chans, id)
		}
	}
	sort.Strings(chans)
	ms, err := st.Members(ctx)
	if err != nil || len(chans) == 0 {
		b.Fatal(err, len(chans))
	}
	by := map[string][]string{}
	for i, m := range ms {
		for _, k := range []int{i, i*7 + 3, i*13 + 5} {
			ch := chans[k%len(chans)]
			by[ch] = append(by[ch], m.ID)
		}
	}
	if _, err := st.ImportChannelMembers(ctx, by); err != nil {
		b.Fatal(err)
	}
}
