package slackio

import (
	"testing"

	"github.com/slack-go/slack"
)

func TestOrgFields(t *testing.T) {
	tests := []struct {
		name             string
		fields           map[string]slack.UserProfileCustomField
		wantTeam, wantSt string
	}{
		{"none", nil, "", ""},
		{"english labels", map[string]slack.UserProfileCustomField{
			"Xf01": {Value: "Platform", Label: "Department"},
			"Xf02": {Value: "Lyon", Label: "Office location"},
			"Xf03": {Value: "she/her", Label: "Pronouns"},
		}, "Platform", "Lyon"},
		{"french labels, accents", map[string]slack.UserProfileCustomField{
			"Xf01": {Value: "Qualité", Label: "Département"},
			"Xf02": {Value: "", Alt: "Grenoble", Label: "Site"},
		}, "Qualité", "Grenoble"},
		{"first of two by id", map[string]slack.UserProfileCustomField{
			"Xf02": {Value: "B", Label: "Team"},
			"Xf01": {Value: "A", Label: "Division"},
		}, "A", ""},
		{"empty value skipped", map[string]slack.UserProfileCustomField{
			"Xf01": {Value: " ", Label: "Team"},
			"Xf02": {Value: "Ops", Label: "Équipe"},
		}, "Ops", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p slack.UserProfile
			p.SetFieldsMap(tt.fields)
			team, site := OrgFields(p)
			if team != tt.wantTeam || site != tt.wantSt {
				t.Errorf("got team %q, site %q; want %q, %q", team, site, tt.wantTeam, tt.wantSt)
			}
		})
	}
}
