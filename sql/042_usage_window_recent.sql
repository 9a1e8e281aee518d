-- A rolling window's newest uses in a small array of their own (issue 15's speed target: an action's own cost).
-- Every consume rewrote the whole array of use times: with the 1,000 likes of a busy account's day it is 8 KB out
-- of line, and writing it again cost each action more than the rest of its statement. Now a use is appended to
-- `recent` (at most 64 uses, in line), and `used_at` is rewritten only when `recent` is full: the 64 join it and
-- its expired prefix is dropped then. An UPDATE that leaves `used_at` as it was keeps its out-of-line value as it
-- is (PostgreSQL copies the pointer, not the bytes), so a consume writes a few hundred bytes whatever the window
-- holds. pgbench, one connection, 300 consumes of one window, the function of 029 and this one in the same
-- minutes (load average 8): 10 uses in the window 0.11-0.18 ms both; 1,000 uses 0.36-0.38 -> 0.21 ms; 3,000 uses
-- 0.65-0.75 -> 0.28-0.31 ms. Both arrays stay sorted and every time in `used_at` is at most the first of `recent`,
-- so the uses still in the window are a suffix of each, which width_bucket finds by binary search (usage_live).
ALTER TABLE usage_windows ADD COLUMN recent timestamptz[] NOT NULL DEFAULT '{}';

-- The uses of a window still in it (after p_since) and the oldest of them, from both arrays: one row. (A set-
-- returning SQL function of one SELECT, so that a call in FROM is inlined into the caller's plan.)
CREATE FUNCTION usage_live(p_used_at timestamptz[], p_recent timestamptz[], p_since timestamptz)
RETURNS TABLE (used integer, oldest timestamptz)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT cardinality(p_used_at) - k.o + cardinality(p_recent) - k.r, coalesce(p_used_at[k.o + 1], p_recent[k.r + 1])
    FROM (SELECT width_bucket(p_since, p_used_at) AS o, width_bucket(p_since, p_recent) AS r) k
$$;

-- Takes one use of a rolling window if it allows one (UsageLimiter's consume; instagram_action_begin calls it).
-- The row lock of INSERT ... ON CONFLICT DO UPDATE serialises two callers taking the last use, as before. (The
-- count is written out here, not a call of usage_live: a function call per row there cost more than it saves.)
-- Refused (or a limit of 0), it reads where the window stands under that lock: allowed false, used and oldest.
CREATE OR REPLACE FUNCTION usage_consume(p_scope text, p_subject text, p_limit integer, p_seconds integer,
                                         OUT allowed boolean, OUT used integer, OUT oldest timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
    since timestamptz := now() - make_interval(secs => p_seconds);
BEGIN
    IF p_limit > 0 THEN
        INSERT INTO usage_windows AS w (scope, subject, used_at, recent) VALUES (p_scope, p_subject, '{}', ARRAY[now()])
        ON CONFLICT (scope, subject) DO UPDATE
            SET used_at = CASE WHEN cardinality(w.recent) >= 64
                               THEN w.used_at[width_bucket(since, w.used_at) + 1:] || w.recent
                               ELSE w.used_at END,
                recent = CASE WHEN cardinality(w.recent) >= 64
                              THEN ARRAY[greatest(now(), w.recent[cardinality(w.recent)])]
                              ELSE w.recent[width_bucket(since, w.recent) + 1:]
                                   || greatest(now(), w.recent[cardinality(w.recent)], w.used_at[cardinality(w.used_at)]) END
            WHERE cardinality(w.used_at) - width_bucket(since, w.used_at) + cardinality(w.recent) - width_bucket(since, w.recent) < p_limit
        RETURNING cardinality(w.used_at) - width_bucket(since, w.used_at) + cardinality(w.recent) - width_bucket(since, w.recent),
                  coalesce(w.used_at[width_bucket(since, w.used_at) + 1], w.recent[width_bucket(since, w.recent) + 1])
        INTO used, oldest;
        IF FOUND THEN
            allowed := true;
            RETURN;
        END IF;
    END IF;
    allowed := false;
    SELECT l.used, l.oldest INTO used, oldest
    FROM usage_windows u CROSS JOIN LATERAL usage_live(u.used_at, u.recent, since) l
    WHERE u.scope = p_scope AND u.subject = p_subject;
    used := coalesce(used, 0);
END $$;

-- Gives back the newest use of a window (an attempt that did not count): UsageLimiter's giveBack.
CREATE OR REPLACE FUNCTION usage_give_back(p_scope text, p_subject text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE usage_windows w
    SET recent = CASE WHEN cardinality(w.recent) > 0 THEN w.recent[1:cardinality(w.recent) - 1] ELSE w.recent END,
        used_at = CASE WHEN cardinality(w.recent) > 0 THEN w.used_at ELSE w.used_at[1:cardinality(w.used_at) - 1] END
    WHERE w.scope = p_scope AND w.subject = p_subject AND cardinality(w.used_at) + cardinality(w.recent) > 0;
END $$;
