package sample

// A English-speaking archetype.

var salesEngineering = archetype{
	name: "Sales engineering", lang: "en", tz: "America/Los_Angeles",
	vocation: "Win technical evaluations together: demos, POCs and answers to customers' hard questions.",
	channels: []chanSpec{
		{"sales-engineering", "Solutions engineers: deals, demos, POCs and field feedback", chanMain},
		{"se-demos", "Demo environments and scripts: questions and tips", chanHelp},
		{"se-core", "SE leads: enablement planning", chanCore},
	},
	titles: []string{
		"Solutions Engineer",
		"Sales Engineer",
		"Solutions Architect",
		"SE Manager",
		"Account Executive",
		"Technical Account Manager",
	},
	teams: []string{"EMEA enterprise", "North America mid-market", "APAC", "public sector", "strategic accounts"},
	files: []docFile{
		{"poc-success-plan-template.docx", "POC success plan"},
		{"rfp-answer-library.xlsx", "RFP answer library"},
		{"demo-script-v3.pdf", "Demo script v3"},
		{"security-questionnaire-answers.xlsx", "Security questionnaire answers"},
	},
	wiki: "https://wiki.example.com/se",
	topics: []topic{
		{name: "demos", terms: []string{"demo environment", "demo script", "sandbox", "seed data"},
			asks: []string{
				"how to reset the demo environment after a customer session",
				"whether there's a demo script for the new analytics module",
				"how to get seed data that looks like a retail customer",
			},
			tips: []string{
				"run the reset job from the SE portal, it restores the snapshot in about ten minutes",
				"v3 of the demo script is pinned in se-demos, start from the customer's pain and show three screens at most",
				"clone the retail sandbox, it has a year of seed data with realistic seasonality",
			},
			links: []link{{"https://wiki.example.com/se/demo-environment", "Demo environment guide"}}},
		{name: "RFP", terms: []string{"RFP", "RFI", "answer library", "compliance matrix"},
			asks: []string{
				"where to find the latest answers for the security section of an RFP",
				"how long we usually need to answer a 300-question RFP",
				"who signs off on the compliance matrix",
			},
			tips: []string{
				"the answer library is up to date as of last month, filter on the security tag and check the review date",
				"plan two weeks with the library, most of the time goes into the custom questions",
				"the deal desk signs off, legal only if we deviate from the standard terms",
			},
			links: []link{{"https://wiki.example.com/se/rfp-library", "RFP answer library"}}},
		{name: "POC", terms: []string{"POC", "success criteria", "mutual action plan", "trial"},
			asks: []string{
				"how to define success criteria for a POC with a big bank",
				"whether we should accept a POC without a mutual action plan",
				"how long a POC should last",
			},
			tips: []string{
				"three to five measurable criteria agreed in writing with the champion before day one",
				"no, without a mutual action plan the POC drifts and we lose the technical win",
				"two to four weeks, longer trials rarely convert better",
			},
			links: []link{{"https://wiki.example.com/se/poc-playbook", "POC playbook"}}},
		{name: "discovery", terms: []string{"discovery call", "MEDDICC", "champion", "technical decision maker"},
			asks: []string{
				"what questions to ask in a first discovery call",
				"how to qualify the technical decision maker",
				"whether we log MEDDICC notes in the CRM",
			},
			tips: []string{
				"start with their current process and what breaks, not with our features",
				"ask who signed off on the last tool they bought and what the evaluation looked like",
				"yes, fill the MEDDICC fields on the opportunity, the forecast call relies on them",
			},
			links: []link{{"https://meddicc.com/", "MEDDICC"}}},
		{name: "security questionnaires", terms: []string{"security questionnaire", "SOC 2", "DPA", "pentest summary"},
			asks: []string{
				"where to find the latest SOC 2 report for a prospect",
				"whether we can share the pentest summary before the NDA",
				"who fills the vendor security questionnaire",
			},
			tips: []string{
				"request it through the trust portal, it gets watermarked with the prospect's name",
				"only after the NDA is signed, before that we share the trust page",
				"we fill the standard parts from the library, the security team reviews anything custom",
			},
			links: []link{{"https://trust.example.com/", "Trust center"}}},
		{name: "integrations", terms: []string{"REST API", "webhooks", "rate limits", "Salesforce connector"},
			asks: []string{
				"whether our API supports bulk export for a customer with 50M records",
				"how to demo the Salesforce connector without a customer org",
				"what the API rate limits are on enterprise plans",
			},
			tips: []string{
				"use the async export endpoint, it streams files to their bucket",
				"use the Salesforce developer org in the SE vault, it's already connected",
				"1,000 requests per minute per token on enterprise, more on request",
			},
			links: []link{{"https://developer.example.com/api", "API reference"}}},
		{name: "competitive intel", terms: []string{"battlecard", "competitor", "win/loss", "pricing"},
			asks: []string{
				"whether there's an updated battlecard against our main competitor",
				"how to answer when they say the competitor is cheaper",
				"where to log win/loss notes",
			},
			tips: []string{
				"the battlecard was refreshed last month, it's in the enablement hub",
				"bring it back to total cost: implementation time, admin effort and what they'd have to build",
				"in the opportunity's closed reason and the win/loss form, product reads them every month",
			},
			links: []link{{"https://enablement.example.com/battlecards", "Enablement hub: battlecards"}}},
	},
}
