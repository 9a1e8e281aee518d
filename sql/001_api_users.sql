-- API users and their keys. Every row that later features create (downloads, jobs, Instagram
-- sessions, Graph API accounts, analytics) carries a user_id referencing api_users.
CREATE TABLE api_users (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Only the SHA-256 of a key is stored; key_prefix ("igk_AbCdEf") helps a person recognise it.
CREATE TABLE api_keys (
    id           bigserial PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
    name         text NOT NULL,
    key_hash     bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    key_prefix   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);
CREATE INDEX api_keys_user_id ON api_keys (user_id);
