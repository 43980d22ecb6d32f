-- Expert finding's ranking, fitted on the workspace's own history
-- (bot/expert's Fit): the weights of its features with their measured
-- quality, as JSON the engine reads. The latest is used; a few earlier ones
-- are kept to compare.
CREATE TABLE expert_models (
    id        INTEGER PRIMARY KEY,
    fitted_at INTEGER NOT NULL, -- Unix ms
    model     TEXT NOT NULL     -- JSON (bot/expert.Model)
);
