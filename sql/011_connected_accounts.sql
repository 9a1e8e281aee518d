-- Connected Instagram professional accounts (issue 13): the Graph API token of each, sealed with the secret
-- key, the account's profile as last read, and the single-use OAuth states that bind a login to an API user.

CREATE TABLE instagram_accounts (
    id                  bigserial PRIMARY KEY,
    user_id             bigint NOT NULL REFERENCES api_users(id) ON DELETE CASCADE,
    flavour             text NOT NULL CHECK (flavour IN ('instagram', 'facebook')),
    ig_user_id          text NOT NULL,
    username            text NOT NULL,
    name                text,
    account_type        text,
    biography           text,
    website             text,
    profile_picture_url text,
    followers_count     bigint,
    follows_count       bigint,
    media_count         bigint,
    page_id             text,
    -- the app-scoped user id Meta names in deauthorize and data-deletion callbacks (Instagram Login: /me id;
    -- Facebook Login: the Facebook user's id)
    app_scoped_id       text,
    -- the long-lived access token, AES-GCM under the secret key (context instagram_account/<user_id>/<ig_user_id>)
    sealed_token        bytea,
    token_expires_at    timestamptz,
    token_refreshed_at  timestamptz,
    status              text NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'reconnect_required')),
    status_reason       text,
    info_refreshed_at   timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, ig_user_id)
);

CREATE INDEX instagram_accounts_refresh ON instagram_accounts (token_expires_at) WHERE status = 'connected';

CREATE TABLE instagram_oauth_states (
    nonce       text PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES api_users(id) ON DELETE CASCADE,
    flavour     text NOT NULL CHECK (flavour IN ('instagram', 'facebook')),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX instagram_oauth_states_expiry ON instagram_oauth_states (expires_at);

-- Webhook deliveries and Meta's deauthorize / data-deletion callbacks, each checked against the app secret before
-- it is stored; a data-deletion request keeps its confirmation code for the status URL Meta shows the user.
CREATE TABLE instagram_webhook_events (
    id                 bigserial PRIMARY KEY,
    kind               text NOT NULL CHECK (kind IN ('event', 'deauthorize', 'data_deletion')),
    object             text,
    subject_id         text,
    payload            jsonb NOT NULL,
    confirmation_code  text UNIQUE,
    accounts_affected  integer NOT NULL DEFAULT 0,
    received_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX instagram_accounts_app_scoped ON instagram_accounts (app_scoped_id);
