package sample

// A English-speaking archetype.

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
