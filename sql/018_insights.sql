-- Insights of connected accounts (issue 14): a time series of each published post's lifetime figures, each
-- account's daily figures, and each account's collection state (paused after one of Meta's rate limits or at the
-- usage headers' budget, with why). A figure Meta did not give is NULL, with the reason in `missing`.

CREATE TABLE instagram_media_insights (
    id                  bigserial PRIMARY KEY,
    publication_id      bigint NOT NULL REFERENCES instagram_publications(id) ON DELETE CASCADE,
    account_id          bigint NOT NULL REFERENCES instagram_accounts(id) ON DELETE CASCADE,
    media_id            text NOT NULL,
    media_product_type  text NOT NULL,
    source              text NOT NULL CHECK (source IN ('request', 'collector')),
    views               bigint,
    reach               bigint,
    likes               bigint,
    comments            bigint,
    shares              bigint,
    saved               bigint,
    total_interactions  bigint,
    profile_visits      bigint,
    follows             bigint,
    missing             jsonb NOT NULL DEFAULT '{}',
    collected_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX instagram_media_insights_series ON instagram_media_insights (publication_id, collected_at);

-- `day` is Meta's day (its end_time is the next midnight, Pacific), so one row per account and day.
CREATE TABLE instagram_account_insights (
    account_id          bigint NOT NULL REFERENCES instagram_accounts(id) ON DELETE CASCADE,
    day                 date NOT NULL,
    day_end             timestamptz NOT NULL,
    reach               bigint,
    views               bigint,
    follower_count      bigint,
    profile_links_taps  bigint,
    accounts_engaged    bigint,
    total_interactions  bigint,
    missing             jsonb NOT NULL DEFAULT '{}',
    collected_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, day)
);

CREATE TABLE instagram_insight_collection (
    account_id          bigint PRIMARY KEY REFERENCES instagram_accounts(id) ON DELETE CASCADE,
    state               text NOT NULL DEFAULT 'ok'
                        CHECK (state IN ('ok', 'rate_limited', 'budget', 'reconnect_required', 'failed')),
    paused_until        timestamptz,
    error_code          integer,
    message             text,
    last_run_at         timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
