package slackedge

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"praxis/bot/command"
	"praxis/bot/expert"
	"praxis/bot/home"
	"praxis/bot/i18n"
	"praxis/bot/recognition"
	"praxis/bot/report"
	"praxis/store"
)

func TestCatalogComplete(t *testing.T) {
	for _, p := range catalog.Problems() {
		t.Error(p)
	}
}

// wire is a block as Slack reads it, for checking the limits.
type wire struct {
	Type      string                  `json:"type"`
	Text      *struct{ Text string }  `json:"text"`
	Fields    []struct{ Text string } `json:"fields"`
	Accessory *element                `json:"accessory"`
	Elements  []element               `json:"elements"`
}

type element struct {
	Type          string                   `json:"type"`
	ActionID      string                   `json:"action_id"`
	Value         string                   `json:"value"`
	Text          any                      `json:"text"`
	Options       []struct{ Value string } `json:"options"`
	InitialOption *struct{ Value string }  `json:"initial_option"`
}

func blocksOf(t *testing.T, s *home.State) []wire {
	t.Helper()
	raw, err := View(s)
	if err != nil {
		t.Fatal(err)
	}
	// The poster reads the view back with slack-go before publishing it.
	var req slack.HomeTabViewRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		t.Fatalf("the poster cannot read the view: %v", err)
	}
	var view struct {
		Type   string `json:"type"`
		Blocks []wire `json:"blocks"`
	}
	if err := json.Unmarshal(raw, &view); err != nil {
		t.Fatal(err)
	}
	if view.Type != "home" || len(req.Blocks.BlockSet) != len(view.Blocks) {
		t.Fatalf("got type %q and %d blocks read back of %d, want a home view read whole",
			view.Type, len(req.Blocks.BlockSet), len(view.Blocks))
	}
	return view.Blocks
}

// bigState is a member of 60 communities, with everything at its maximum.
func bigState(lang string) *home.State {
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	s := &home.State{
		Member:      "U1",
		Lang:        lang,
		AutoLang:    lang,
		Now:         now,
		Names:       map[string]string{},
		DefaultFreq: "weekly",
		DefaultHour: 9,
		Week:        home.Week{Messages: 12, Reactions: 30, Accepted: 2, Thanks: 3},
		Record: recognition.Record{From: now.AddDate(0, -1, -19),
			Helper: recognition.Helper{Answered: 2400, Accepted: 720, Thanked: 540, People: 1800}},
	}
	for c := range 60 {
		m := home.Membership{Name: fmt.Sprintf("Community <%d> & friends with a long name", c)}
		for k := range 5 {
			id := fmt.Sprintf("C%02d%d", c, k)
			s.Names[id] = fmt.Sprintf("channel-%d-%d", c, k)
			m.Channels = append(m.Channels, id)
			s.Prefs.Muted = append(s.Prefs.Muted, id)
		}
		s.Communities = append(s.Communities, m)
		s.Record.Communities = append(s.Record.Communities, recognition.Contribution{Community: m.Name,
			Helper: recognition.Helper{Answered: 40, Accepted: 12, Thanked: 9, People: 30}})
		r := &report.Report{Community: m.Name, Period: report.Period{Label: "2026-W47"}}
		figures := []string{
			report.FigActiveMembers, report.FigNewMembers, report.FigMessages, report.FigQuestionsAsked,
			report.FigAnsweredPercent, report.FigMedianResponse, report.FigOpenQuestions, report.FigResources,
		}
		for _, k := range figures {
			r.Headline = append(r.Headline, report.Figure{Key: k, Value: 12.5, Previous: 10, Unit: map[string]string{
				report.FigAnsweredPercent: "percent", report.FigMedianResponse: "hours"}[k]})
		}
		for q := range 20 {
			r.Questions.Open = append(r.Questions.Open, report.OpenQuestion{
				Asker:     report.Person{ID: "U9"},
				Channel:   m.Channels[0],
				TS:        fmt.Sprintf("%d.1", q),
				Text:      strings.Repeat("why <this> ", 50),
				AgeHours:  float64(q * 7),
				Permalink: "https://acme.slack.com/archives/C/p1",
			})
		}
		s.Facilitated = append(s.Facilitated, home.Facilitated{Community: m.Name, Report: r, Nudges: c%2 == 0})
	}
	for k := range 8 {
		s.Topics = append(s.Topics, expert.Topic{
			Name:      fmt.Sprintf("topic %d", k),
			Community: "Platform",
			Answered:  4,
			Accepted:  1,
			Thanked:   1,
			Last:      now.AddDate(0, 0, -3),
			Skill:     k == 0,
			Declared:  k == 1,
			Best: []expert.ThreadRef{
				{ChannelID: "C001", Channel: "channel-0-1", TS: "1.1"},
				{ChannelID: "C002", Channel: "x", TS: "2.2"},
			},
		})
	}
	return s
}

// The Home keeps Slack's limits however much there is to show: 100
// blocks, 3000 characters a text, 10 fields a section, 100 options a
// select, 25 elements an actions block, unique action ids in a block.
func TestViewLimits(t *testing.T) {
	for _, lang := range i18n.Languages {
		t.Run(lang, func(t *testing.T) {
			bs := blocksOf(t, bigState(lang))
			if len(bs) > maxBlocks {
				t.Fatalf("got %d blocks, want at most %d", len(bs), maxBlocks)
			}
			reports, more := 0, false
			for i, b := range bs {
				if b.Text != nil && (len([]rune(b.Text.Text)) > maxSection || b.Text.Text == "") {
					t.Errorf("block %d: text of %d characters", i, len([]rune(b.Text.Text)))
				}
				if len(b.Fields) > 10 {
					t.Errorf("block %d: %d fields", i, len(b.Fields))
				}
				if len(b.Elements) > maxButtons {
					t.Errorf("block %d: %d elements", i, len(b.Elements))
				}
				els := b.Elements
				if b.Accessory != nil {
					els = append(els, *b.Accessory)
				}
				ids := map[string]bool{}
				for _, e := range els {
					if len(e.Options) > maxOptions {
						t.Errorf("block %d: %d options", i, len(e.Options))
					}
					if e.Type == "context" || e.Type == "mrkdwn" {
						continue
					}
					if !strings.HasPrefix(e.ActionID, "home_") || ids[e.ActionID] {
						t.Errorf("block %d: action id %q repeated or not the Home's", i, e.ActionID)
					}
					ids[e.ActionID] = true
					if strings.HasPrefix(e.ActionID, command.ActionReport+":") {
						reports++
					}
				}
				if b.Type == "context" && len(b.Elements) > 0 && strings.Contains(fmt.Sprint(b.Elements[0].Text), "/praxis") {
					more = true
				}
			}
			if reports == 0 || reports == 60 || !more {
				t.Errorf("got %d communities' buttons of 60 and a note on the others %v, want as many as fit and the note",
					reports, more)
			}
		})
	}
}

// The view shows the member's choices as the selects' initial options and
// the buttons' next state, in their language.
func TestViewShowsChoices(t *testing.T) {
	s := &home.State{
		Member:      "U1",
		Lang:        "fr",
		AutoLang:    "en",
		Now:         time.Date(2026, time.November, 30, 8, 30, 0, 0, time.UTC),
		DefaultFreq: "weekly",
		DefaultHour: 9,
		Names:       map[string]string{"C1": "security", "C2": "ops"},
		Communities: []home.Membership{{Name: "Security", Channels: []string{"C1", "C2"}}},
		Prefs: store.MemberPrefs{
			Language:  "fr",
			Digest:    store.DigestPref{Frequency: "monthly", Hour: 7},
			NudgesOff: true,
			Muted:     []string{"C2"},
		},
	}
	bs := blocksOf(t, s)
	got := map[string]string{}
	var texts []string
	for _, b := range bs {
		if b.Text != nil {
			texts = append(texts, b.Text.Text)
		}
		els := b.Elements
		if b.Accessory != nil {
			els = append(els, *b.Accessory)
		}
		for _, e := range els {
			switch {
			case e.InitialOption != nil:
				got[e.ActionID] = e.InitialOption.Value
			case e.Type == "button":
				got[e.ActionID] = e.Value
			case e.Type == "static_select":
				got[e.ActionID] = fmt.Sprint(len(e.Options))
			}
		}
	}
	want := map[string]string{ActionFrequency: "monthly", ActionHour: "7", ActionLanguage: "fr", ActionNudges: "on",
		ActionSuggest: "off", ActionUnmute + ":C2": "C2", ActionMute: "1"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	all := strings.Join(texts, "\n")
	for _, w := range []string{"Vos communautés", "*Relances* : désactivées", "<#C2>", "Rien pour l'instant"} {
		if !strings.Contains(all, w) {
			t.Errorf("got %q, want %q in it", all, w)
		}
	}
	if strings.Contains(all, "Les communautés que vous animez") {
		t.Error("got a facilitator's section for a member who facilitates nothing")
	}
}

// The Home's open questions are the report's: its order (the week's
// first), under the true count, with "and N more" from it, never from the
// capped list's length.
func TestOpenTextTrueCount(t *testing.T) {
	r := &report.Report{Counts: report.Counts{OpenQuestions: 27, OpenThisPeriod: 1}}
	for q := range 10 {
		r.Questions.Open = append(r.Questions.Open, report.OpenQuestion{Asker: report.Person{ID: "U9"}, Channel: "C1",
			Text: fmt.Sprintf("question %d", q), AgeHours: float64(1000 - q), ThisPeriod: q == 0})
	}
	r.Questions.Open[0].AgeHours = 5
	got := openText(r, printer{lang: "en"})
	for _, want := range []string{"*Open questions (27)*\n• question 0 —", "…and 22 more"} {
		if !strings.Contains(got, want) {
			t.Errorf("got %q, want %q in it", got, want)
		}
	}
}
