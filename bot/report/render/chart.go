package render

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"

	stdfont "golang.org/x/image/font"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"praxis/bot/report"
)

// ChartKind names one of the report's trend charts.
type ChartKind string

// The three trends a facilitator follows week by week.
const (
	// ChartActive: active members per week (a line).
	ChartActive ChartKind = "active_members"
	// ChartQuestions: questions asked and answered per week (paired bars).
	ChartQuestions ChartKind = "questions"
	// ChartResponse: median time to first answer per week, in working
	// hours (a line, broken where no question was answered).
	ChartResponse ChartKind = "response_time"
)

// ChartKinds lists the charts in the order reports show them.
var ChartKinds = []ChartKind{ChartActive, ChartQuestions, ChartResponse}

// Chart size in pixels: wide enough for 12 week labels, and about half a
// printed A4 page wide at its 96 DPI.
const (
	ChartWidth  = 960
	ChartHeight = 420
	chartDPI    = 96
)

// ErrNoData is returned by ChartPNG when the report has no week to draw
// (or, for ChartResponse, no week with an answered question).
var ErrNoData = errors.New("no weekly data to chart")

// Colours from the Okabe–Ito palette: told apart by colour-blind readers,
// and by lightness when printed in grey.
var (
	blue      = color.RGBA{R: 0, G: 114, B: 178, A: 255}
	orange    = color.RGBA{R: 230, G: 159, B: 0, A: 255}
	lightGrey = color.RGBA{R: 185, G: 185, B: 185, A: 255}
)

// ChartPNG draws one trend of r as a PNG image of ChartWidth×ChartHeight
// pixels, titled and labelled in the report's language. The same report
// always gives the same bytes.
func ChartPNG(r *report.Report, kind ChartKind) (png []byte, err error) {
	// gonum/plot panics on ranges it cannot draw; a report is outside data.
	defer func() {
		if v := recover(); v != nil {
			png, err = nil, fmt.Errorf("chart %s: %v", kind, v)
		}
	}()
	if r == nil {
		return nil, fmt.Errorf("chart %s: no report", kind)
	}
	t := r.Trends
	if len(t.Weeks) == 0 {
		return nil, fmt.Errorf("chart %s: %w", kind, ErrNoData)
	}
	p := newPrinter(r)
	weeks := make([]string, len(t.Weeks))
	for i, w := range t.Weeks {
		weeks[i] = clean(w, 12)
	}
	pl := plot.New()
	pl.Title.TextStyle.Font = sans(15, true)
	pl.Title.Padding = vg.Points(10)
	pl.X.Label.Text = p.t("col.week")
	pl.X.Label.TextStyle.Font = sans(12, false)
	pl.Y.Label.TextStyle.Font = sans(12, false)
	pl.X.Tick.Label.Font = sans(10, false)
	pl.Y.Tick.Label.Font = sans(11, false)
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal.Color = lightGrey
	pl.Add(grid)
	pl.Legend.Top, pl.Legend.Left = true, true
	pl.Legend.XOffs = vg.Points(8)
	pl.Legend.TextStyle.Font = sans(12, false)

	integers := true
	switch kind {
	case ChartActive:
		pl.Title.Text, pl.Y.Label.Text = p.t("chart.active"), p.t("trend.members_y")
		err = addLines(pl, "", ints(t.Active, len(weeks)), blue)
	case ChartQuestions:
		pl.Title.Text, pl.Y.Label.Text = p.t("chart.questions"), p.t("trend.questions_y")
		err = addBars(pl, []string{p.t("series.asked"), p.t("series.answered")},
			[][]float64{ints(t.Asked, len(weeks)), ints(t.Answered, len(weeks))}, []color.Color{blue, orange})
	case ChartResponse:
		pl.Title.Text, pl.Y.Label.Text = p.t("chart.response"), p.t("trend.response_y")
		integers = false
		err = addLines(pl, "", floats(t.MedianResponseHours, len(weeks)), blue)
	default:
		return nil, fmt.Errorf("unknown chart kind %q", kind)
	}
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", kind, err)
	}
	pl.NominalX(weeks...)
	pl.X.Min, pl.X.Max = -0.6, float64(len(weeks))-0.4
	// Room above the highest value for the legend; ticks every round step.
	pl.Y.Min = 0
	if m := pl.Y.Max * 1.2; m > 1 && !math.IsInf(m, 0) {
		pl.Y.Max = m
	} else if pl.Y.Max < 1 {
		pl.Y.Max = 1
	}
	pl.Y.Tick.Marker = roundTicks{integers: integers, p: p}
	w, h := vg.Length(ChartWidth)*vg.Inch/chartDPI, vg.Length(ChartHeight)*vg.Inch/chartDPI
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(chartDPI))
	pl.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		return nil, fmt.Errorf("chart %s: %w", kind, err)
	}
	return b.Bytes(), nil
}

// ints is xs as floats, n of them (missing weeks are NaN, not drawn).
func ints(xs []int, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
		if i < len(xs) {
			out[i] = float64(xs[i])
		}
	}
	return out
}

// floats is xs, n of them, with -1 (no value) and non-finite values as NaN.
func floats(xs []float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
		if i < len(xs) && xs[i] >= 0 && !math.IsInf(xs[i], 0) {
			out[i] = xs[i]
		}
	}
	return out
}

// addLines draws ys as a line with a dot on each week; a NaN breaks the
// line.
func addLines(pl *plot.Plot, name string, ys []float64, c color.Color) error {
	var run plotter.XYs
	drawn := 0
	flush := func() error {
		if len(run) == 0 {
			return nil
		}
		l, s, err := plotter.NewLinePoints(run)
		if err != nil {
			return err
		}
		l.Color, l.Width = c, vg.Points(2.5)
		s.Color, s.Shape, s.Radius = c, draw.CircleGlyph{}, vg.Points(3.5)
		pl.Add(l, s)
		if name != "" && drawn == 0 {
			pl.Legend.Add(name, l, s)
		}
		drawn += len(run)
		run = nil
		return nil
	}
	for i, y := range ys {
		if math.IsNaN(y) {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		run = append(run, plotter.XY{X: float64(i), Y: y})
	}
	if err := flush(); err != nil {
		return err
	}
	if drawn == 0 {
		return ErrNoData
	}
	return nil
}

// addBars draws the series as bars side by side in each week.
func addBars(pl *plot.Plot, names []string, series [][]float64, colors []color.Color) error {
	w := vg.Points(22)
	for i, ys := range series {
		vs := make(plotter.Values, len(ys))
		for j, y := range ys {
			if !math.IsNaN(y) {
				vs[j] = y
			}
		}
		b, err := plotter.NewBarChart(vs, w)
		if err != nil {
			return err
		}
		b.Color = colors[i]
		b.LineStyle.Width = vg.Points(0.5)
		b.Offset = w * vg.Length(2*i-len(series)+1) / 2
		pl.Add(b)
		pl.Legend.Add(names[i], b)
	}
	return nil
}

// sans is the embedded Liberation Sans: plainer than the default serif
// for small labels, on screen and on paper.
func sans(points float64, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(points)}
	if bold {
		f.Weight = stdfont.WeightBold
	}
	return f
}

// roundTicks labels an axis every 1, 2 or 5 times a power of ten, five to
// seven labels from min to max; with integers, never between two integers.
type roundTicks struct {
	integers bool
	p        printer
}

func (t roundTicks) Ticks(min, max float64) []plot.Tick {
	span := max - min
	if !(span > 0) || math.IsInf(span, 0) {
		return nil
	}
	raw := span / 6
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	if t.integers && step < 1 {
		step = 1
	}
	if step < 0.1 { // labels have one decimal
		step = 0.1
	}
	var out []plot.Tick
	for i := math.Ceil(min / step); i*step <= max && len(out) < 50; i++ {
		v := i * step
		out = append(out, plot.Tick{Value: v, Label: t.p.num(v)})
	}
	return out
}
