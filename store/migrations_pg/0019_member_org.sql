-- Where a member works (team and site, from two fields of their Slack
-- profile), as SQLite's 0019, for the sponsors' report.
ALTER TABLE members ADD COLUMN team TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN site TEXT NOT NULL DEFAULT '';
