-- The rolling windows' arrays of use times (issue 15's speed target): stored out of line WITHOUT compression.
-- Every consume rewrites the array; with a window of 1,000 likes it is 8 KB, and pglz-compressing timestamps
-- on every action cost about 5x the rest of the statement (pgbench, 1,500 uses: 4.8 ms vs 0.9 ms per
-- consume and give-back). Rows written before take the new storage at their next update.
ALTER TABLE usage_windows ALTER COLUMN used_at SET STORAGE EXTERNAL;
