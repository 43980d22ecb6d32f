package slackio

import "testing"

// Commands and interactions bring their response_url: the answer goes
// there, wherever they were typed or clicked.
func TestDecodeKeepsResponseURL(t *testing.T) {
	for name, payload := range map[string]string{
		"slash command": `{"type":"slash_command","command":"/praxis","user_id":"U1","channel_id":"G1","trigger_id":"T1",
			"response_url":"https://hooks.slack.com/commands/T0/1/a"}`,
		"block_actions": `{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"G1"},"trigger_id":"T2",
			"response_url":"https://hooks.slack.com/actions/T0/2/b","actions":[{"action_id":"x","value":"v"}]}`,
		"message shortcut": `{"type":"message_action","callback_id":"find_expert","user":{"id":"U1"},"channel":{"id":"G1"},
			"trigger_id":"T3","response_url":"https://hooks.slack.com/app/T0/3/c","message":{"ts":"1.1","text":"q"}}`,
	} {
		ev, err := Decode([]byte(payload))
		if err != nil || ev.Command.ResponseURL == "" || ev.Channel != "G1" || ev.User != "U1" {
			t.Errorf("%s: got %+v, %v; want its response_url kept", name, ev, err)
		}
	}
}
