-- Downloaded posts (POST /api/download). One row per API user and shortcode; the files live under
-- $INSTAGATE_HOME/downloads/{shortcode}/ (shared by users who downloaded the same post; a directory is removed
-- only when no row references it any more). `metadata` is the metadata JSON of the post (minus file paths).
CREATE TABLE downloads (
    id               bigserial PRIMARY KEY,
    user_id          bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
    shortcode        text NOT NULL CHECK (shortcode ~ '^[A-Za-z0-9_-]{1,12}$'),
    state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'completed', 'failed')),
    metadata         jsonb,
    files            jsonb NOT NULL DEFAULT '[]',
    bytes_total      bigint,
    bytes_done       bigint NOT NULL DEFAULT 0,
    job_id           bigint,
    error_code       text,
    error_message    text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    UNIQUE (user_id, shortcode)
);
CREATE INDEX downloads_user_created ON downloads (user_id, created_at DESC, id DESC);
CREATE INDEX downloads_shortcode ON downloads (shortcode);
CREATE INDEX downloads_completed ON downloads (completed_at);

-- The per-API-key daily quota of POST /api/download (UTC days).
CREATE TABLE download_quota (
    key_id  bigint NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    day     date NOT NULL,
    used    integer NOT NULL DEFAULT 0 CHECK (used >= 0),
    PRIMARY KEY (key_id, day)
);
