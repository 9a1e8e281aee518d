-- Media uploaded to instagate for publishing (issue 14, "media from the caller too"): one row per file an API user
-- uploaded, its bytes in $INSTAGATE_HOME/uploads/<token>/<name>, served to Meta by nginx at a signed, expiring
-- /uploads/ link. `token` is the public id (random, never a row number); rows past expires_at are removed with
-- their files, a few at a time, by each new upload (UploadHandlers.create).

CREATE TABLE instagram_uploads (
    id          bigserial PRIMARY KEY,
    token       text NOT NULL UNIQUE,
    user_id     bigint NOT NULL REFERENCES api_users(id) ON DELETE CASCADE,
    media_type  text NOT NULL CHECK (media_type IN ('IMAGE', 'VIDEO')),
    file_name   text NOT NULL,
    size        bigint NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);

CREATE INDEX instagram_uploads_expiry ON instagram_uploads (expires_at);
