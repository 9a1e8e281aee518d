-- Responders keep the rows of the accounts list and account info answers in a per-process cache (issue 13: those
-- reads at 0.7x /health), and every responder thread's connection LISTENs on instagate_accounts. Any change to the
-- two tables those answers read (a connect, a refresh, a status, a profile read, a deletion, a usage report or pause;
-- by the API, the worker, the CLI or plain SQL) notifies that channel in its own transaction, at its commit; a thread
-- that finds the notice before trusting its cache empties it.
CREATE FUNCTION notify_account_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('instagate_accounts', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER instagram_accounts_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON instagram_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION notify_account_change();
CREATE TRIGGER graph_usage_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON graph_usage
    FOR EACH STATEMENT EXECUTE FUNCTION notify_account_change();
