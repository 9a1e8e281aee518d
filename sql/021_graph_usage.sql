-- Meta's usage reports (issue 13): what the last Graph API answer said of an app's allowance (X-App-Usage,
-- subject 'app:<app id>') and of an account's (X-Business-Use-Case-Usage, subject 'account:<ig user id>'),
-- in percent, and the time before which no responder or worker calls Meta for that app or account.

CREATE TABLE graph_usage (
    subject       text PRIMARY KEY,
    percent       integer NOT NULL,
    reported_at   timestamptz NOT NULL DEFAULT now(),
    paused_until  timestamptz
);
