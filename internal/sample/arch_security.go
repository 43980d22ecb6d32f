package sample

// A English-speaking archetype.

var securityGuild = archetype{
	name: "Security guild", lang: "en", tz: "Europe/London",
	vocation: "Help every team ship secure software without slowing down.",
	channels: []chanSpec{
		{"security-guild", "Security practices, news and questions for every engineer", chanMain},
		{"secu-help", "Ask anything security: reviews, secrets, vulnerabilities", chanHelp},
		{"security-core", "Guild coordination: agenda, office hours, reviews", chanCore},
	},
	titles: []string{
		"Security Engineer",
		"AppSec Engineer",
		"Staff Engineer",
		"Backend Engineer",
		"Security Champion",
		"Platform Engineer",
		"Engineering Manager",
	},
	teams: []string{"payments", "identity", "checkout", "mobile", "data platform", "customer API"},
	files: []docFile{
		{"threat-model-template.xlsx", "Threat model template"},
		{"pentest-scope-2026.pdf", "Pentest scope 2026"},
		{"asvs-l2-checklist.xlsx", "ASVS L2 checklist"},
		{"security-incident-runbook.pdf", "Security incident runbook"},
	},
	wiki: "https://wiki.example.com/security",
	topics: []topic{
		{
			name:  "threat modeling",
			terms: []string{"STRIDE", "data flow diagram", "trust boundary", "attack tree"},
			asks: []string{
				"how to run a threat modeling session for a small feature",
				"whether we need a full threat model for an internal tool",
				"which template we use for data flow diagrams",
			},
			tips: []string{
				"keep it to one hour: draw the data flow diagram, mark the trust boundaries, then walk STRIDE per element",
				"for internal tools a lightweight threat model in the design " +
					"doc is enough, the full session is for anything internet-facing",
				"the template is in the guild wiki, start from the assets and the trust boundaries, not from the threats",
			},
			links: []link{
				{
					"https://cheatsheetseries.owasp.org/cheatsheets/Threat_Modeling_Cheat_Sheet.html",
					"OWASP Threat Modeling Cheat Sheet",
				},
			},
		},
		{
			name:  "secrets rotation",
			terms: []string{"Vault", "dynamic secrets", "API keys", "rotation policy"},
			asks: []string{
				"how to rotate the Postgres credentials without downtime",
				"how often we are supposed to rotate API keys",
				"where to store the secrets of a new service",
			},
			tips: []string{
				"use Vault dynamic secrets with a short TTL, the app renews its lease and there is nothing to rotate by hand",
				"the policy is 90 days for static API keys, but anything that can move to short-lived tokens should",
				"put them in Vault under the team path and inject them at deploy time, never in the repo or in CI variables",
			},
			links: []link{{"https://developer.hashicorp.com/vault/docs/secrets/databases", "Vault database secrets engine"}},
		},
		{
			name:  "KMS",
			terms: []string{"KMS", "envelope encryption", "key policy", "data key"},
			asks: []string{
				"whether we should use one KMS key per service or per environment",
				"how envelope encryption works with the KMS",
				"who can approve a change to a key policy",
			},
			tips: []string{
				"one key per service and environment, it keeps the key policy small and the blast radius too",
				"the KMS only encrypts the data key, you encrypt the payload locally and store the wrapped key next to it",
				"key policy changes go through a PR on the infra repo and need a review from the security team",
			},
			links: []link{
				{"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html", "AWS KMS concepts"},
				{"https://cloud.google.com/kms/docs", "Cloud KMS documentation"},
			},
		},
		{
			name:  "pentest",
			terms: []string{"pentest", "scope", "retest", "findings"},
			asks: []string{
				"how to book the external pentest for our new API",
				"what the SLA is for fixing high pentest findings",
				"whether the retest is included in the pentest contract",
			},
			tips: []string{
				"send the scope form at least six weeks ahead, the vendor needs test accounts and the IP allowlist",
				"criticals in 7 days, highs in 30, the rest goes to the backlog with an owner",
				"one retest per finding is included, book it once all the highs are fixed",
			},
			links: []link{{"https://wiki.example.com/security/pentest-request", "Pentest request form"}},
		},
		{
			name:  "OWASP",
			terms: []string{"OWASP Top 10", "ASVS", "SSRF", "XSS", "CSRF"},
			asks: []string{
				"which ASVS level we target for customer-facing apps",
				"how to protect a webhook endpoint against SSRF",
				"whether our templating escapes XSS by default",
			},
			tips: []string{
				"ASVS level 2 for anything customer-facing, level 1 for internal tools",
				"resolve the URL, block private and link-local ranges, and go through the egress proxy",
				"the framework auto-escapes, the risk is where we mark strings as safe, grep for those",
			},
			links: []link{
				{
					"https://owasp.org/www-project-top-ten/",
					"OWASP Top 10",
				},
				{
					"https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html",
					"SSRF Prevention Cheat Sheet",
				},
			},
		},
		{
			name:  "SSO",
			terms: []string{"SSO", "SAML", "OIDC", "Okta", "SCIM"},
			asks: []string{
				"how to add SSO to an internal tool",
				"whether we should use SAML or OIDC for the new admin console",
				"why SCIM deprovisioning doesn't log the user out of the app",
			},
			tips: []string{
				"put it behind the identity-aware proxy, you get SSO and MFA without touching the app",
				"prefer OIDC for anything new, SAML only when the vendor gives no choice",
				"SCIM only deactivates the account, the app has to revoke existing sessions itself",
			},
			links: []link{{"https://openid.net/specs/openid-connect-core-1_0.html", "OpenID Connect Core"}},
		},
		{
			name:  "dependency scanning",
			terms: []string{"Dependabot", "SBOM", "CVE", "lockfile"},
			asks: []string{
				"how to triage the Dependabot alerts on a legacy repo",
				"whether we must generate an SBOM for every release",
				"what to do with a CVE that has no fix yet",
			},
			tips: []string{
				"start with what is reachable in production and runtime dependencies, dev dependencies can wait",
				"yes, the release pipeline generates it, just keep the lockfile committed",
				"document the exception with a compensating control and a review date, then watch the advisory",
			},
			links: []link{{"https://cyclonedx.org/", "CycloneDX SBOM standard"}},
		},
	},
}
