package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"praxis/bot/config"
	"praxis/bot/expert"
	"praxis/bot/history"
	"praxis/cmd/internal/app"
	"praxis/store"
)

func cmdEval(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "experts" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(e.stdout, "Usage: praxis eval experts [flags] EXPORT\n\n"+
				"Measures expert finding on a Slack export: praxis eval experts --help for its flags.")
			return nil
		}
		return fmt.Errorf("%w: praxis eval experts [flags] EXPORT", errUsage) // errUsage says "usage"
	}
	fs := newFlags(e, "eval experts", "eval experts [--config FILE] [--split 0.8 | --cutoff DATE] [--max-questions N] "+
		"[--protocol questions|answered] [--undated] [--format text|json] EXPORT\n\n"+
		"Measures expert finding on a Slack export: the history before a cutoff is imported, each question\n"+
		"asked after it and answered by someone else is put to Praxis and to two baselines (the channel's most\n"+
		"active repliers; BM25 over each person's messages), and each ranking is scored against who answered.")
	cfgPath := fs.String("config", "", "configuration file (default: one community per channel, as import --all-channels)")
	split := fs.Float64("split", 0.8, "the cutoff is when this share of the messages had been posted")
	cutoff := fs.String("cutoff", "", "cutoff date (YYYY-MM-DD), instead of --split")
	maxQ := fs.Int("max-questions", 0, "questions evaluated at most, spread over the test period (0: all)")
	protocol := fs.String("protocol", expert.ProtocolQuestions, "questions: what reads as a question; "+
		"answered: every top-level message of 20+ characters answered in its thread by someone else")
	undated := fs.Bool("undated", false, "put each question without its instant, as expert --batch does with no \"ts\"")
	format := fs.String("format", "text", "text or json")
	if stop, err := parse(fs, e, args[1:]); stop {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: eval experts takes one export", errUsage)
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("%w: --format is text or json", errUsage)
	}
	if *split <= 0 || *split >= 1 {
		return fmt.Errorf("%w: --split is a share of the messages, between 0 and 1 (such as 0.8)", errUsage)
	}
	opts := expert.EvalOptions{Split: *split, MaxQuestions: *maxQ, Protocol: *protocol, Undated: *undated, Log: e.stderr}
	if *cutoff != "" {
		t, err := time.Parse(time.DateOnly, *cutoff)
		if err != nil {
			return fmt.Errorf("%w: --cutoff: %v", errUsage, err)
		}
		opts.Cutoff = t
	}
	iopts := history.Options{AllChannels: *cfgPath == "", Progress: io.Discard}
	var cfg *config.Config
	if *cfgPath != "" {
		var err error
		if cfg, err = loadFileConfig(*cfgPath, e); err != nil {
			return err
		}
	}
	exp, err := history.OpenExport(fs.Arg(0))
	if err != nil {
		return err
	}
	defer exp.Close()
	if cfg != nil {
		if err := exportCommunities(cfg, exp, &iopts); err != nil {
			return err
		}
		opts.Engine = app.EngineOptions(cfg, iopts.Communities)
	}
	dir, err := os.MkdirTemp("", "praxis-eval-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, dir+"/full.db", store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(e.stderr, "importing %s…\n", fs.Arg(0))
	if _, err := history.Import(ctx, st, exp, iopts); err != nil {
		return err
	}
	rep, err := expert.Evaluate(ctx, st, dir, opts)
	if err != nil {
		return err
	}
	if *format == "json" {
		return json.NewEncoder(e.stdout).Encode(rep)
	}
	rep.Print(e.stdout)
	return nil
}
