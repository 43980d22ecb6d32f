package report

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"praxis/bot"
	"praxis/store"
)

// prepare plans the reports of cs, with their weekly trends or not, and
// reads the snapshot they all need.
func prepare(ctx context.Context, st *store.Store, cs []bot.Community, period func(c bot.Community) Period,
	opt Options, trends bool) (*snapshot, []plan, error) {
	if len(cs) == 0 {
		return nil, nil, nil
	}
	plans := make([]plan, len(cs))
	from, to, textFrom := time.Time{}, time.Time{}, time.Time{}
	for i, c := range cs {
		pl, err := newPlan(c, period(c), opt.Now, trends)
		if err != nil {
			return nil, nil, err
		}
		plans[i] = pl
		if i == 0 || pl.from().Before(from) {
			from = pl.from()
		}
		if i == 0 || pl.textFrom().Before(textFrom) {
			textFrom = pl.textFrom()
		}
		if end := time.UnixMilli(max(pl.cut, pl.p.From.UnixMilli())); i == 0 || end.After(to) {
			to = end
		}
	}
	snap, err := load(ctx, st, from, to, textFrom)
	if err != nil {
		return nil, nil, fmt.Errorf("report: %w", err)
	}
	for i := range plans {
		if ci, ok := snap.byName[plans[i].c.Name]; ok {
			plans[i].comm = snap.comms[ci]
		} else {
			plans[i].comm = &commData{name: plans[i].c.Name, qByKey: map[string]*store.Question{}, joins: map[int32]int64{}}
		}
		if plans[i].c.Language == "" {
			plans[i].c.Language = "en"
		}
	}
	return snap, plans, nil
}

// eachPlan runs fn for 0..n-1 on every core: the snapshot is only read
// once loaded, so the reports are computed in parallel.
func eachPlan(n int, fn func(i int)) {
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
