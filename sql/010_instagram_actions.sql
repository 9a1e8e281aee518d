-- Saved sessions and account actions (issue 15).
--
-- A saved session now expires (INSTAGATE_SESSION_EXPIRY_HOURS after it was saved or last used: `lifetime_seconds`
-- is the setting when it was saved), remembers the browser user agent it was made with (not a secret: sent as
-- User-Agent with every call made with it), and is marked when Instagram refused it during an action
-- ('invalid': logged out; 'challenge': a checkpoint to pass); a marked session is not sent to Instagram again.
ALTER TABLE instagram_sessions
    ADD COLUMN user_agent        text CHECK (user_agent IS NULL OR length(user_agent) BETWEEN 1 AND 512),
    ADD COLUMN lifetime_seconds  integer NOT NULL DEFAULT 86400 CHECK (lifetime_seconds > 0),
    ADD COLUMN expires_at        timestamptz NOT NULL DEFAULT now() + interval '24 hours',
    ADD COLUMN state             text NOT NULL DEFAULT 'valid' CHECK (state IN ('valid', 'invalid', 'challenge'));
CREATE INDEX instagram_sessions_expires_at ON instagram_sessions (expires_at);

-- The audit log: every action an API user asked for, with its outcome ('accepted' by Instagram, 'refused' by
-- Instagram, 'rejected' by instagate before anything was sent: limit, block, pacing) and Instagram's answer code.
CREATE TABLE instagram_actions (
    id                 bigserial PRIMARY KEY,
    user_id            bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
    username           text NOT NULL,
    instagram_user_id  text NOT NULL,
    action             text NOT NULL CHECK (action IN ('follow', 'unfollow', 'like', 'unlike', 'comment')),
    target             text NOT NULL CHECK (length(target) BETWEEN 1 AND 64),
    outcome            text NOT NULL CHECK (outcome IN ('accepted', 'refused', 'rejected')),
    error_code         text,
    instagram_code     text,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX instagram_actions_by_user ON instagram_actions (user_id, created_at DESC, id DESC);
CREATE INDEX instagram_actions_by_target ON instagram_actions (instagram_user_id, target, created_at DESC, id DESC)
    WHERE outcome = 'accepted';

-- Action types Instagram blocked for an account (feedback_required): no action of that type is sent before
-- `blocked_until` (INSTAGATE_ACTION_BLOCK_SECONDS after the block).
CREATE TABLE instagram_action_blocks (
    instagram_user_id  text NOT NULL,
    action             text NOT NULL CHECK (action IN ('follow', 'like', 'comment')),
    blocked_until      timestamptz NOT NULL,
    PRIMARY KEY (instagram_user_id, action)
);

-- An account's own daily limits (PUT /api/instagram/limits/{username}), below the operator's
-- INSTAGATE_*_LIMIT_PER_DAY; without a row the global limit holds.
CREATE TABLE instagram_action_limits (
    instagram_user_id  text NOT NULL,
    action             text NOT NULL CHECK (action IN ('follow', 'like', 'comment')),
    daily_limit        integer NOT NULL CHECK (daily_limit BETWEEN 0 AND 1000000),
    PRIMARY KEY (instagram_user_id, action)
);
