"""Runs instaloader against the Instagram sandbox and compares what it saved with the sandbox's world.

Usage: python instaloader_adapter.py SANDBOX_URL WORKDIR

The adapter rewrites every request to an Instagram host (www/i.instagram.com, *.cdninstagram.com,
*.fbcdn.net) to SANDBOX_URL below the HTTP layer (requests' HTTPAdapter.send), keeping the original
Host header, so instaloader's own URLs, cookies and headers are used unchanged. It removes instaloader's
politeness sleeps (the sandbox's pacing limits are far above what this check sends) and gives the run its
own X-Forwarded-For so it has its own anonymous budget.

Exit status: 0 when everything matches, 1 on a mismatch, 2 when instaloader failed.
"""
import json
import lzma
import os
import sys
import urllib.parse
import urllib.request

import requests
import requests.adapters

INSTAGRAM_SUFFIXES = (".instagram.com", ".cdninstagram.com", ".fbcdn.net")


def install_rewriter(sandbox_url: str, client_address: str) -> None:
    sandbox = urllib.parse.urlsplit(sandbox_url)
    original_send = requests.adapters.HTTPAdapter.send

    def send(self, request, **kwargs):
        parts = urllib.parse.urlsplit(request.url)
        host = parts.hostname or ""
        if host == "instagram.com" or host.endswith(INSTAGRAM_SUFFIXES):
            request.url = urllib.parse.urlunsplit((sandbox.scheme, sandbox.netloc, parts.path, parts.query, ""))
            request.headers["Host"] = host
            request.headers["X-Forwarded-For"] = client_address
        return original_send(self, request, **kwargs)

    requests.adapters.HTTPAdapter.send = send


def admin(sandbox_url: str, path: str, method: str = "GET", body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(sandbox_url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read().decode())


def run_instaloader(workdir: str, targets) -> int:
    import instaloader.__main__
    from instaloader import instaloadercontext

    instaloadercontext.RateController.sleep = lambda self, secs: None
    instaloadercontext.RateController.wait_before_query = lambda self, query_type: None
    os.chdir(workdir)
    argv = ["instaloader", "--no-compress-json", "--no-profile-pic",
            "--filename-pattern={shortcode}", "--dirname-pattern={target}", "--quiet", "--abort-on=400,401,403,404,429",
            "--"] + targets
    sys.argv = argv
    try:
        instaloader.__main__.main()
    except SystemExit as exit:
        return int(exit.code or 0)
    return 0


def read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


class Checker:
    def __init__(self, world: dict, media_dir: str, workdir: str):
        self.posts = {post["shortcode"]: post for post in world["posts"]}
        self.media_dir = media_dir
        self.workdir = workdir
        self.failures = []
        self.checked = 0

    def fixture(self, name: str) -> str:
        """A world file: the world's media, or (a post published through the Graph API: `published/…`) the
        sandbox's files directory, SANDBOX_FILES_DIR or deploy/test's $INSTAGATE_TEST_HOME/sandbox-files."""
        path = os.path.join(self.media_dir, name)
        files = os.environ.get("SANDBOX_FILES_DIR") or os.path.join(os.environ.get("INSTAGATE_TEST_HOME", ""), "sandbox-files")
        if not os.path.exists(path) and name.startswith("published/") and os.path.exists(os.path.join(files, name)):
            return os.path.join(files, name)
        return path

    def expect(self, condition: bool, message: str) -> None:
        self.checked += 1
        if not condition:
            self.failures.append(message)

    def check_post(self, directory: str, shortcode: str) -> None:
        post = self.posts[shortcode]
        base = os.path.join(self.workdir, directory, shortcode)
        items = post["items"]
        for index, item in enumerate(items, start=1):
            suffix = "" if len(items) == 1 else "_%d" % index
            expected = item["video_file"] if item["is_video"] else item["image_file"]
            extension = ".mp4" if item["is_video"] else ".jpg"
            saved = base + suffix + extension
            self.expect(os.path.exists(saved), "%s: %s was not saved" % (shortcode, os.path.basename(saved)))
            if os.path.exists(saved):
                same = read(saved) == read(self.fixture(expected))
                self.expect(same, "%s: %s differs from fixture %s" % (shortcode, os.path.basename(saved), expected))
        caption = post["caption"]
        if caption:
            saved = base + ".txt"
            self.expect(os.path.exists(saved), "%s: caption file missing" % shortcode)
            if os.path.exists(saved):
                text = read(saved).decode("utf-8").rstrip("\n")
                self.expect(text == caption, "%s: caption %r != %r" % (shortcode, text, caption))
        self.check_counts(base + ".json", post)

    def check_counts(self, path: str, post: dict) -> None:
        if not os.path.exists(path):
            if os.path.exists(path + ".xz"):
                node = json.loads(lzma.open(path + ".xz").read())["node"]
            else:
                self.expect(False, "%s: metadata json missing" % post["shortcode"])
                return
        else:
            node = json.loads(read(path))["node"]
        shortcode = post["shortcode"]
        self.expect(node.get("shortcode") == shortcode, "%s: json shortcode %r" % (shortcode, node.get("shortcode")))
        self.expect(str(node.get("id")) == post["pk"], "%s: json id %r != %s" % (shortcode, node.get("id"), post["pk"]))
        likes = node.get("edge_media_preview_like", {}).get("count")
        expected_likes = 0 if post["likes_hidden"] else post["like_count"]
        self.expect(likes == expected_likes, "%s: like count %r != %r" % (shortcode, likes, expected_likes))
        comments = node.get("edge_media_to_parent_comment", {}).get("count")
        self.expect(comments == post["comment_count"], "%s: comment count %r != %r" % (shortcode, comments, post["comment_count"]))
        typename = {1: "GraphImage", 2: "GraphVideo", 8: "GraphSidecar"}[post["media_type"]]
        self.expect(node.get("__typename") == typename, "%s: typename %r != %r" % (shortcode, node.get("__typename"), typename))
        if post.get("play_count") is not None:
            self.expect(node.get("video_play_count") == post["play_count"],
                        "%s: play count %r != %r" % (shortcode, node.get("video_play_count"), post["play_count"]))


def main() -> int:
    sandbox_url, workdir = sys.argv[1].rstrip("/"), os.path.abspath(sys.argv[2])
    os.makedirs(workdir, exist_ok=True)
    world = admin(sandbox_url, "/__sandbox/world")
    by_key = {post["key"]: post for post in world["posts"]}
    singles = ["photo-gyeongbokgung", "video-busan", "carousel-jeju"]
    profile = "seoul.traveler"
    media_dir = os.environ.get("SANDBOX_MEDIA_DIR") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "InstagramSandbox", "Worlds", "default", "media")
    install_rewriter(sandbox_url, "198.51.100.%d" % (os.getpid() % 250 + 1))
    targets = ["-" + by_key[key]["shortcode"] for key in singles] + [profile]
    status = run_instaloader(workdir, targets)
    if status != 0:
        print("sandbox-check: instaloader exited with status %d" % status)
        return 2
    checker = Checker(world, os.path.abspath(media_dir), workdir)
    for key in singles:
        checker.check_post("-" + by_key[key]["shortcode"], by_key[key]["shortcode"])
    expected = [post for post in world["posts"] if post["owner"] == profile and not post["deleted"]]
    # A media file is SHORTCODE.ext or, for a carousel's items, SHORTCODE_N.ext; a shortcode may itself hold "_".
    media = [name for name in os.listdir(os.path.join(workdir, profile)) if name.endswith((".jpg", ".mp4"))]
    codes = {post["shortcode"] for post in expected}
    def owner(name):
        stem = name.rsplit(".", 1)[0]
        if stem in codes: return stem
        base, _, index = stem.rpartition("_")
        return base if index.isdigit() and base in codes else None
    saved = {owner(name) for name in media} - {None}
    strays = sorted(name for name in media if owner(name) is None)
    checker.expect(saved == codes and not strays,
                   "profile %s: saved posts %s (and files of no post %s) != world posts %s" % (profile, sorted(saved), strays, sorted(codes)))
    for post in expected:
        checker.check_post(profile, post["shortcode"])
    deleted = [post["shortcode"] for post in world["posts"] if post["owner"] == profile and post["deleted"]]
    checker.expect(not any(name.startswith(tuple(deleted)) for name in os.listdir(os.path.join(workdir, profile))),
                   "profile %s: a deleted post was downloaded" % profile)
    import instaloader
    print("sandbox-check: instaloader %s, %d checks, %d failures" % (instaloader.__version__, checker.checked, len(checker.failures)))
    for failure in checker.failures:
        print("  MISMATCH " + failure)
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
