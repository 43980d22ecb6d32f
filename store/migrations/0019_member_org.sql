-- Where a member works, from two fields of their Slack profile, for the
-- sponsors' report's answers that cross teams or sites: their team
-- (a custom field labelled department, team, division…) and their site
-- (one labelled location, site, office…). Nothing else of the profile's
-- custom fields is kept. '' when the workspace has no such field.
ALTER TABLE members ADD COLUMN team TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN site TEXT NOT NULL DEFAULT '';
