-- A lease lost because its worker died (kill -9, a host gone, an OOM) is not the job's own failure: it no longer
-- uses one of the job's attempts (a download with 3 attempts was lost after three unlucky kills; deploy/chaos
-- found 2 of 186). Lost leases have a budget of their own (JobQueue.maxLeaseLosses), so a job that keeps killing
-- its worker still ends, failed with LEASE_EXPIRED.
ALTER TABLE jobs ADD COLUMN lease_losses integer NOT NULL DEFAULT 0 CHECK (lease_losses >= 0);
