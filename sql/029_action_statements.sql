-- An account action in two round trips (issue 15's speed target): before the call to Instagram one statement
-- loads the session, reads the block and the account's own limit, takes the daily unit and books the gap slot;
-- after it one statement writes the audit row and gives the unit back when Instagram did not accept. Nothing
-- is held open across the call. Each function runs in the caller's one statement (one transaction, one commit).

-- Takes one use of a rolling window if it allows one: UsageLimiter's consume. The uses are a sorted array
-- (migration 025), the expired ones a prefix that width_bucket finds by binary search. The row lock of
-- INSERT ... ON CONFLICT DO UPDATE serialises two callers taking the last use. Refused (or a limit of 0), it
-- reads where the window stands under that lock: allowed false, used and oldest as they are.
CREATE FUNCTION usage_consume(p_scope text, p_subject text, p_limit integer, p_seconds integer,
                              OUT allowed boolean, OUT used integer, OUT oldest timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
    since timestamptz := now() - make_interval(secs => p_seconds);
BEGIN
    IF p_limit > 0 THEN
        INSERT INTO usage_windows AS w (scope, subject, used_at) VALUES (p_scope, p_subject, ARRAY[now()])
        ON CONFLICT (scope, subject) DO UPDATE
            SET used_at = w.used_at[width_bucket(since, w.used_at) + 1:] || greatest(now(), w.used_at[cardinality(w.used_at)])
            WHERE cardinality(w.used_at) - width_bucket(since, w.used_at) < p_limit
        RETURNING cardinality(w.used_at), w.used_at[1] INTO used, oldest;
        IF FOUND THEN
            allowed := true;
            RETURN;
        END IF;
    END IF;
    allowed := false;
    SELECT cardinality(w.used_at) - k, w.used_at[k + 1] INTO used, oldest
    FROM (SELECT u.used_at, width_bucket(since, u.used_at) AS k FROM usage_windows u
          WHERE u.scope = p_scope AND u.subject = p_subject) w;
    used := coalesce(used, 0);
END $$;

-- Gives back the newest use of a window (an attempt that did not count): UsageLimiter's giveBack.
-- (PL/pgSQL, not SQL: its plan is kept per connection instead of made on every call.)
CREATE FUNCTION usage_give_back(p_scope text, p_subject text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE usage_windows w SET used_at = w.used_at[1:cardinality(w.used_at) - 1]
    WHERE w.scope = p_scope AND w.subject = p_subject AND cardinality(w.used_at) > 0;
END $$;

-- Everything an account action needs before its call to Instagram (ActionStore.begin), each step only when the
-- one before lets the action go on:
--   1. the API user's unexpired session named p_username, marked used: its expiry moves a lifetime ahead (written
--      only once a thousandth of its lifetime passed since the last write, 86 s of a day: a busy account's actions
--      do not rewrite the row, and its indexes, every time); none: every OUT column null;
--   2. a session Instagram refused before (state not 'valid'), or a follow of the account itself
--      (p_self_target, its own id): nothing more is read or taken;
--   3. the block of the action's family in force, and the account's own daily limit: a block takes nothing;
--   4. a unit of the daily window (scope 'action:<family>', subject 'ig:<account>', the lower of the account's
--      own limit and p_limit): allowed, used, oldest as usage_consume says;
--   5. with p_gap > 0 and the unit taken, the account's next slot p_gap seconds after the one before (a row of
--      instagram_session_pacing keyed 'action:<account>', shared by every process): slot_wait, the seconds to
--      sleep before sending; a slot further than p_max_wait gives the unit back and books nothing: allowed
--      false, paced_for the seconds until the next free slot.
CREATE FUNCTION instagram_action_begin(
    p_user_id bigint, p_username text, p_family text, p_limit integer, p_seconds integer, p_self_target text,
    p_gap double precision, p_max_wait double precision,
    OUT username text, OUT instagram_user_id text, OUT state text, OUT sealed bytea, OUT user_agent text,
    OUT blocked_until timestamptz, OUT own_limit integer, OUT allowed boolean, OUT used integer,
    OUT oldest timestamptz, OUT slot_wait double precision, OUT paced_for double precision)
LANGUAGE plpgsql AS $$
DECLARE
    session_id bigint;
    touched timestamptz;
    lifetime integer;
    account text;
    pacing text;
BEGIN
    SELECT s.id, s.username, s.instagram_user_id, s.state, s.sealed, s.user_agent, s.last_used_at, s.lifetime_seconds
    INTO session_id, username, instagram_user_id, state, sealed, user_agent, touched, lifetime
    FROM instagram_sessions s
    WHERE s.user_id = p_user_id AND lower(s.username) = lower(p_username) AND s.expires_at > now()
    ORDER BY s.updated_at DESC, s.id DESC LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF touched IS NULL OR touched < now() - make_interval(secs => lifetime / 1000.0) THEN
        UPDATE instagram_sessions s SET last_used_at = now(), expires_at = now() + make_interval(secs => s.lifetime_seconds)
        WHERE s.id = session_id;
    END IF;
    account := instagram_user_id;
    IF state <> 'valid' OR account = p_self_target THEN
        RETURN;
    END IF;
    SELECT b.blocked_until INTO blocked_until FROM instagram_action_blocks b
    WHERE b.instagram_user_id = account AND b.action = p_family AND b.blocked_until > now();
    SELECT l.daily_limit INTO own_limit FROM instagram_action_limits l
    WHERE l.instagram_user_id = account AND l.action = p_family;
    IF blocked_until IS NOT NULL THEN
        RETURN;
    END IF;
    SELECT c.allowed, c.used, c.oldest INTO allowed, used, oldest
    FROM usage_consume('action:' || p_family, 'ig:' || account, least(coalesce(own_limit, p_limit), p_limit), p_seconds) c;
    IF NOT allowed OR p_gap <= 0 THEN
        RETURN;
    END IF;
    pacing := 'action:' || account;
    INSERT INTO instagram_session_pacing AS p (pacing_key, next_at)
    VALUES (pacing, clock_timestamp() + make_interval(secs => p_gap))
    ON CONFLICT (pacing_key) DO UPDATE
        SET next_at = greatest(p.next_at, clock_timestamp()) + make_interval(secs => p_gap)
        WHERE p.next_at <= clock_timestamp() + make_interval(secs => p_max_wait)
    RETURNING greatest(0, extract(epoch FROM p.next_at - clock_timestamp()) - p_gap)::float8 INTO slot_wait;
    IF FOUND THEN
        RETURN;
    END IF;
    PERFORM usage_give_back('action:' || p_family, 'ig:' || account);
    allowed := false;
    used := used - 1;
    SELECT greatest(0, extract(epoch FROM p.next_at - clock_timestamp()))::float8 INTO paced_for
    FROM instagram_session_pacing p WHERE p.pacing_key = pacing;
END $$;
