package sample

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// sink receives the files of an export, in order.
type sink interface {
	// file writes one file; name uses "/" separators.
	file(name string, write func(w io.Writer) error) error
}

// WriteDir writes the export under dir, created if needed. It streams:
// memory stays flat whatever the number of messages.
func (w *Workspace) WriteDir(dir string) (Stats, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, fmt.Errorf("sample: %w", err)
	}
	return w.write(&dirSink{root: dir, made: map[string]bool{}})
}

// WriteZip writes the export as a zip archive to out, streaming. The
// archive holds the same files as WriteDir.
func (w *Workspace) WriteZip(out io.Writer) (Stats, error) {
	zw := zip.NewWriter(out)
	st, err := w.write(&zipSink{zw: zw, modified: time.Unix(w.end, 0).UTC()})
	if cerr := zw.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("sample: zip: %w", cerr)
	}
	return st, err
}

func (w *Workspace) write(s sink) (Stats, error) {
	st, err := w.writeLists(s)
	if err != nil {
		return st, err
	}
	x := w.newExporter()
	for c := range w.chans {
		cst, err := x.channel(c, func(name string, data []byte) error {
			return s.file(name, func(out io.Writer) error {
				_, err := out.Write(data)
				return err
			})
		})
		st.add(cst)
		if err != nil {
			return st, err
		}
	}
	return st, nil
}

type dirSink struct {
	root string
	made map[string]bool
	buf  *bufio.Writer
}

func (d *dirSink) file(name string, write func(io.Writer) error) error {
	p := filepath.Join(d.root, filepath.FromSlash(name))
	if dir := filepath.Dir(p); !d.made[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("sample: %w", err)
		}
		d.made[dir] = true
	}
	f, err := os.Create(p)
	if err != nil {
		return fmt.Errorf("sample: %w", err)
	}
	if d.buf == nil {
		d.buf = bufio.NewWriterSize(f, 256<<10)
	} else {
		d.buf.Reset(f)
	}
	err = write(d.buf)
	if ferr := d.buf.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sample: write %s: %w", name, err)
	}
	return nil
}

type zipSink struct {
	zw       *zip.Writer
	modified time.Time
}

func (z *zipSink) file(name string, write func(io.Writer) error) error {
	f, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified})
	if err == nil {
		err = write(f)
	}
	if err != nil {
		return fmt.Errorf("sample: zip %s: %w", name, err)
	}
	return nil
}

// exporter turns a channel's origin days into day files. Messages posted
// on a later day than their origin wait in the slot of their day (days
// are kept modulo maxSpill+1, which is enough: a reply is never more than
// maxSpill days after its parent).
type exporter struct {
	w     *Workspace
	g     *gen
	enc   *encoder
	slots [maxSpill + 1]slot
	file  []byte
}

type slot struct {
	data  []byte
	items []item
}

type item struct {
	key      int64
	from, to int
}

func (w *Workspace) newExporter() *exporter {
	return &exporter{w: w, g: w.newGen(), enc: newEncoder(w)}
}

// channel generates channel c day by day and emits each non-empty day
// file, named "channel/YYYY-MM-DD.json".
func (x *exporter) channel(c int, emit func(name string, data []byte) error) (Stats, error) {
	st := Stats{Channels: 1}
	for i := range x.slots {
		x.slots[i].data, x.slots[i].items = x.slots[i].data[:0], x.slots[i].items[:0]
	}
	for d := range x.w.Options.Days {
		x.origin(c, d, &st)
		s := &x.slots[d%len(x.slots)]
		if len(s.items) > 0 {
			st.DayFiles++
			name := x.w.chans[c].name + "/" + unixDate(x.w.start+int64(d)*day, "2006-01-02") + ".json"
			if err := emit(name, x.assemble(s)); err != nil {
				return st, err
			}
		}
		s.data, s.items = s.data[:0], s.items[:0]
	}
	return st, nil
}

// origin generates origin day d of channel c and files each message in the
// slot of the day it belongs to.
func (x *exporter) origin(c, d int, st *Stats) {
	g := x.g
	g.origin(c, d)
	for i := range g.msgs {
		m := &g.msgs[i]
		k := d
		if !x.w.Options.SlackdumpLayout {
			k = x.w.dayOf(m.sec)
		}
		s := &x.slots[k%len(x.slots)]
		from := len(s.data)
		s.data = x.enc.appendMsg(s.data, g, i, st)
		s.items = append(s.items, item{key: tsKey(m), from: from, to: len(s.data)})
	}
}

// assemble returns the day file of a slot: its messages in ts order, one
// per line, as a JSON array.
func (x *exporter) assemble(s *slot) []byte {
	slices.SortFunc(s.items, func(a, b item) int { return cmpInt64(a.key, b.key) })
	b := append(x.file[:0], "[\n"...)
	for i, it := range s.items {
		if i > 0 {
			b = append(b, ",\n"...)
		}
		b = append(b, "    "...)
		b = append(b, s.data[it.from:it.to]...)
	}
	b = append(b, "\n]\n"...)
	x.file = b
	return b
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// dayFile generates the day file of day d of channel c on its own, from
// the origin days that can contribute to it. It is what channel emits for
// that day (nil for a day without messages), without generating the days
// before.
func (w *Workspace) dayFile(c, d int) []byte {
	x := w.newExporter()
	var st Stats
	from := d - maxSpill
	if w.Options.SlackdumpLayout {
		from = d
	}
	for o := max(0, from); o <= d; o++ {
		x.origin(c, o, &st)
	}
	s := &x.slots[d%len(x.slots)]
	if len(s.items) == 0 {
		return nil
	}
	return slices.Clone(x.assemble(s))
}
