-- Publishing to connected accounts (issue 14): one row per post asked for, its state, and what Meta answered.
-- The container id is stored before media_publish is called, so a retry can ask Meta whether that container
-- was already published instead of publishing it again.

CREATE TABLE instagram_publications (
    id              bigserial PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES api_users(id) ON DELETE CASCADE,
    account_id      bigint NOT NULL REFERENCES instagram_accounts(id) ON DELETE CASCADE,
    media_type      text NOT NULL DEFAULT 'IMAGE',
    image_url       text NOT NULL,
    caption         text NOT NULL DEFAULT '',
    hashtags        jsonb NOT NULL DEFAULT '[]',
    state           text NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'waiting_quota', 'publishing', 'published', 'failed')),
    container_id    text,
    media_id        text,
    permalink       text,
    shortcode       text,
    error_code      integer,
    error_subcode   integer,
    error_message   text,
    publish_requested_at timestamptz,
    job_id          bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz
);

CREATE INDEX instagram_publications_user ON instagram_publications (user_id, created_at DESC);
