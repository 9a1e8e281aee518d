-- Whether an Instagram-Login account subscribed instagate's app to its webhook events (POST me/subscribed_apps,
-- graph-api.md §7), made after each connect: the fields Meta accepted (NULL: not subscribed) and, when the call
-- failed, why (the connect itself does not fail for it).
ALTER TABLE instagram_accounts ADD COLUMN webhook_fields text, ADD COLUMN webhook_error text;
