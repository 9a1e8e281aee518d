"""Profile and stories downloads from the download page, and an account's own daily limits edited on the sessions page,
through the real stack (nginx -> responder -> PostgreSQL -> worker -> sandbox) in English and Korean at desktop and
phone width: a profile's job followed in posts and bytes, paused after its batch, resumed and finished with its items
and files; another cancelled while it runs; a stories URL and a highlight URL with a saved session; limits saved, refused by the API next
to the field it names, and given back to the server's."""
import os
import re
import subprocess
import time
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from harness import PHONE, SANDBOX, Browser, assert_data_within


def unique(prefix):
    return f"{prefix}.{uuid.uuid4().hex[:8]}"


def sandbox_account(stack, username):
    made = stack.sandbox("POST", "/__sandbox/users", {"username": username, "private": False, "profile_pic": "a-star.jpg"})
    assert made["username"] == username, made


def sandbox_posts(stack, owner, source, count):
    return stack.sandbox("POST", "/__sandbox/posts", {"owner": owner, "from": source, "count": count})["posts"]


def collection_status(stack, job):
    status, answer = stack.api("GET", f"/api/collections/{job}")
    assert status == 200, answer
    return answer


def state(b):
    found = b.all("[data-collection-state] [data-state]")
    return found[0].get_attribute("data-state") if found else None


def start(b, stack, url, session=None):
    """Pastes `url` into the download form (with a saved session chosen) and submits: the job's id from the page's URL."""
    b.open("/#/download")
    b.css("main h1")
    if session:
        b.wait(lambda _: b.all(f"#download-session option[value='{session}']"), 10, "the saved sessions offered")
        Select(b.css("#download-session")).select_by_value(session)
    stack.pace_download()
    b.css("input[name=url]").send_keys(url, Keys.ENTER)
    b.wait(lambda d: re.search(r"#/download/collection/[^/]+$", d.current_url), 15, "the job's page")
    return b.driver.current_url.rsplit("/", 1)[1]


def test_profile_download(stack, runner, lang, size, name):
    """A 60-post profile: progress in posts and bytes, paused after its first batch of 50, resumed, finished with its
    60 items and the profile's picture, an item's files one click away; a second profile cancelled while it runs."""
    stack.sandbox("POST", "/__sandbox/limits/reset")
    owner = unique(f"webui{name.replace('-', '')}")
    sandbox_account(stack, owner)
    posts = sandbox_posts(stack, owner, "photo-hangang", 60)   # two pages: 50, then 10
    slow = posts[10]["items"][0]["image_cdn_path"]
    stack.sandbox("POST", "/__sandbox/faults", {"kind": "latency", "latency_ms": 5000, "count": 1, "method": "GET", "path": slow})
    b = Browser(f"profile-{name}", lang, size)
    try:
        b.open("/#/download", key=stack.key)
        job = start(b, stack, f"https://www.instagram.com/{owner}/")
        b.open(f"/#/download/collection/{job}")   # the job's page loaded afresh: its data within the budget
        assert_data_within(b, "collection", runner.metrics)
        b.wait(lambda _: state(b) == "running" and collection_status(stack, job)["progress"]["phase"] == "posts", 30, "the job running")
        b.shot("running")
        b.css("[data-pause]").click()
        b.wait(lambda _: state(b) == "paused", 60, "the job paused")
        api = collection_status(stack, job)
        assert api["status"] == "paused" and api["progress"]["posts_done"] == 50, api["progress"]
        text = b.css("[data-collection-progress]").text
        assert "50" in text and "60" in text and re.search(r"[0-9] (KB|MB)", text), text
        assert b.js("return document.querySelector('[data-collection-box] progress').value") == 50
        assert b.css("[data-resume]").is_displayed() and not b.all("[data-pause]")[0].is_displayed()
        b.shot("paused")
        b.css("[data-resume]").click()
        b.wait(lambda _: state(b) == "completed", 90, "the job completed")
        api = collection_status(stack, job)
        codes = [i["shortcode"] for i in api["result"]["items"]]
        assert len(codes) == 60, len(codes)
        shown = [li.get_attribute("data-item-code") for li in b.all("[data-collection-items] [data-item-code]")]
        assert shown == codes, (shown[:3], codes[:3])
        total = api["progress"]["bytes_done"]
        # The signed link's path (its expiry is signed anew on every status answer).
        assert total > 0 and b.css("[data-profile-picture]").get_attribute("href").split("?")[0] == api["profile"]["picture_url"].split("?")[0]
        b.shot("completed")
        if size == PHONE:
            b.no_horizontal_scroll()
        # An item's files, one click away.
        b.css(f"[data-item-code='{codes[0]}'] a").click()
        b.wait(lambda _: b.all(".media-grid img"), 10, "the item's files")
        b.shot("item")
        # A second profile stopped while it runs: the posts done stay.
        other = unique(f"webuicancel{name.replace('-', '')}")
        sandbox_account(stack, other)
        more = sandbox_posts(stack, other, "photo-hangang", 60)
        stack.sandbox("POST", "/__sandbox/faults", {"kind": "latency", "latency_ms": 5000, "count": 1, "method": "GET",
                                                   "path": more[10]["items"][0]["image_cdn_path"]})
        cancelled = start(b, stack, f"https://www.instagram.com/{other}/")
        b.wait(lambda _: state(b) == "running", 30, "the second job running")
        b.js("window.confirm = () => true")
        b.css("[data-cancel]").click()
        b.wait(lambda _: state(b) == "cancelled", 30, "the job cancelled")
        assert collection_status(stack, cancelled)["status"] == "cancelled"
        assert not b.all("[data-cancel]")[0].is_displayed()
        b.shot("cancelled")
        assert not b.console_problems(), b.console_problems()
    finally:
        b.close()
        stack.http("DELETE", SANDBOX + "/__sandbox/faults")


def saved_viewer(stack, name):
    """A new sandbox account with its session saved for the browser tests' API user: its username."""
    viewer = unique(f"viewer{name.replace('-', '')}")
    sandbox_account(stack, viewer)
    session_id, csrf = stack.fresh_session(viewer)
    status, saved = stack.api("POST", "/api/instagram/session", {"username": viewer, "session_id": session_id, "csrf_token": csrf})
    assert status in (200, 201), saved
    return viewer


def test_stories_download(stack, runner, lang, size, name):
    """A stories URL needs a saved session: refused without one (the API's message), downloaded with one."""
    stack.sandbox("POST", "/__sandbox/limits/reset")
    viewer = saved_viewer(stack, name)
    owner = unique(f"teller{name.replace('-', '')}")
    sandbox_account(stack, owner)
    story = stack.sandbox("POST", "/__sandbox/stories", {"owner": owner, "from": "photo-namsan-hidden-likes"})
    url = f"https://www.instagram.com/stories/{owner}/"
    # An API user without a saved session is refused (a user with one has it used by default).
    alone = subprocess.run([os.environ["INSTAGATE_TEST_BIN"], "keys", "create", "--name", "browser tests, no session"],
                           check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    b = Browser(f"stories-{name}", lang, size)
    try:
        b.open("/#/download", key=alone)
        stack.pace_download()
        status, envelope = stack.api("POST", "/api/download", {"url": url}, key=alone)
        assert status >= 400 and envelope["error_code"], envelope
        stack.pace_download()
        b.css("input[name=url]").send_keys(url, Keys.ENTER)
        b.wait(lambda _: b.css("[data-form-alert]").text.startswith(envelope["message"]), 10, "the API's message")
        assert envelope["errors"].get("session") and b.css("[data-error-for=session]").text == envelope["errors"]["session"], envelope
        assert b.css("#download-session").get_attribute("aria-invalid") == "true", "next to the session field it names"
        b.shot("stories-no-session")
        b.open("/#/download", key=stack.key)
        job = start(b, stack, url, session=viewer)
        b.wait(lambda _: state(b) == "completed", 60, "the stories downloaded")
        api = collection_status(stack, job)
        codes = [i["shortcode"] for i in api["result"]["items"]]
        assert codes == [story["code"]] or len(codes) == 1, (codes, story)
        assert [li.get_attribute("data-item-code") for li in b.all("[data-item-code]")] == codes
        b.shot("stories-done")
        if size == PHONE:
            b.no_horizontal_scroll()
        assert not b.console_problems(), b.console_problems()
    finally:
        b.close()


def test_highlight_download(stack, runner, lang, size, name):
    """A highlight URL (/stories/highlights/ID/) with a saved session: its two stories (a photo, a video) downloaded in
    the highlight's order, shown under its title, the video story's file a click away."""
    stack.sandbox("POST", "/__sandbox/limits/reset")
    viewer = saved_viewer(stack, f"hl{name}")
    owner = unique(f"keeper{name.replace('-', '')}")
    sandbox_account(stack, owner)
    stories = [stack.sandbox("POST", "/__sandbox/stories", {"owner": owner, "from": source})
               for source in ("photo-namsan-hidden-likes", "video-busan")]
    title = f"{'여행' if lang == 'ko' else 'Trips'} ✈️ {name}"
    highlight = stack.sandbox("POST", "/__sandbox/highlights", {"owner": owner, "title": title,
                                                               "stories": [s["pk"] for s in stories]})
    b = Browser(f"highlight-{name}", lang, size)
    try:
        b.open("/#/download", key=stack.key)
        job = start(b, stack, f"https://www.instagram.com/stories/highlights/{highlight['id']}/", session=viewer)
        b.wait(lambda _: state(b) == "completed", 60, "the highlight downloaded")
        b.open(f"/#/download/collection/{job}")   # the job's page loaded afresh: its data within the budget
        assert_data_within(b, "collection", runner.metrics)
        b.wait(lambda _: state(b) == "completed", 10, "the job's page")
        api = collection_status(stack, job)
        assert api["kind"] == "highlight" and api["result"]["title"] == title, api
        codes = [i["shortcode"] for i in api["result"]["items"]]
        assert codes == [s["code"] for s in stories], (codes, stories)
        assert [li.get_attribute("data-item-code") for li in b.all("[data-item-code]")] == codes
        assert b.css("[data-highlight-title]").text == title
        assert ("하이라이트" if lang == "ko" else "Highlight") in b.css("[data-collection-state]").text
        b.shot("highlight-done")
        if size == PHONE:
            b.no_horizontal_scroll()
        b.css(f"[data-item-code='{codes[1]}'] a").click()
        b.wait(lambda _: b.all(".media-grid video"), 10, "the video story's file")
        b.shot("highlight-item")
        assert not b.console_problems(), b.console_problems()
    finally:
        b.close()


def meters(b, scope):
    return {el.get_attribute("data-limit"): int(el.get_attribute("data-max")) for el in b.all(f"{scope} [data-limit]")}


def api_limits(stack, username):
    status, answer = stack.api("GET", f"/api/instagram/limits/{username}")
    assert status == 200, answer
    return {k: v["limit"] for k, v in answer["data"]["limits"].items()}


def test_limits_editing(stack, runner, lang, size, name):
    """An account's own daily limits: a bad value named before sending, one over the server's named by the API next to
    its field (nothing changed), good ones saved (the bars follow), then the server's limits again. (A new sandbox
    account: the limits are the Instagram account's, shared by every API user.)"""
    viewer = saved_viewer(stack, f"lim{name}")
    b = Browser(f"limits-{name}", lang, size)
    card = f"[data-session='{viewer}']"
    try:
        defaults = api_limits(stack, viewer)
        b.open("/#/sessions", key=stack.key)
        assert_data_within(b, "sessions", runner.metrics, f"{b.name}.sessions.data_shown_ms")
        b.wait(lambda _: len(b.all(f"{card} [data-limit]")) == 3, 10, "the bars")
        b.css(f"{card} details summary").click()
        form = f"{card} [data-limits-form]"
        b.wait(lambda _: b.css(f"{form} input[name=follow]").get_attribute("value") == str(defaults["follow"]), 5, "the current limits")
        def fill(values):
            for family, value in values.items():
                field = b.css(f"{form} input[name={family}]")
                field.clear()
                field.send_keys(value)
        fill({"like": "-3"})
        b.css(f"{form} [data-save-limits]").click()
        assert b.css(f"{form} [data-error-for=like]").text
        assert b.css(f"{form} input[name=like]").get_attribute("aria-invalid") == "true"
        over = defaults["comment"] + 1
        status, envelope = stack.api("PUT", f"/api/instagram/limits/{viewer}", {"follow": 5, "like": 10, "comment": over})
        assert status == 422 and set(envelope["errors"]) == {"comment"}, envelope
        fill({"follow": "5", "like": "10", "comment": str(over)})
        b.css(f"{form} [data-save-limits]").click()
        b.wait(lambda _: b.css(f"{form} [data-error-for=comment]").text == envelope["errors"]["comment"], 5, "the API's message")
        assert not b.all(f"{form} [data-error-for=like]")[0].is_displayed(), "the earlier error goes"
        assert api_limits(stack, viewer) == defaults, "nothing changed"
        b.shot("limits-refused")
        fill({"comment": "3"})
        b.css(f"{form} [data-save-limits]").click()
        b.wait(lambda _: meters(b, card) == {"follow": 5, "like": 10, "comment": 3}, 5, "the bars at the new limits")
        assert api_limits(stack, viewer) == {"follow": 5, "like": 10, "comment": 3}
        b.shot("limits-saved")
        if size == PHONE:
            b.no_horizontal_scroll()
        b.css(f"{form} [data-default-limits]").click()
        b.wait(lambda _: meters(b, card) == defaults, 5, "the server's limits again")
        assert api_limits(stack, viewer) == defaults
        assert not b.console_problems(), b.console_problems()
    finally:
        b.close()
