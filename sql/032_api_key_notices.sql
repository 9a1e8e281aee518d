-- Responders keep the API keys they verified in a per-process cache (issue 13: the accounts reads at 0.7x /health),
-- and every responder thread's connection LISTENs on instagate_api_keys. Any change to a key or a user (a revocation,
-- an admin flag, a rename, a deletion, by the API, the CLI or plain SQL) notifies that channel in its own transaction,
-- at its commit; a thread that finds the notice before trusting its cache empties it.
CREATE FUNCTION notify_api_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('instagate_api_keys', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION notify_api_key_change();
CREATE TRIGGER api_users_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_api_key_change();
