-- Outbound pacing per Instagram session (issue 6): calls made with one Instagram account's session are spaced
-- at least INSTAGATE_SESSION_PACING seconds apart across every responder thread, worker and CLI process that
-- shares this database. One row per account (`pacing_key` = its ds_user_id); `next_at` is the earliest time the
-- next call may go out. A caller books its slot with one atomic upsert (SessionPacer) and sleeps until it.
CREATE TABLE instagram_session_pacing (
    pacing_key  text PRIMARY KEY CHECK (length(pacing_key) BETWEEN 1 AND 80),
    next_at     timestamptz NOT NULL
);
