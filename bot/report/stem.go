package report

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"praxis/store/terms"
)

// The terms of messages, for the shared interests mark: stemmed on every
// core but the one scanning the messages, a batch at a time.

// stemBatch is how many texts a stemmer goroutine takes at a time.
const stemBatch = 2048

// textBatch is the texts of messages, and then
// their distinct terms: indexes in dict, the batch's own dictionary (the
// workers do not share the snapshot's, which the main goroutine maps them
// to afterwards).
type textBatch struct {
	refs  []msgRef // the messages of the texts
	texts []string
	dict  []string
	terms [][]int32
}

// stem fills the batch's terms from its texts (terms.Index: stop words
// dropped, stems in the message's language).
func (b *textBatch) stem() {
	b.terms = make([][]int32, len(b.texts))
	local := map[string]int32{}
	for i, t := range b.texts {
		if t == "" {
			continue
		}
		words := strings.Fields(terms.Index(t))
		ids := make([]int32, 0, len(words))
		for _, w := range words {
			id, ok := local[w]
			if !ok {
				id = int32(len(b.dict))
				w = strings.Clone(w) // not the whole Index string
				local[w] = id
				b.dict = append(b.dict, w)
			}
			ids = append(ids, id)
		}
		slices.Sort(ids)
		b.terms[i] = slices.Clip(slices.Compact(ids))
	}
	b.texts = nil
}

// stemmer stems batches of texts on every core but one (the scan's).
type stemmer struct {
	in   chan textBatch
	out  chan textBatch
	wg   sync.WaitGroup
	done chan []textBatch
}

func newStemmer() *stemmer {
	st := &stemmer{in: make(chan textBatch, 4), out: make(chan textBatch, 4), done: make(chan []textBatch)}
	for range max(1, runtime.GOMAXPROCS(0)-1) {
		st.wg.Add(1)
		go func() {
			defer st.wg.Done()
			for b := range st.in {
				b.stem()
				st.out <- b
			}
		}()
	}
	go func() {
		var all []textBatch
		for b := range st.out {
			all = append(all, b)
		}
		st.done <- all
	}()
	return st
}

// wait closes the input and returns every batch stemmed.
func (st *stemmer) wait() []textBatch {
	close(st.in)
	st.wg.Wait()
	close(st.out)
	return <-st.done
}

// termIDs interns terms.
func (s *snapshot) termIDs(ts []string) []int32 {
	if len(ts) == 0 {
		return nil
	}
	ids := make([]int32, len(ts))
	for j, t := range ts {
		id, ok := s.termIdx[t]
		if !ok {
			id = int32(len(s.termIdx))
			s.termIdx[t] = id
		}
		ids[j] = id
	}
	return ids
}
