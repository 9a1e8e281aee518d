-- Who may mint keys (issue 11): admin keys only. `instagate keys create` makes admin keys; a key minted through
-- POST /api/keys is not one unless the admin key asks for it ("admin": true, to rotate itself). minted_by
-- remembers the minting key, so that revoking a key revokes what it minted, recursively.
ALTER TABLE api_keys
    ADD COLUMN is_admin boolean NOT NULL DEFAULT false,
    ADD COLUMN minted_by bigint REFERENCES api_keys (id) ON DELETE SET NULL;
CREATE INDEX api_keys_minted_by ON api_keys (minted_by);

-- Keys from before: the first key of each user came from `instagate keys create`, which makes admins.
UPDATE api_keys SET is_admin = true WHERE id IN (SELECT min(id) FROM api_keys GROUP BY user_id);
