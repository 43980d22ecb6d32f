package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"praxis/bot/config"
	"praxis/bot/discover/source"
	"praxis/bot/history"
	"praxis/bot/i18n"
	"praxis/bot/slackio"
	"praxis/cmd/internal/app"
)

// discoverWindow is how far back discover --slack reads by default.
const discoverWindow = 180 * 24 * time.Hour

// discoverScopes are the bot token scopes discover --slack uses.
const discoverScopes = "channels:read, channels:history, users:read"

// slackCatalog holds what discover --slack says while it reads Slack.
var slackCatalog = i18n.Catalog{
	"en": {
		"reading":      "Reading Slack (%s): the public channels Praxis is in, since %s. Nothing is stored.",
		"channel":      "#%s (%d/%d): %s",
		"messages":     "%d messages read",
		"messages_one": "%d message read",
		"none":         "Praxis is in no public channel of %s: invite it to the channels to discover (/invite @Praxis).",
		"no_token":     "discover --slack reads Slack with the bot token: set SLACK_BOT_TOKEN (xoxb-…)",
		"refused":      "Slack refused the bot token: check SLACK_BOT_TOKEN and slack.api_url",
		"scope": "the Slack app lacks the %s scope: add it to its bot token scopes (the app's OAuth page), " +
			"reinstall the app, then run discover again",
		"scopes": "the Slack app lacks a scope discover --slack needs (%s): add them to its bot token scopes " +
			"(the app's OAuth page), reinstall the app, then run discover again",
	},
	"fr": {
		"reading": "Lecture de Slack (%s) : les canaux publics où se trouve Praxis, depuis le %s. " +
			"Rien n'est enregistré.",
		"channel":      "#%s (%d/%d) : %s",
		"messages":     "%d messages lus",
		"messages_one": "%d message lu",
		"none": "Praxis n'est dans aucun canal public de %s : invitez-le dans les canaux à découvrir " +
			"(/invite @Praxis).",
		"no_token": "discover --slack lit Slack avec le jeton du bot : définissez SLACK_BOT_TOKEN (xoxb-…)",
		"refused":  "Slack a refusé le jeton du bot : vérifiez SLACK_BOT_TOKEN et slack.api_url",
		"scope": "il manque à l'application Slack la permission %s : ajoutez-la aux permissions de son jeton " +
			"de bot (page OAuth de l'application), réinstallez l'application, puis relancez discover",
		"scopes": "il manque à l'application Slack une permission dont discover --slack a besoin (%s) : " +
			"ajoutez-les aux permissions de son jeton de bot (page OAuth de l'application), réinstallez " +
			"l'application, puis relancez discover",
	},
}

// discoverSlack reads, with the bot token, the public channels Praxis is
// in since since (default: discoverWindow before now), in memory, and
// says which workspace it read. Progress goes to stderr, in lang.
func discoverSlack(ctx context.Context, e env, cfg *config.Config, since, lang string) (source.Read, string, error) {
	if cfg == nil {
		cfg = config.Default()
		cfg.Secrets = config.SecretsFromEnv(e.getenv)
	}
	if cfg.Secrets.BotToken == "" {
		return source.Read{}, "", errors.New(slackCatalog.T(lang, "no_token"))
	}
	oldest, err := discoverSince(e, since)
	if err != nil {
		return source.Read{}, "", err
	}
	dir := slackio.NewDirectory(app.SlackClient(cfg))
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	id, err := dir.Whoami(wctx)
	cancel()
	if err != nil {
		return source.Read{}, "", slackError(lang, err)
	}
	team := cmp.Or(id.Team, id.URL, id.TeamID)
	fmt.Fprintln(e.stderr, slackCatalog.T(lang, "reading", team, oldest.Format(time.DateOnly)))
	s := history.NewSlack(dir, history.SlackOptions{Rate: cfg.Slack.BackfillRate, Oldest: oldest, Bot: id.UserID})
	configured := configuredChannels(cfg, func(ref string) string { return ref }) // by id or #name
	progress := func(i, n int, name string, messages int) {
		fmt.Fprintln(e.stderr, slackCatalog.T(lang, "channel", name, i, n, slackCatalog.N(lang, "messages", messages)))
	}
	read, err := source.Slack(ctx, s, configured, progress)
	if err != nil {
		return source.Read{}, "", slackError(lang, err)
	}
	if len(read.Histories) == 0 {
		fmt.Fprintln(e.stderr, slackCatalog.T(lang, "none", team))
	}
	return read, team, nil
}

// discoverSince is the start of the window read: --since, else
// discoverWindow before now (the injected clock, else the wall's).
func discoverSince(e env, since string) (time.Time, error) {
	if since != "" {
		return instant("--since", since)
	}
	now := time.Now
	if e.deps.Now != nil {
		now = e.deps.Now
	}
	return now().UTC().Add(-discoverWindow).Truncate(24 * time.Hour), nil
}

// slackError says what Slack refused in words a person can act on: a
// missing scope, a refused token. The token itself is never shown.
func slackError(lang string, err error) error {
	if scope, ok := slackio.MissingScope(err); ok {
		if scope == "" {
			return fmt.Errorf("%s: %w", slackCatalog.T(lang, "scopes", discoverScopes), err)
		}
		return fmt.Errorf("%s: %w", slackCatalog.T(lang, "scope", scope), err)
	}
	if slackio.Refused(err) {
		return fmt.Errorf("%s: %w", slackCatalog.T(lang, "refused"), err)
	}
	return err
}
