"""Runs an unmodified Graph API client from PyPI (python-facebook-api, module pyfacebook) against the sandbox's
Graph API and compares what it read with the sandbox's world.

Usage: python graph_client_check.py SANDBOX_URL

Like instaloader_adapter.py, every request to a Meta host (graph.facebook.com, www.facebook.com,
graph.instagram.com, api.instagram.com) is rewritten to SANDBOX_URL below the HTTP layer (requests'
HTTPAdapter.send) with the original Host header kept, so the library's own URLs and parameters are sent. The
check: Facebook Login through the library's OAuth flow (authorization URL, the consent form submitted as a
browser would, code exchange, long-lived token), the Page's Instagram account from /me/accounts, the IG User's
fields, every media item through the library's paging, one media object, and Meta's error for a bad token.

Exit status: 0 when everything matches, 1 on a mismatch, 2 when the library failed.
"""
import html
import json
import re
import sys
import urllib.parse
import urllib.request

import requests
import requests.adapters

META_HOSTS = ("graph.facebook.com", "www.facebook.com", "graph.instagram.com", "api.instagram.com")
REDIRECT = "https://instagate.example/api/sns/instagram/callback"


def install_rewriter(sandbox_url: str) -> None:
    sandbox = urllib.parse.urlsplit(sandbox_url)
    original_send = requests.adapters.HTTPAdapter.send

    def send(self, request, **kwargs):
        parts = urllib.parse.urlsplit(request.url)
        if (parts.hostname or "") in META_HOSTS:
            request.url = urllib.parse.urlunsplit((sandbox.scheme, sandbox.netloc, parts.path, parts.query, ""))
            request.headers["Host"] = parts.hostname
        return original_send(self, request, **kwargs)

    requests.adapters.HTTPAdapter.send = send


def admin(sandbox_url: str, path: str, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(sandbox_url + path, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


class Checks:
    def __init__(self):
        self.count = 0
        self.failures = 0

    def expect(self, condition: bool, message: str) -> None:
        self.count += 1
        if not condition:
            self.failures += 1
            print(f"graph-check MISMATCH: {message}")


def main() -> int:
    sandbox_url = sys.argv[1].rstrip("/")
    install_rewriter(sandbox_url)
    from pyfacebook import IGBusinessApi, FacebookError  # imported after the rewriter: the library is not changed

    graph = admin(sandbox_url, "/__sandbox/graph")
    world = admin(sandbox_url, "/__sandbox/world")
    app = next(a for a in graph["apps"] if a["flavour"] == "facebook")
    admin(sandbox_url, f"/__sandbox/graph/apps/{app['id']}/redirect-uris", {"uri": REDIRECT})
    account = next(a for a in graph["accounts"] if a["page_id"])
    checks = Checks()
    try:
        api = IGBusinessApi(app_id=app["id"], app_secret=app["secret"], oauth_flow=True, redirect_uri=REDIRECT,
                            scope=["instagram_basic", "pages_show_list", "instagram_manage_insights"],
                            version="v24.0", ignore_version_check=True)
        url, state = api.get_authorization_url()
        page = requests.get(url, timeout=30).text
        fields = [(n, html.unescape(v)) for n, v in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', page)]
        fields += [("decision", "allow"), ("account", account["username"])]
        decided = requests.post(url, data=fields, allow_redirects=False, timeout=30)
        location = decided.headers.get("Location", "")
        checks.expect(decided.status_code == 302 and location.startswith(REDIRECT + "?code="), f"consent redirect {decided.status_code} {location[:80]}")
        checks.expect(f"state={state}" in location, "the state comes back")
        token = api.exchange_user_access_token(response=location.split("#")[0])
        checks.expect(token.get("access_token", "").startswith("EAA"), "a Facebook user token")
        long_lived = api.exchange_long_lived_user_access_token()
        checks.expect(int(long_lived.get("expires_in", 0)) > 59 * 86400, f"long-lived expires_in {long_lived.get('expires_in')}")
        pages = api.get_connection(object_id="me", connection="accounts", access_token=long_lived["access_token"],
                                   fields="id,name,instagram_business_account{id,username}")
        linked = [p for p in pages["data"] if "instagram_business_account" in p]
        checks.expect(len(linked) >= 1 and linked[0]["id"] == account["page_id"], "the Page and its Instagram account")
        ig_id = linked[0]["instagram_business_account"]["id"]
        checks.expect(ig_id == account["ig_user_id"], "the IG user id")

        ig = IGBusinessApi(access_token=long_lived["access_token"], instagram_business_id=ig_id, version="v24.0",
                           ignore_version_check=True)
        user = ig.user.get_info(fields="id,username,name,biography,followers_count,follows_count,media_count")
        owner = next(u for u in world["users"] if u["username"] == account["username"])
        checks.expect(user.username == account["username"] and user.media_count == account["media_count"],
                      f"IG user {user.username} media_count {user.media_count}")
        checks.expect(user.followers_count == owner["follower_count"], f"followers_count {user.followers_count}")
        media = ig.user.get_media(fields="id,media_type,permalink,timestamp,like_count,comments_count", count=None, limit=3)
        expected = [p for p in world["posts"] if p["owner"] == account["username"] and not p["deleted"]]
        expected.sort(key=lambda p: -p["taken_at"])
        got = [m.id for m in media.data]
        checks.expect(got == [str(p["pk"]) for p in expected], f"media ids through paging: {len(got)} of {len(expected)}")
        for item, post in zip(media.data, expected):
            checks.expect(item.permalink.rstrip("/").endswith(post["shortcode"]), f"permalink of {post['key']}")
            checks.expect(item.comments_count == post["comment_count"], f"comments_count of {post['key']}")
        one = ig.media.get_info(media_id=got[0], fields="id,caption,media_type,shortcode")
        checks.expect(one.shortcode == expected[0]["shortcode"] and one.caption == expected[0]["caption"], "one media object")
        bad = IGBusinessApi(access_token="EAAnot-a-token", instagram_business_id=ig_id, version="v24.0", ignore_version_check=True)
        try:
            bad.user.get_info()
            checks.expect(False, "a bad token must fail")
        except FacebookError as error:
            checks.expect(error.code == 190, f"bad token: code {error.code}")
    except Exception as error:  # the library failed: not a mismatch
        print(f"graph-check: python-facebook-api failed: {type(error).__name__}: {error}")
        return 2
    print(f"graph-check: python-facebook-api, {checks.count} checks, {checks.failures} failures")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
