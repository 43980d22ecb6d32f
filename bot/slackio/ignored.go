package slackio

import "strings"

// knownIgnored lists Slack event types Praxis receives but has no use for.
// It is read-only after package initialization.
var knownIgnored = setOf(`app_rate_limited app_requested app_uninstalled call_rejected
		channel_archive channel_created channel_deleted channel_history_changed channel_id_changed channel_left
		channel_shared channel_unarchive channel_unshared dnd_updated dnd_updated_user email_domain_changed
		emoji_changed file_change file_created file_deleted file_public file_shared file_unshared goodbye
		grid_migration_finished grid_migration_started group_archive group_close group_deleted
		group_history_changed group_left group_open group_unarchive im_close im_created im_history_changed
		im_open invite_requested link_shared resources_added resources_removed
		scope_denied scope_granted star_added star_removed subteam_created subteam_members_changed
		subteam_self_added subteam_self_removed subteam_updated team_access_granted team_access_revoked
		team_domain_change team_rename tokens_revoked user_huddle_changed user_resource_denied
		user_resource_granted user_resource_removed user_status_changed workflow_deleted workflow_published
		workflow_step_deleted workflow_step_execute workflow_unpublished`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
