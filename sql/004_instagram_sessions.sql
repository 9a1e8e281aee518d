-- Instagram sessions an API user saved (POST /api/instagram/session), used by the downloader when a post
-- needs a login. The cookies are sealed with SecretBox (AES-GCM, context "instagram_session"):
-- `sealed` is the encryption of the JSON {"session_id","csrf_token","ds_user_id"}; nothing secret is in clear.
CREATE TABLE instagram_sessions (
    id                 bigserial PRIMARY KEY,
    user_id            bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
    username           text NOT NULL CHECK (username ~ '^[A-Za-z0-9._]{1,30}$'),
    instagram_user_id  text NOT NULL,
    full_name          text NOT NULL DEFAULT '',
    sealed             bytea NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    last_used_at       timestamptz,
    UNIQUE (user_id, username)
);
