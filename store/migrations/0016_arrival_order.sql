-- Slack does not promise the order of events and redelivers late what was
-- not acknowledged: recording keeps what a removal, a thanks or a rename
-- said, by the time it happened, so that any order of arrival gives the
-- same store.

-- A reaction removed, and when (the latest removal): a reaction_added that
-- arrives later but happened before it is not recorded.
CREATE TABLE reaction_removals (
    channel_id TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    removed_at INTEGER NOT NULL,
    PRIMARY KEY (channel_id, message_ts, user_id, name)
) WITHOUT ROWID;

-- A message unpinned, and when (the latest unpin): likewise for pins.
CREATE TABLE pin_removals (
    channel_id TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    removed_at INTEGER NOT NULL,
    PRIMARY KEY (channel_id, message_ts)
) WITHOUT ROWID;

-- What a member did that may close a question, whether or not the question
-- (or the message acted on) is recorded yet: an accept reaction put on a
-- message (tick; kept if taken back, as a question once resolved stays so),
-- or a thread reply that thanks (thanks, told from the text when it
-- arrived). The earliest time of each. Questions are settled from these
-- (store.SettleQuestion), so a thanks or a ✅ recorded before its question
-- counts when the question arrives.
CREATE TABLE question_acts (
    channel_id TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('tick', 'thanks')),
    at         INTEGER NOT NULL,
    PRIMARY KEY (channel_id, message_ts, user_id, kind)
) WITHOUT ROWID;

-- When a channel took its name from a channel_rename: an older rename
-- arriving later does not undo a newer one. NULL: never renamed by an event.
ALTER TABLE channels ADD COLUMN renamed_at INTEGER;

-- Which version of its message (its edited ts, '' for the original) gave a
-- resource its title: a link's label follows the newest version that has
-- one, whichever version arrives last.
ALTER TABLE resources ADD COLUMN version TEXT NOT NULL DEFAULT '';
