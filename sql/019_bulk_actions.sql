-- Bulk account actions (issue 15): one run per POST /api/instagram/bulk, one row per target, worked through by
-- `bulk_action` jobs. A run belongs to the job named in `job_id` (resume hands it to a new job, so an old one still
-- sleeping stops at its next look). An item is marked 'sending' before its action is sent and 'done' after
-- Instagram accepted it: an item found 'sending' by a resumed job (its worker was killed mid-call) is settled by
-- asking Instagram whether the action is in place, never by sending it again blindly.
CREATE TABLE instagram_bulk_runs (
    id                 bigserial PRIMARY KEY,
    public_id          text NOT NULL UNIQUE CHECK (public_id ~ '^[0-9a-f]{16}$'),
    user_id            bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
    username           text NOT NULL,
    instagram_user_id  text NOT NULL,
    action             text NOT NULL CHECK (action IN ('follow', 'unfollow', 'like', 'unlike')),
    -- Seconds between two actions of the run at least (the account's INSTAGATE_ACTION_GAP holds anyway).
    interval_seconds   double precision NOT NULL DEFAULT 0 CHECK (interval_seconds BETWEEN 0 AND 86400),
    -- Where the targets came from: 'targets' (the body's list) or 'analysis' (an analysis' unfollowers).
    source             text NOT NULL DEFAULT 'targets' CHECK (source IN ('targets', 'analysis')),
    state              text NOT NULL DEFAULT 'queued'
                       CHECK (state IN ('queued', 'running', 'paused', 'completed', 'stopped', 'cancelled')),
    -- Why a 'stopped' run stopped (ACTION_BLOCKED, CHALLENGE_REQUIRED, INVALID_SESSION, RATE_LIMIT_EXCEEDED) and
    -- Instagram's words; a run waiting for its daily limit keeps RATE_LIMIT_EXCEEDED here while 'running'.
    stop_code          text,
    stop_message       text,
    resumes_at         timestamptz,
    job_id             bigint,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    finished_at        timestamptz
);
CREATE INDEX instagram_bulk_runs_user ON instagram_bulk_runs (user_id, created_at DESC);

CREATE TABLE instagram_bulk_items (
    run_id      bigint NOT NULL REFERENCES instagram_bulk_runs (id) ON DELETE CASCADE,
    position    integer NOT NULL CHECK (position >= 0),
    -- As the audit log writes a target: a user id, @username, or a media pk.
    target      text NOT NULL CHECK (length(target) BETWEEN 1 AND 64),
    -- Shown beside a user id target (an analysis' unfollower), never sent.
    label       text,
    state       text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'done', 'skipped', 'failed')),
    result      text,
    error_code  text,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, position)
);
CREATE INDEX instagram_bulk_items_open ON instagram_bulk_items (run_id, position) WHERE state IN ('pending', 'sending');
