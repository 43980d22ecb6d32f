-- Messages pinned in mapped channels: a community's reference resources,
-- which a newcomer's welcome points to. From pin_added / pin_removed, and
-- from the pinned_to of exported or back-filled messages.

CREATE TABLE pins (
    channel_id TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    pinned_by  TEXT NOT NULL DEFAULT '',
    pinned_at  INTEGER NOT NULL,
    PRIMARY KEY (channel_id, message_ts)
) WITHOUT ROWID;
