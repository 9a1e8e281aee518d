/// The durable job queue: jobs in PostgreSQL, claimed with `FOR UPDATE SKIP LOCKED` under leases,
/// retried with backoff, and run by `instagate work`.
public enum Jobs {}
