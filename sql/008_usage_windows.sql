-- Rolling-window limits (UsageLimiter): one row per scope and subject, holding the times of the uses still in
-- the window (older ones are dropped whenever the row is written). The download quota is the first scope
-- ('download', per API key); the account actions' daily limits are the next. Replaces download_quota (per UTC
-- day): a rolling 24 h has no midnight at which a whole day's quota comes back at once.
CREATE TABLE usage_windows (
    scope    text NOT NULL CHECK (length(scope) BETWEEN 1 AND 40),
    subject  text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    used_at  timestamptz[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (scope, subject)
);

DROP TABLE download_quota;
