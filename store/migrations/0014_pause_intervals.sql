-- The pauses a member ended: what they posted during one stays without
-- text even when it arrives later (a back-fill after an outage, an import).

CREATE TABLE pause_intervals (
    member_id  TEXT NOT NULL,
    paused_at  INTEGER NOT NULL,
    resumed_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, paused_at)
) WITHOUT ROWID;
