-- Follower analysis, faster (issue 5): the pages of an analysis are stored straight into its snapshot
-- (no copy at the end), parsed by PostgreSQL from the answer's JSON. A snapshot is created when the
-- analysis starts and counts only once it is completed (completed_at); a job that fails or is cancelled
-- deletes its incomplete snapshot. The per-job staging table is no longer used.
ALTER TABLE analysis_snapshots ADD COLUMN completed_at timestamptz;
UPDATE analysis_snapshots SET completed_at = taken_at;
CREATE INDEX analysis_snapshots_job ON analysis_snapshots (job_id);
DROP TABLE analysis_users;
