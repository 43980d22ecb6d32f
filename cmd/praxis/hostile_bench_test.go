package main

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkHostileExports imports two hostile exports with the real
// `praxis import`, then asks the real `praxis expert` a question on what
// was imported, and runs the real `praxis discover` on the export, each a
// child process whose peak RSS (getrusage's maxrss) is reported. The exports are generated here, never committed:
//
//   - message256MiB: one message of 256 MiB of words in a zip of a few
//     hundred KB (it once took 4.6 GB to import, and 3.3 GB at every index
//     load after);
//   - day3M: three million small messages in one day file (it once took
//     7.2 GB to import).
//
// The target is 400 MB for each. PRAXIS_BENCH_BIN runs another build of
// praxis (an older one, to compare); PRAXIS_BENCH_DIR keeps the exports
// there, written once.
//
//	go test -run='^$' -bench=HostileExports -benchtime=1x -timeout=60m ./cmd/praxis/
func BenchmarkHostileExports(b *testing.B) {
	bin := os.Getenv("PRAXIS_BENCH_BIN")
	if bin == "" {
		bin = filepath.Join(b.TempDir(), "praxis")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			b.Fatalf("go build: %v\n%s", err, out)
		}
	}
	for _, h := range []struct {
		name  string
		write func(day io.Writer) error
	}{
		{"message256MiB", writeGiantMessage},
		{"day3M", writeManyMessages},
	} {
		b.Run(h.name, func(b *testing.B) {
			dir := b.TempDir()
			export := filepath.Join(dir, "export.zip")
			if keep := os.Getenv("PRAXIS_BENCH_DIR"); keep != "" {
				export = filepath.Join(keep, h.name+".zip")
			}
			if _, err := os.Stat(export); err != nil {
				if err := writeHostileExport(export, h.write); err != nil {
					b.Fatal(err)
				}
			}
			fi, _ := os.Stat(export)
			b.ReportMetric(float64(fi.Size())/(1<<10), "zip_KB")
			for i := 0; i < b.N; i++ {
				db := filepath.Join(dir, fmt.Sprintf("praxis-%d.db", i))
				imp := runMeasured(b, bin, "import", "--all-channels", "--db", db, export)
				exp := runMeasured(b, bin, "expert", "--db", db, "how do we roll back a helm chart after a failed deploy?")
				disc := runMeasured(b, bin, "discover", export)
				b.ReportMetric(imp.seconds, "import_s")
				b.ReportMetric(imp.peakMB, "import_peak_MB")
				b.ReportMetric(exp.seconds, "expert_s")
				b.ReportMetric(exp.peakMB, "expert_peak_MB")
				b.ReportMetric(disc.seconds, "discover_s")
				b.ReportMetric(disc.peakMB, "discover_peak_MB")
				for what, peak := range map[string]float64{"import": imp.peakMB, "expert": exp.peakMB,
					"discover": disc.peakMB} {
					if peak > 400 {
						b.Errorf("%s: peak RSS %.0f MB, target 400 MB", what, peak)
					}
				}
			}
		})
	}
}

type measured struct{ seconds, peakMB float64 }

// runMeasured runs praxis as a child process and returns its duration and
// peak resident set size.
func runMeasured(b *testing.B, bin string, args ...string) measured {
	b.Helper()
	cmd := exec.Command(bin, args...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("praxis %s: %v\n%s", args[0], err, out.String())
	}
	d := time.Since(start)
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Skip("no rusage on this system")
	}
	b.Logf("praxis %s (%s, peak RSS %d MB):\n%s", args[0], d.Round(time.Millisecond), ru.Maxrss>>10, out.String())
	return measured{seconds: d.Seconds(), peakMB: float64(ru.Maxrss) / 1024} // Maxrss is in KB on Linux
}

// writeHostileExport writes a zipped export of one public channel whose one
// day file write fills.
func writeHostileExport(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for name, body := range map[string]string{
		"users.json":    `[{"id":"U001","name":"alice"},{"id":"U002","name":"bob"},{"id":"U003","name":"chloe"}]`,
		"channels.json": `[{"id":"C001","name":"ops","members":["U001","U002","U003"]}]`,
	} {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		io.WriteString(w, body)
	}
	w, err := zw.Create("ops/2024-01-15.json")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

// writeGiantMessage writes a day file of one question, one 256 MiB answer
// and one thanks.
func writeGiantMessage(w io.Writer) error {
	fmt.Fprint(w, `[{"type":"message","user":"U001","text":"How do we roll back a helm chart?","ts":"1705312800.000100"},`)
	fmt.Fprint(w, `{"type":"message","user":"U002","ts":"1705312900.000100","thread_ts":"1705312800.000100","text":"`)
	words := []byte("run helm rollback with the previous revision, then check the pods &amp; the ingress; ")
	for n := 0; n < 256<<20; n += len(words) {
		if _, err := w.Write(words); err != nil {
			return err
		}
	}
	_, err := fmt.Fprint(w, `"},`+
		`{"type":"message","user":"U001","text":"thanks!","ts":"1705313000.000100","thread_ts":"1705312800.000100"}]`)
	return err
}

// writeManyMessages writes a day file of three million short messages by
// three members, about helm, deploys and on-call, some of them questions.
func writeManyMessages(w io.Writer) error {
	texts := []string{"deploy done", "helm chart rolled back", "who is on call tonight?", "ok", "ingress fixed",
		"how do I roll back a helm release?", "thanks", "pods restarted"}
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	for i := range 3_000_000 {
		sep := ","
		if i == 0 {
			sep = ""
		}
		_, err := fmt.Fprintf(w, `%s{"type":"message","user":"U00%d","text":"%s","ts":"%d.%06d"}`,
			sep, 1+i%3, texts[i%len(texts)], 1705312800+i/1000, i%1000)
		if err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "]")
	return err
}
