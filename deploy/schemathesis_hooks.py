"""Schemathesis hooks for deploy/schemathesis (loaded through SCHEMATHESIS_HOOKS).

schemathesis authenticates with one key of its own and may revoke keys (DELETE /api/keys/{id}). Generated ids
are small integers, and on a young database its own key's id is one of them: once it revoked itself, every
later case was answered 401 and the logic behind 30 operations went untested ("Authentication failed: 30
operations returned only 401/403 responses"). Its own key (SCHEMATHESIS_OWN_KEY_ID) is never sent to DELETE: that
case goes to an id no key has instead, still a real request answered by the API.
"""
import os

import schemathesis

OWN_KEY_ID = os.environ.get("SCHEMATHESIS_OWN_KEY_ID", "")
ABSENT_KEY_ID = "9223372036854775807"


@schemathesis.hook
def before_call(context, case, kwargs):
    if (OWN_KEY_ID and case.method.upper() == "DELETE" and case.path == "/api/keys/{id}"
            and str((case.path_parameters or {}).get("id")) == OWN_KEY_ID):
        case.path_parameters["id"] = ABSENT_KEY_ID
