-- One trigger function for the cache notices of 032 (API keys) and 036 (connected accounts), which each had its own
-- copy differing only in the channel: it notifies the channel its trigger names (TG_ARGV[0]), with the table's name
-- as the payload, in the changing transaction (so at its commit). The triggers and what they notify are unchanged.
CREATE FUNCTION notify_cache_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_ARGV[0], TG_TABLE_NAME);
    RETURN NULL;
END
$$;

DROP TRIGGER api_keys_changed ON api_keys;
DROP TRIGGER api_users_changed ON api_users;
DROP TRIGGER instagram_accounts_changed ON instagram_accounts;
DROP TRIGGER graph_usage_changed ON graph_usage;

CREATE TRIGGER api_keys_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION notify_cache_change('instagate_api_keys');
CREATE TRIGGER api_users_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_cache_change('instagate_api_keys');
CREATE TRIGGER instagram_accounts_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON instagram_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION notify_cache_change('instagate_accounts');
CREATE TRIGGER graph_usage_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON graph_usage
    FOR EACH STATEMENT EXECUTE FUNCTION notify_cache_change('instagate_accounts');

DROP FUNCTION notify_api_key_change();
DROP FUNCTION notify_account_change();
