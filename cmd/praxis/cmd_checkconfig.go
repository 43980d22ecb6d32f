package main

import (
	"context"
	"errors"
	"fmt"

	"praxis/bot/config"
)

func cmdCheckConfig(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "check-config", "check-config [FILE]\n\n"+
		"Reports every problem at once, with its line and a fix. Secrets are read from the environment.")
	if stop, err := parse(fs, e, args); stop {
		return err
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("%w: check-config takes one file", errUsage)
	}
	path := configPath(fs.Arg(0), e)
	cfg, err := config.Load(path, e.getenv)
	if err != nil {
		var probs config.Problems
		if errors.As(err, &probs) {
			fmt.Fprintf(e.stdout, "%s: %d problem(s)\n", path, len(probs))
			fmt.Fprintln(e.stdout, probs.Error())
			return fmt.Errorf("%s is not valid", path)
		}
		return err
	}
	fmt.Fprintf(e.stdout, "%s: OK (%d communities, %d channels, slack mode %s)\n",
		path, len(cfg.Communities), len(cfg.Channels()), cfg.Slack.Mode)
	return nil
}
