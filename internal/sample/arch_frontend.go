package sample

// A English-speaking archetype.

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
