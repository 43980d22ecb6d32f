package app

import (
	"context"

	"praxis/bot"
	"praxis/bot/config"
	"praxis/bot/digest"
	"praxis/bot/expert"
	"praxis/bot/llm"
	"praxis/bot/nudge"
	"praxis/store"
)

// Core is what answers members from the store, with Slack or without:
// expert finding, the language model, digests and nudges. Run serves it
// (Home previews with the same Nudger the hourly job sends with, one cache
// of rankings; the digest job sends what the Home previews, through the
// same Planner); `praxis expert`, `digest` and `nudges` and the demo's
// previews build it the same way over the database.
type Core struct {
	Engine      *expert.Engine  // Load fills it (Run does, in the background)
	Model       *llm.Client     // nil: no model configured
	Digests     *digest.Reader  // reads windows and builds digests
	DigestPlans *digest.Planner // whose digest is due when, over which window; previews
	Nudger      *nudge.Nudger
}

// NewCore builds the core over st for dir's communities; teamURL is the
// workspace's, for permalinks ("": Slack's generic one). The engine
// follows st's commits, whoever writes.
func NewCore(cfg *config.Config, st *store.Store, dir *bot.Directory, teamURL string, d bot.Deps) Core {
	eng := expert.New(st, d, EngineOptions(cfg, dir.Communities()))
	st.OnCommit(eng.Committed)
	model := Model(cfg, d)
	digests := digest.NewReader(st, d, digest.Options{
		Directory:  dir,
		Experts:    eng,
		Summarizer: modelAs[digest.Summarizer](model),
		TeamURL:    teamURL,
	})
	nudger := nudge.New(st, dir, nudge.Options{Experts: eng.WhoCouldAnswer, URL: teamURL})
	return Core{
		Engine:      eng,
		Model:       model,
		Digests:     digests,
		DigestPlans: digest.NewPlanner(digests),
		Nudger:      nudger,
	}
}

// LoadCore is NewCore with the expert index loaded, for a command that
// answers at once (run loads it in the background instead).
func LoadCore(ctx context.Context, cfg *config.Config, st *store.Store, dir *bot.Directory, teamURL string,
	d bot.Deps) (Core, error) {
	core := NewCore(cfg, st, dir, teamURL, d)
	if err := core.Engine.Load(ctx); err != nil {
		return Core{}, err
	}
	return core, nil
}

// EngineOptions are expert finding's options: the configuration's experts
// section, and the communities' declared topics and experts.
func EngineOptions(cfg *config.Config, cs []bot.Community) expert.Options {
	return expert.Options{HalfLife: cfg.Experts.HalfLife.Std(), WeeklyBudget: cfg.Experts.WeeklyBudget, Communities: cs}
}

// Model is the configured language model, nil when none is: the core's,
// and what `praxis discover` drafts vocations with.
func Model(cfg *config.Config, d bot.Deps) *llm.Client {
	return llm.New(modelSettings(cfg.LLM), cfg.Secrets.OpenAIAPIKey, d, llm.Options{MaxConcurrent: cfg.LLM.MaxConcurrent})
}

// modelSettings is the configuration's llm section as bot/llm takes it.
func modelSettings(c config.LLM) llm.Settings {
	return llm.Settings{BaseURL: c.BaseURL, Model: c.Model, DailyTokenBudget: c.DailyTokenBudget, Timeout: c.Timeout.Std()}
}

// modelAs is the model as a capability takes it (a classifier, a
// summarizer, a drafter): nil when none is configured, since a nil
// *llm.Client in an interface is not a nil interface.
func modelAs[I any](m *llm.Client) I {
	var none I
	if m == nil {
		return none
	}
	return any(m).(I)
}
