package sample

// The English-speaking archetypes.

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

var platformSRE = archetype{
	name: "Platform / SRE", lang: "en", tz: "America/New_York",
	vocation: "Run reliable platforms together and share what we learn from incidents.",
	channels: []chanSpec{
		{"sre-platform", "Platform and reliability: discussions, incidents, practices", chanMain},
		{"k8s-help", "Kubernetes, Terraform and CI questions, no question too small", chanHelp},
		{"sre-alerts", "Pipeline and deployment notifications", chanAlerts},
	},
	titles: []string{
		"Site Reliability Engineer",
		"Platform Engineer",
		"DevOps Engineer",
		"Staff SRE",
		"Backend Engineer",
		"Infrastructure Lead",
	},
	teams: []string{"platform", "observability", "payments", "search", "mobile backend", "core API"},
	files: []docFile{{"postmortem-template.md", "Postmortem template"}, {"oncall-handbook.pdf", "On-call handbook"},
		{"k8s-1.31-upgrade-plan.pdf", "Kubernetes 1.31 upgrade plan"}, {"slo-dashboard.json", "SLO dashboard"}},
	wiki: "https://wiki.example.com/sre",
	bot: &botSpec{name: "gitlab-ci", realName: "GitLab CI",
		texts: []string{
			"✅ Pipeline #{n} passed on main ({repo})",
			"❌ Pipeline #{n} failed on main ({repo}): job terraform-plan",
			"🚀 Deployed {repo} to production (pipeline #{n})",
			"⚠️ Pipeline #{n} on {repo} is stuck waiting for a runner",
		},
		repos: []string{"terraform-modules", "helm-charts", "platform-api", "ingress-config", "observability-stack"},
		acks:  []string{"Looking into it 👀", "Known flaky job, re-running", "On it", "That one is mine, fixing"}},
	topics: []topic{
		{
			name:  "Kubernetes",
			terms: []string{"pod", "HPA", "node pool", "PodDisruptionBudget", "OOMKilled"},
			asks: []string{
				"why my pods keep getting OOMKilled even with a 2Gi limit",
				"how to drain a node pool without downtime",
				"whether we should set CPU limits at all",
			},
			tips: []string{
				"check the runtime heap settings, the container limit has to leave room for off-heap memory",
				"add a PodDisruptionBudget first, then cordon and drain one node at a time",
				"we set requests everywhere but no CPU limits, throttling hurt us more than noisy neighbours",
			},
			links: []link{
				{"https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/", "Resource management for pods"},
				{"https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/", "Safely drain a node"},
			},
		},
		{
			name:  "Terraform state",
			terms: []string{"Terraform", "state lock", "remote backend", "moved blocks", "drift"},
			asks: []string{
				"how to unlock a Terraform state stuck after a failed apply",
				"how to split a big Terraform state into smaller ones",
				"how to import an existing bucket into Terraform",
			},
			tips: []string{
				"check nobody is applying, then terraform force-unlock with the lock ID from the error",
				"move resources with moved blocks, one module at a time, and plan until it's empty",
				"write the resource block first, then an import block, and plan until there is no diff",
			},
			links: []link{
				{"https://developer.hashicorp.com/terraform/language/state", "Terraform state"},
				{"https://developer.hashicorp.com/terraform/language/import", "Terraform import blocks"},
			},
		},
		{
			name:  "Helm charts",
			terms: []string{"Helm", "values.yaml", "helm diff", "umbrella chart"},
			asks: []string{
				"how to version our internal Helm charts",
				"whether to use one umbrella chart or one chart per service",
				"how to see what a helm upgrade will change before applying",
			},
			tips: []string{
				"semver on the chart, bumped in CI on every merge, the app version is separate",
				"one chart per service, umbrella charts made every rollback a negotiation",
				"install the helm diff plugin, the pipeline already posts the diff on the MR",
			},
			links: []link{{"https://helm.sh/docs/chart_best_practices/", "Helm chart best practices"}},
		},
		{
			name:  "on-call",
			terms: []string{"on-call", "PagerDuty", "escalation policy", "runbook", "handover"},
			asks: []string{
				"how to swap an on-call shift with someone",
				"what's expected from the secondary on-call",
				"whether there is a runbook template for new alerts",
			},
			tips: []string{
				"create an override in PagerDuty and post it here, no need to ask a manager",
				"the secondary is paged only if the primary doesn't ack within 10 minutes, and takes over during long incidents",
				"every paging alert needs a runbook link, the template is in the handbook",
			},
			links: []link{{"https://response.pagerduty.com/", "PagerDuty incident response guide"}},
		},
		{
			name:  "Prometheus",
			terms: []string{"PromQL", "recording rule", "Alertmanager", "cardinality"},
			asks: []string{
				"how to alert on the error rate instead of raw errors",
				"why our Prometheus memory doubled last week",
				"how to silence alerts during a planned maintenance",
			},
			tips: []string{
				"alert on the ratio with rate() over 5m and a for clause, and page only on burn rate",
				"it's almost always a label with high cardinality, look at the top series per metric name",
				"create a silence in Alertmanager with the matchers and an end date, and link the change ticket",
			},
			links: []link{
				{"https://prometheus.io/docs/practices/alerting/", "Prometheus alerting practices"},
				{"https://sre.google/workbook/alerting-on-slos/", "Alerting on SLOs"},
			},
		},
		{
			name:  "postmortems",
			terms: []string{"postmortem", "blameless review", "action items", "error budget"},
			asks: []string{
				"when a postmortem is mandatory",
				"how to run a blameless postmortem review",
				"who follows up on postmortem action items",
			},
			tips: []string{
				"any SEV1 or SEV2, or anything that burned more than half of the monthly error budget",
				"timeline first, then contributing factors, and never ask who, ask what made it easy to happen",
				"each action item has an owner and a ticket, we review the open ones in the weekly ops review",
			},
			links: []link{{"https://sre.google/sre-book/postmortem-culture/", "Postmortem culture"}},
		},
		{
			name:  "CI pipelines",
			terms: []string{"GitLab CI", "runner", "cache", "pipeline"},
			asks: []string{
				"how to speed up our CI pipeline, it takes 25 minutes",
				"why jobs are stuck waiting for a runner",
				"how to reuse the Docker layer cache between jobs",
			},
			tips: []string{
				"split the test job with parallel and cache the dependencies per lockfile hash",
				"the shared runners are saturated after 4pm, tag your jobs to use the autoscaled pool",
				"use the registry as a cache source with --cache-from, the local cache doesn't survive between runners",
			},
			links: []link{{"https://docs.gitlab.com/ee/ci/caching/", "GitLab CI caching"}},
		},
	},
}

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

var frontendGuild = archetype{
	name: "Frontend guild", lang: "en", tz: "America/Chicago",
	vocation: "Build accessible, fast and consistent interfaces across all our products.",
	channels: []chanSpec{
		{"frontend-guild", "Frontend practices, design system and web performance", chanMain},
		{"frontend-help", "Stuck on CSS, React or TypeScript? Ask here", chanHelp},
		{"design-system", "Design system news and component proposals", chanExtra},
	},
	titles: []string{
		"Frontend Engineer",
		"Design Systems Engineer",
		"Product Designer",
		"Staff Frontend Engineer",
		"Mobile Engineer",
		"Accessibility Specialist",
	},
	teams: []string{"checkout", "dashboard", "marketing site", "mobile web", "design system", "onboarding"},
	files: []docFile{
		{"component-proposal-template.md", "Component proposal template"},
		{"a11y-audit-2026.pdf", "Accessibility audit 2026"},
		{"design-tokens.json", "Design tokens"},
		{"web-vitals-report.png", "Web vitals report"},
	},
	wiki: "https://wiki.example.com/frontend",
	topics: []topic{
		{
			name:  "design system",
			terms: []string{"design tokens", "Storybook", "component library", "Figma"},
			asks: []string{
				"how to propose a new component for the design system",
				"whether we should fork a design system component or extend it",
				"how design tokens get from Figma to the code",
			},
			tips: []string{
				"open an RFC in the design-system repo with the use cases, we review them on Tuesdays",
				"never fork, wrap it or ask for a variant, forks drift within a quarter",
				"tokens are exported from Figma to JSON and a CI job publishes the npm package",
			},
			links: []link{{"https://storybook.js.org/docs", "Storybook docs"}},
		},
		{
			name:  "accessibility",
			terms: []string{"WCAG", "screen reader", "focus trap", "aria-label", "contrast ratio"},
			asks: []string{
				"how to test a modal with a screen reader",
				"whether our color palette passes WCAG AA contrast",
				"how to handle focus after closing a dialog",
			},
			tips: []string{
				"VoiceOver on Safari and NVDA on Firefox cover most of our users, check the focus trap and the announced title",
				"the primary palette passes AA, the grey on grey labels don't, use the text-muted token",
				"return focus to the element that opened it, the dialog component does it if you pass the trigger ref",
			},
			links: []link{
				{"https://www.w3.org/TR/WCAG22/", "WCAG 2.2"},
				{"https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/", "ARIA dialog pattern"},
			},
		},
		{
			name:  "React",
			terms: []string{"hooks", "Server Components", "Suspense", "re-renders", "context"},
			asks: []string{
				"why my component re-renders on every keystroke",
				"whether we should adopt Server Components in the dashboard",
				"how to fetch data with Suspense in our setup",
			},
			tips: []string{
				"the context value is a new object on every render, memoize it or split the context",
				"not yet, the dashboard is mostly client state, we'd pay the migration for little gain",
				"use the query client's suspense mode, the wrapper is already in the shared hooks package",
			},
			links: []link{{"https://react.dev/learn", "React docs"}},
		},
		{
			name:  "web performance",
			terms: []string{"Core Web Vitals", "LCP", "INP", "bundle size", "lazy loading"},
			asks: []string{
				"how to bring our LCP under 2.5s on mobile",
				"why the bundle grew by 300kB after the last release",
				"how to measure INP in production",
			},
			tips: []string{
				"preload the hero image, serve it in AVIF, and stop blocking on the fonts",
				"run the bundle analyzer, it's usually a date or icon library imported whole",
				"the RUM snippet already reports INP, look at the p75 per page in the dashboard",
			},
			links: []link{{"https://web.dev/articles/vitals", "Web Vitals"}},
		},
		{
			name:  "TypeScript",
			terms: []string{"strict mode", "generics", "type narrowing", "tsconfig"},
			asks: []string{
				"how to migrate a big JS module to TypeScript progressively",
				"whether to turn on strict mode in the legacy app",
				"how to type an API response without duplicating the schema",
			},
			tips: []string{
				"allowJs plus checkJs on the folder, then rename file by file from the leaves up",
				"yes, but package by package with a strict tsconfig each, not all at once",
				"generate the types from the OpenAPI spec, the codegen script is in the api-client package",
			},
			links: []link{{"https://www.typescriptlang.org/docs/handbook/", "TypeScript handbook"}},
		},
		{
			name:  "frontend testing",
			terms: []string{"Playwright", "Testing Library", "visual regression", "flaky test"},
			asks: []string{
				"how to make our Playwright tests less flaky",
				"whether to test components with Testing Library or Storybook interactions",
				"how visual regression tests run on pull requests",
			},
			tips: []string{
				"never wait for timeouts, wait for the role or the network response, and isolate the storage state",
				"Testing Library for logic, Storybook interactions for visual states, both run in CI",
				"every story is snapshotted on the PR and a diff needs an approval from the owner",
			},
			links: []link{{"https://playwright.dev/docs/best-practices", "Playwright best practices"}},
		},
	},
}
