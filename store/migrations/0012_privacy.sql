-- Members' privacy: who asked Praxis to forget them, who paused the
-- recording of their messages' text, and how far the retention of message
-- text has gone.

-- A member who asked to be forgotten (/praxis forget, praxis member
-- forget). Their messages stay as anonymous rows (counted, without text or
-- author); their reactions, profile, memberships, skills and preferences
-- are gone. Whatever arrives about them later (a re-import, a back-fill, a
-- live event) is recorded the same way: see Tx.privacyOf.
CREATE TABLE forgotten_members (
    member_id    TEXT PRIMARY KEY,
    forgotten_at INTEGER NOT NULL
);

-- A member who paused the recording of their messages' text (/praxis
-- pause): their new messages are recorded without text until they resume.
CREATE TABLE paused_members (
    member_id TEXT PRIMARY KEY,
    paused_at INTEGER NOT NULL
);

-- A message whose text was erased for good (retention, a forgotten member,
-- a pause): a re-import or a back-fill carrying the text does not bring it
-- back. A constant default: SQLite adds the column without rewriting rows.
ALTER TABLE messages ADD COLUMN erased INTEGER NOT NULL DEFAULT 0;

-- Where retention stands (one row). Every message posted before text_before
-- has had its text erased, and a message arriving later that was posted
-- before it is recorded without text. inbox_done and outbox_done are the
-- last inbox and outbox rows whose payload was emptied.
CREATE TABLE retention (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    text_before INTEGER NOT NULL DEFAULT 0, -- Unix ms; 0: nothing erased yet
    inbox_done  INTEGER NOT NULL DEFAULT 0,
    outbox_done INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL
);

-- A forgotten member's profile and channel memberships are never written
-- again, whichever path tries (users.info sync, an export's users.json and
-- channel lists, a live join or leave): the row is skipped. Messages,
-- reactions and resources, on the hot paths, are checked in Go instead.
CREATE TRIGGER members_forgotten BEFORE INSERT ON members
WHEN EXISTS (SELECT 1 FROM forgotten_members WHERE member_id = new.id)
BEGIN
    SELECT RAISE(IGNORE);
END;
CREATE TRIGGER channel_members_forgotten BEFORE INSERT ON channel_members
WHEN EXISTS (SELECT 1 FROM forgotten_members WHERE member_id = new.member_id)
BEGIN
    SELECT RAISE(IGNORE);
END;
CREATE TRIGGER membership_events_forgotten BEFORE INSERT ON membership_events
WHEN EXISTS (SELECT 1 FROM forgotten_members WHERE member_id = new.member_id)
BEGIN
    SELECT RAISE(IGNORE);
END;

-- A question a forgotten member asks or answers later, a message they pin,
-- are counted without their identity.
CREATE TRIGGER questions_forgotten_asker AFTER INSERT ON questions
WHEN EXISTS (SELECT 1 FROM forgotten_members WHERE member_id = new.asker)
BEGIN
    UPDATE questions SET asker = '' WHERE channel_id = new.channel_id AND ts = new.ts;
END;
CREATE TRIGGER questions_forgotten_answerer AFTER UPDATE OF first_answerer ON questions
WHEN EXISTS (SELECT 1 FROM forgotten_members WHERE member_id = new.first_answerer)
BEGIN
    UPDATE questions SET first_answerer = '' WHERE channel_id = new.channel_id AND ts = new.ts;
END;
CREATE TRIGGER pins_forgotten AFTER INSERT ON pins
WHEN EXISTS (SELECT 1 FROM forgotten_members WHERE member_id = new.pinned_by)
BEGIN
    UPDATE pins SET pinned_by = '' WHERE channel_id = new.channel_id AND message_ts = new.message_ts;
END;
