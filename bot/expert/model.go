package expert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"praxis/store"
)

// Model is how the ranking weighs the features (features.go): a score is
// the sum of each feature's value (0..1 among the query's candidates) times
// its weight. The engine starts with DefaultModel and uses the model that
// Fit learnt from the workspace's own history, stored with its measured
// quality, once there is one.
type Model struct {
	Weights  [nFeatures]float64
	FittedAt time.Time
	// Fitted: the weights were learnt from this workspace; false, they are
	// the defaults and Note says why.
	Fitted bool
	Note   string
	// Quality, measured on the latest answered threads of the history,
	// which the weights checked there were not fitted on (see Fit).
	Quality FitQuality
}

// FitQuality is what a fit measured: on Checked threads, each ranked as of
// its start against who answered it, the MRR (top 10) of the fitted
// weights, of the defaults and of the channel's most active repliers.
type FitQuality struct {
	Queries     int     `json:"queries"` // answered threads the weights were fitted on
	Checked     int     `json:"checked"`
	MRR         float64 `json:"mrr"`
	DefaultMRR  float64 `json:"default_mrr"`
	RepliersMRR float64 `json:"repliers_mrr"`
}

// DefaultModel is the ranking before any fit, or where the history is too
// thin to fit one: weights measured on real public communities' histories
// and on generated ones (docs/experts.md), where the channel's regular
// answerers and the people around count as much as the topic.
func DefaultModel() Model {
	var w [nFeatures]float64
	w[fTopic] = 1.5
	w[fChannel] = 0.3
	w[fChannelNow] = 0.2
	w[fCommunity] = 0.1
	w[fRecent] = 0.5
	w[fAround] = 0.3
	w[fHelped] = 0.3
	w[fTies] = 0.1
	w[fAccepted] = 0.1
	w[fReactions] = 0.1
	w[fHour] = 0.2
	w[fQuick] = 0.05
	w[fSkill] = 0.15
	w[fDeclared] = 0.25
	w[fMentioned] = 2
	return Model{Weights: w, Note: "default weights"}
}

// modelJSON is how a model is stored: weights by feature name, so that a
// feature added later starts at its default and one removed is ignored.
type modelJSON struct {
	Weights  map[string]float64 `json:"weights"`
	FittedAt time.Time          `json:"fitted_at"`
	Fitted   bool               `json:"fitted"`
	Note     string             `json:"note"`
	Quality  FitQuality         `json:"quality"`
}

// MarshalJSON writes the weights by feature name.
func (m Model) MarshalJSON() ([]byte, error) {
	out := modelJSON{
		Weights:  map[string]float64{},
		FittedAt: m.FittedAt,
		Fitted:   m.Fitted,
		Note:     m.Note,
		Quality:  m.Quality,
	}
	for f, name := range featureNames {
		out.Weights[name] = m.Weights[f]
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads weights by feature name; a feature the JSON does not
// name keeps its default weight.
func (m *Model) UnmarshalJSON(b []byte) error {
	var in modelJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	*m = DefaultModel()
	m.FittedAt, m.Fitted, m.Note, m.Quality = in.FittedAt, in.Fitted, in.Note, in.Quality
	for f, name := range featureNames {
		if w, ok := in.Weights[name]; ok && w >= 0 && w <= maxWeight {
			m.Weights[f] = w
		}
	}
	return nil
}

// Model returns the ranking in use.
func (e *Engine) Model() Model {
	if m := e.model.Load(); m != nil {
		return *m
	}
	return DefaultModel()
}

// SetModel makes the engine rank with m.
func (e *Engine) SetModel(m Model) { e.model.Store(&m) }

// loadModel reads the latest fitted model from the store; none, the
// defaults.
func (e *Engine) loadModel(ctx context.Context) error {
	sm, err := e.st.LatestExpertModel(ctx)
	if errors.Is(err, store.ErrNotFound) {
		e.SetModel(DefaultModel())
		return nil
	}
	if err != nil {
		return err
	}
	var m Model
	if err := json.Unmarshal([]byte(sm.JSON), &m); err != nil {
		return fmt.Errorf("expert model: %w", err)
	}
	e.SetModel(m)
	return nil
}

// saveModel stores a model as the one to use from now on.
func (e *Engine) saveModel(ctx context.Context, m Model) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return e.st.SaveExpertModel(ctx, store.ExpertModel{FittedAt: m.FittedAt, JSON: string(b)})
}

// Describe writes the model's weights, one feature a line, with the
// defaults beside them.
func (m Model) Describe() string {
	var sb strings.Builder
	def := DefaultModel()
	fmt.Fprintf(&sb, "%-22s %8s %8s\n", "feature", "weight", "default")
	for f, name := range featureNames {
		fmt.Fprintf(&sb, "%-22s %8.2f %8.2f\n", name, m.Weights[f], def.Weights[f])
	}
	return sb.String()
}
