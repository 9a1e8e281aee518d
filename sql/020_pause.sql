-- Pausing and resuming jobs (issue 16: a collection job, and so a watch's run, is pausable, not only cancellable).
-- A job with paused_at set is never claimed: a queued one waits, a running one stops at its next checkpoint and is
-- queued again, still paused. Resuming clears it. A watch is paused when its current run is (it queues the next
-- run only when one ends).
ALTER TABLE jobs ADD COLUMN paused_at timestamptz;
