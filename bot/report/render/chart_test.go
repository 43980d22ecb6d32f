package render

import (
	"bytes"
	"errors"
	"image/png"
	"testing"

	"praxis/bot/report/render/rendertest"
)

func TestChartPNG(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		for _, k := range ChartKinds {
			r := rendertest.Sample(lang)
			b, err := ChartPNG(r, k)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, k, err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s %s: not a PNG: %v", lang, k, err)
			}
			if got := img.Bounds().Size(); got.X != ChartWidth || got.Y != ChartHeight {
				t.Errorf("%s %s: %v, want %dx%d", lang, k, got, ChartWidth, ChartHeight)
			}
			again, _ := ChartPNG(rendertest.Sample(lang), k)
			if !bytes.Equal(b, again) {
				t.Errorf("%s %s: two drawings of the same report differ", lang, k)
			}
		}
	}
}

// Each chart draws its own series: changing one changes its image, and
// only its image.
func TestChartPNGFollowsTheData(t *testing.T) {
	base := rendertest.Sample("en")
	changed := rendertest.Sample("en")
	changed.Trends.Active[3] = 80
	changed.Trends.Answered[5] = 1
	changed.Trends.MedianResponseHours[7] = -1
	for _, k := range ChartKinds {
		a, err1 := ChartPNG(base, k)
		b, err2 := ChartPNG(changed, k)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if bytes.Equal(a, b) {
			t.Errorf("%s: different series, same image", k)
		}
	}
	fr, _ := ChartPNG(rendertest.Sample("fr"), ChartActive)
	en, _ := ChartPNG(base, ChartActive)
	if bytes.Equal(fr, en) {
		t.Error("French and English charts are the same image: labels not translated")
	}
}

func TestChartPNGWithoutData(t *testing.T) {
	r := rendertest.Empty("en")
	for _, k := range ChartKinds {
		if _, err := ChartPNG(r, k); !errors.Is(err, ErrNoData) {
			t.Errorf("%s: got %v, want ErrNoData", k, err)
		}
	}
	r = rendertest.Sample("en")
	for i := range r.Trends.MedianResponseHours {
		r.Trends.MedianResponseHours[i] = -1
	}
	if _, err := ChartPNG(r, ChartResponse); !errors.Is(err, ErrNoData) {
		t.Errorf("no answered week: got %v, want ErrNoData", err)
	}
	if _, err := ChartPNG(r, ChartActive); err != nil {
		t.Errorf("active members still drawn: %v", err)
	}
	if _, err := ChartPNG(r, "pie"); err == nil {
		t.Error("an unknown kind was drawn")
	}
	// Ragged series (fewer values than weeks), all zero: still drawn.
	r.Trends.Active = []int{0, 0}
	if _, err := ChartPNG(r, ChartActive); err != nil {
		t.Errorf("ragged series: %v", err)
	}
}
