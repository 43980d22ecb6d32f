package record_test

// communityStream is nine hours of two mapped channels and one that is not:
// questions answered, accepted, solved, thanked (in English and French),
// edits, an unfurl, file shares, deletions of a message, an answer and a
// question, joins and leaves (one member leaves and comes back), reactions
// added and taken back, a pin undone and redone, two renames.
func communityStream() *stream {
	s := newStream()
	s.join(c1, frank)
	q1 := s.post(c1, alice, "How do I rotate the vault root token without downtime?", "", nil)
	const rekeyDocs = "https://developer.hashicorp.com/vault/docs/commands/operator/rekey"
	r1 := s.post(c1, bob, "Use `vault operator rekey`, see <"+rekeyDocs+"|the rekey docs>", q1, nil)
	s.unfurl(c1, r1, rekeyDocs, "operator rekey - Command | Vault")
	s.react("reaction_added", c1, r1, carol, "+1")
	s.post(c1, alice, "Thanks, that worked!", q1, nil)
	s.post(c1, eve, "Also rotate the unseal keys while you are at it", q1, obj{
		"subtype":        "thread_broadcast",
		"parent_user_id": nil,
		"team":           nil,
		"root": obj{
			"type":        "message",
			"user":        alice,
			"text":        s.texts[q1],
			"ts":          q1,
			"thread_ts":   q1,
			"reply_count": 2,
		},
	})

	q2 := s.post(c1, dave, "Does anyone know why terraform plan hangs on the state lock?", "", nil)
	r3 := s.post(c1, carol, "Run terraform force-unlock with the lock id", q2, nil)
	s.edit(c1, r3, "Run `terraform force-unlock LOCK_ID` with the lock id from the error", true)
	r4 := s.post(c1, eve, "Check DynamoDB for a stale lock item", q2, nil)
	r5 := s.post(c1, frank, "maybe restart it?", q2, nil)
	s.del(c1, r5)
	s.react("reaction_added", c1, r4, dave, "white_check_mark")
	s.react("reaction_removed", c1, r4, dave, "white_check_mark") // taken back: accepted stays
	s.edit(c1, q2, "Does anyone know why terraform plan hangs on the state lock? (S3 backend)", false)

	m := s.post(c1, carol, "Deploy freeze starts Friday 18:00, see <https://wiki.example.com/freeze>", "", nil)
	s.unfurl(c1, m, "https://wiki.example.com/freeze", "Deploy freeze")
	s.pin("pin_added", c1, m, alice)
	s.react("reaction_added", c1, m, bob, "eyes")
	s.react("reaction_removed", c1, m, bob, "eyes")
	s.pin("pin_removed", c1, m, alice)
	s.react("reaction_added", c1, m, bob, "eyes")
	s.pin("pin_added", c1, m, dave)

	f := s.post(c2, bob, "The runbook, as a PDF", "", obj{
		"subtype":        "file_share",
		"upload":         true,
		"display_as_bot": false,
		"client_msg_id":  nil,
		"team":           nil,
		"files": []obj{{
			"id":          "F0RUNBOOK",
			"name":        "runbook.pdf",
			"title":       "Runbook",
			"mimetype":    "application/pdf",
			"filetype":    "pdf",
			"size":        482113,
			"permalink":   "https://praxis.slack.com/files/" + bob + "/F0RUNBOOK/runbook.pdf",
			"url_private": "https://files.slack.com/files-pri/" + team + "-F0RUNBOOK/runbook.pdf",
			"is_external": false,
		}},
	})
	s.edit(c2, f, "The runbook, as a PDF, and <https://wiki.example.com/runbook|the wiki page>", false)
	s.edit(c2, f, "The runbook, as a PDF, and <https://wiki.example.com/runbook|the runbook wiki>", false)
	s.rename(c2, "data-eng")
	q3 := s.post(c2, eve, "Is the staging database down for anyone else?", "", nil)
	s.react("reaction_added", c2, q3, eve, "white_check_mark") // solved by the asker herself
	s.post(c2, alice, "yes, maintenance until 17:00", q3, nil)
	s.join(c2, eve)
	s.rename(c2, "data-platform")

	s.leave(c1, frank)
	s.tick(600)
	s.join(c1, frank) // back ten minutes later
	s.leave(c2, eve)

	oops := s.post(c1, dave, "oops, wrong channel", "", nil)
	s.del(c1, oops)
	q4 := s.post(c1, carol, "Who owns the billing service?", "", nil)
	s.del(c1, q4)
	q5 := s.post(c1, frank, "Comment obtenir l'accès aux tableaux de bord grafana ?", "", nil)
	s.post(c1, bob, "Demande-le dans #it-help, ils ajoutent au groupe grafana-viewers", q5, nil)
	s.post(c1, frank, "merci, ça marche !", q5, nil)
	s.userChange(frank, "frank")

	u := s.post(c9, alice, "Private chatter in a channel Praxis does not follow?", "", nil)
	s.react("reaction_added", c9, u, bob, "eyes")
	s.join(c9, carol)
	return s
}
