"""The publishing calendar, insights charts and composing reels, stories and carousels in the browser, through the real
stack (nginx -> responder -> PostgreSQL -> worker -> sandbox), in English and Korean at desktop and phone width, on the
account test_connect_and_publish connected (account_tests): a scheduled post cancelled, another moved to a new day (a
refused time shown next to its field) and a failed post retried from the calendar, months moved through; an account's
and a post's insights charted with the API's own figures and CSV; Meta's rules checked before anything is sent and the
exact request each kind of post sends (compose_publish_tests.py publishes each kind through the stack)."""
import csv
import io
import json
import os
import re
import subprocess
import time
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from harness import BASE, PHONE, Browser, assert_data_within

HEADINGS = {"en": {"calendar": "Publishing calendar", "insights": "Insights", "publish": "Publish a post"},
            "ko": {"calendar": "게시 캘린더", "insights": "인사이트", "publish": "게시물 올리기"}}
# A fetch of the publishing endpoints is recorded and held (never answered): what the page sends, without sending it.
CAPTURE_JS = """
window.__sent = [];
const original = window.fetch;
window.fetch = (url, options) => {
  if (/\\/api\\/sns\\/instagram\\/(posts|reels|stories|carousels)$/.test(String(url)) && options && options.method === 'POST') {
    window.__sent.push({url: String(url), body: JSON.parse(options.body)});
    return new Promise(() => {});
  }
  return original(url, options);
};"""


def heading(b):
    return b.css("main h1").text


def digits(text):
    return re.sub(r"[^0-9]", "", text)


def account(stack, name="seoul.traveler"):
    status, listed = stack.api("GET", "/api/sns/instagram/accounts")
    assert status == 200, listed
    return next(a for a in listed["accounts"] if a["account_name"] == name and a["status"] == "connected")


def image_url(stack):
    return stack.sandbox("GET", "/__sandbox/cdn/url?post=photo-gyeongbokgung&item=0")["url"]


def wait_post(stack, post_id, states, seconds=60):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        status, post = stack.api("GET", f"/api/sns/instagram/posts/{post_id}")
        if post.get("state") in states:
            return post
        time.sleep(0.25)
    raise AssertionError(f"post {post_id} did not reach {states}: {post}")


def failed_post(stack, account_id, caption):
    """A post Meta refuses (a forced permission error, code 10: not retried), failed."""
    stack.sandbox("POST", "/__sandbox/graph/limits", {"force_code": 10, "force_count": 1})
    try:
        status, post = stack.api("POST", "/api/sns/instagram/posts", {"account_id": account_id, "image_url": image_url(stack),
                                                                     "caption": caption})
        assert status == 202, post
        return wait_post(stack, post["id"], {"failed", "published"})
    finally:
        stack.sandbox("POST", "/__sandbox/graph/limits", {"force_code": 10, "force_count": 0})


def rfc3339(when):
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def month_of(iso):
    return iso[:7]


def shown_posts(b):
    """{post id: state} of every post on the calendar page."""
    return {el.get_attribute("data-post-id"): el.get_attribute("data-state") for el in b.all("[data-calendar] [data-post-id]")}


def api_month(stack, month):
    """{post id: state} the API has for `month` (YYYY-MM): the calendar's posts and the failed ones due in it."""
    start = datetime.strptime(month + "-01", "%Y-%m-%d").replace(tzinfo=timezone.utc)
    end = (start + timedelta(days=32)).replace(day=1)
    status, cal = stack.api("GET", f"/api/sns/instagram/calendar?from={start:%Y-%m-%d}&to={end:%Y-%m-%d}")
    assert status == 200, cal
    posts = {str(p["id"]): p["state"] for d in cal["days"] for p in d["posts"]}
    for p in failed_posts(stack):
        if (p.get("scheduled_at") or p["created_at"])[:7] == month:
            posts[str(p["id"])] = "failed"
    return posts


def failed_posts(stack):
    """Every failed post of the API user, page after page by the list's cursor."""
    posts, cursor = [], ""
    while True:
        status, page = stack.api("GET", "/api/sns/instagram/posts?state=failed&limit=100" + (f"&cursor={cursor}" if cursor else ""))
        assert status == 200, page
        posts += page["posts"]
        if not page["has_more"]:
            return posts
        cursor = page["next_cursor"]


def test_calendar(stack, runner, lang, size, name):
    """A scheduled post and a failed one on their days with their states; months moved through; the scheduled one
    cancelled and the failed one retried (then published by the worker) from the page."""
    acc = account(stack)
    caption = f"{'캘린더 예약' if lang == 'ko' else 'Calendar'} 📅 {name} {int(time.time())}"
    status, scheduled = stack.api("POST", "/api/sns/instagram/posts", {
        "account_id": acc["account_id"], "image_url": image_url(stack), "caption": caption,
        "scheduled_at": rfc3339(datetime.now(timezone.utc) + timedelta(hours=1))})
    assert status == 202 and scheduled["state"] == "scheduled", scheduled
    failed = failed_post(stack, acc["account_id"], caption + " failed")
    assert failed["state"] == "failed", failed
    sid, fid = str(scheduled["id"]), str(failed["id"])
    month = month_of(scheduled["scheduled_at"])
    b = Browser(f"calendar-{name}", lang, size)
    try:
        b.open(f"/#/calendar/{month}", key=stack.key)
        assert heading(b) == HEADINGS[lang]["calendar"], heading(b)
        assert_data_within(b, "calendar", runner.metrics)
        b.wait(lambda _: sid in shown_posts(b), 5, "the scheduled post")
        assert shown_posts(b) == api_month(stack, month), (shown_posts(b), api_month(stack, month))
        day = b.css(f"[data-post-id='{sid}']").find_element(By.XPATH, "ancestor::li[@data-day]")
        assert day.get_attribute("data-day") == scheduled["scheduled_at"][:10]
        assert caption[:20] in b.css(f"[data-post-id='{sid}']").text
        if month_of(failed["created_at"]) == month:
            assert shown_posts(b)[fid] == "failed" and b.all(f"[data-retry='{fid}']")
        b.shot("calendar")
        if size == PHONE:
            b.no_horizontal_scroll()
        # Next month and back, by the buttons (the keyboard: focus, Enter).
        b.css("[data-next]").send_keys(Keys.ENTER)
        following = (datetime.strptime(month + "-01", "%Y-%m-%d") + timedelta(days=32)).strftime("%Y-%m")
        b.wait(lambda _: b.css("[data-month]").get_attribute("data-month") == following and b.all("[data-day]")
               and b.all("[data-day]")[0].get_attribute("data-day").startswith(following), 5, "the next month")
        assert set(shown_posts(b)) == set(api_month(stack, following)), shown_posts(b)
        b.shot("next-month")
        b.css("[data-previous]").click()
        b.wait(lambda _: sid in shown_posts(b), 5, "back to the month")
        # Cancel the scheduled post.
        b.js("window.confirm = () => true")
        b.css(f"[data-cancel='{sid}']").click()
        b.wait(lambda _: sid not in shown_posts(b), 5, "the cancelled post gone")
        assert stack.api("GET", f"/api/sns/instagram/posts/{sid}")[1]["state"] == "cancelled"
        assert b.css("[data-calendar-notice]").is_displayed()
        # Retry the failed one: queued again, then published by the worker, then on today's date as published.
        b.open(f"/#/calendar/{month_of(failed['created_at'])}")
        b.css(f"[data-retry='{fid}']").click()
        b.wait(lambda _: fid not in shown_posts(b) or shown_posts(b)[fid] != "failed", 10, "the retried post leaving 'failed'")
        published = wait_post(stack, fid, {"published", "failed"})
        assert published["state"] == "published", published
        b.open(f"/#/calendar/{month_of(published['published_at'])}")
        b.wait(lambda _: shown_posts(b).get(fid) == "published", 10, "the retried post published on its day")
        b.shot("retried")
        assert not b.console_problems(), b.console_problems()
    finally:
        b.close()


def test_calendar_move(stack, runner, lang, size, name):
    """A scheduled post moved from the calendar: a time the API refuses shows its message next to the field (nothing
    changed), then a new time two days later: the post on its new day, the API's scheduled_at the one typed."""
    acc = account(stack)
    caption = f"{'옮길 게시물' if lang == 'ko' else 'To move'} 🗓️ {name} {int(time.time())}"
    first = (datetime.now(timezone.utc) + timedelta(hours=1)).replace(microsecond=0)
    status, post = stack.api("POST", "/api/sns/instagram/posts", {
        "account_id": acc["account_id"], "image_url": image_url(stack), "caption": caption, "scheduled_at": rfc3339(first)})
    assert status == 202 and post["state"] == "scheduled", post
    pid = str(post["id"])
    b = Browser(f"calendar-move-{name}", lang, size)
    try:
        b.open(f"/#/calendar/{month_of(post['scheduled_at'])}", key=stack.key)
        assert_data_within(b, "calendar", runner.metrics, f"{b.name}.calendar.data_shown_ms")
        b.css(f"[data-move-open='{pid}']").click()
        form = f"[data-move-form='{pid}']"
        field = b.css(f"{form} input[name=scheduled_at]")
        assert field.get_attribute("value") == rfc3339(first), field.get_attribute("value")
        # Not a time: the API's own message next to the field, the post where it was.
        status, envelope = stack.api("PATCH", f"/api/sns/instagram/posts/{pid}", {"scheduled_at": "tomorrow 9am"})
        assert status == 422 and "scheduled_at" in envelope["errors"], envelope
        field.clear()
        field.send_keys("tomorrow 9am", Keys.ENTER)
        error = b.css(f"{form} [data-error-for=scheduled_at]")
        assert error.text == envelope["errors"]["scheduled_at"], (error.text, envelope)
        assert b.css(f"{form} input[name=scheduled_at]").get_attribute("aria-invalid") == "true"
        assert stack.api("GET", f"/api/sns/instagram/posts/{pid}")[1]["scheduled_at"] == post["scheduled_at"], "nothing changed"
        b.shot("move-refused")
        # Two days later: shown on that day (in that month's page when it is the next month).
        later = first + timedelta(days=2)
        field = b.css(f"{form} input[name=scheduled_at]")
        field.clear()
        field.send_keys(rfc3339(later), Keys.ENTER)
        moved = b.wait(lambda _: (lambda p: p if p["scheduled_at"] != post["scheduled_at"] else None)(
            stack.api("GET", f"/api/sns/instagram/posts/{pid}")[1]), 10, "the post moved")
        assert moved["state"] == "scheduled" and moved["scheduled_at"][:19] == rfc3339(later)[:19], moved
        b.wait(lambda _: b.css("[data-calendar-notice]").is_displayed(), 5, "the notice")
        if month_of(rfc3339(later)) != month_of(post["scheduled_at"]):
            b.open(f"/#/calendar/{month_of(rfc3339(later))}")
        b.wait(lambda _: b.all(f"[data-post-id='{pid}']") and b.css(f"[data-post-id='{pid}']").find_element(
            By.XPATH, "ancestor::li[@data-day]").get_attribute("data-day") == rfc3339(later)[:10], 10, "the post on its new day")
        b.shot("moved")
        if size == PHONE:
            b.no_horizontal_scroll()
        assert not b.console_problems(), b.console_problems()
    finally:
        b.close()
        stack.api("DELETE", f"/api/sns/instagram/posts/{pid}")


def test_calendar_failed_pages(stack, runner):
    """More failed posts than one page of the list (100): the calendar reads every page by the cursor, so the oldest
    failed post of the month is on its day too (with only the first page it was left out)."""
    acc = account(stack)
    stamp = int(time.time())
    have = len(failed_posts(stack))
    stack.sandbox("POST", "/__sandbox/graph/limits", {"force_code": 10, "force_count": 1000})
    try:
        made = []
        for i in range(max(0, 101 - have) + 1):
            status, post = stack.api("POST", "/api/sns/instagram/posts", {"account_id": acc["account_id"], "image_url": image_url(stack),
                                                                         "caption": f"Failed page {i} {stamp}"})
            assert status == 202, post
            made.append(post["id"])
        for pid in made:
            assert wait_post(stack, pid, {"failed", "published"}, 120)["state"] == "failed"
    finally:
        stack.sandbox("POST", "/__sandbox/graph/limits", {"force_code": 10, "force_count": 0})
    failed = failed_posts(stack)
    assert len(failed) > 100, len(failed)
    oldest = failed[-1]
    month = month_of(oldest.get("scheduled_at") or oldest["created_at"])
    b = Browser("calendar-failed-pages", "en", (1280, 900))
    try:
        b.open(f"/#/calendar/{month}", key=stack.key)
        assert_data_within(b, "calendar", runner.metrics, f"{b.name}.calendar.data_shown_ms")
        b.wait(lambda _: str(oldest["id"]) in shown_posts(b), 10, "the oldest failed post")
        assert shown_posts(b) == api_month(stack, month)
        runner.metrics["calendar.failed_posts_shown"] = sum(1 for s in shown_posts(b).values() if s == "failed")
        b.shot("failed-pages")
        assert not b.console_problems(), b.console_problems()
    finally:
        b.close()


def collect_insights(account_id):
    """The recurring insights_collect job's pass, now (`instagate insights-collect`)."""
    run = subprocess.run([os.environ["INSTAGATE_TEST_BIN"], "insights-collect", "--account", str(account_id), "--all"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout or "{}")


def table(b):
    """The figures table's rows: [first cell, {metric: digits}]."""
    rows = []
    for tr in b.all("[data-figures-table] tbody tr"):
        cells = {td.get_attribute("data-metric"): digits(td.text) for td in tr.find_elements(By.CSS_SELECTOR, "td")}
        rows.append((tr.find_element(By.CSS_SELECTOR, "th").text, cells))
    return rows


def chart_drawn(b):
    return b.js("return !!window.Chart && [...document.querySelectorAll('.chart-wide canvas')]"
                ".some((c) => c.height > 0 && window.Chart.getChart(c))")


def csv_download(b, stack, name, path):
    """Clicks the page's CSV export; the file must be the API's CSV of the same query."""
    target = os.path.join(b.downloads, name)
    if os.path.exists(target):
        os.remove(target)
    b.css("[data-csv]").click()
    b.downloaded([name])
    _, _, expected = stack.http("GET", BASE + path, key=stack.key)
    with open(target, "rb") as f:
        got = f.read()
    assert got == expected, (got[:200], expected[:200])
    return list(csv.reader(io.StringIO(got.decode())))


def test_insights(stack, runner, post_id, lang, size, name):
    """An account's daily figures and a published post's figures: the chart drawn, the table the API's figures, the
    CSV exports the API's CSV."""
    acc = account(stack)
    if name == "en-desktop":
        ran = collect_insights(acc["account_id"])
        runner.metrics["insights.collected"] = ran
    b = Browser(f"insights-{name}", lang, size)
    try:
        b.open(f"/#/insights/{acc['account_id']}", key=stack.key)
        assert heading(b) == HEADINGS[lang]["insights"], heading(b)
        assert_data_within(b, "insights", runner.metrics)
        b.wait(lambda _: chart_drawn(b), 10, "the account's chart")
        start, end = (b.css(f"input[name={n}]").get_attribute("value") for n in ("from", "to"))
        query = f"/api/sns/instagram/account/insights?account_id={acc['account_id']}&from={start}&to={end}"
        status, answer = stack.api("GET", query)
        assert status == 200 and answer["days"], answer
        rows = table(b)
        assert [r[0] for r in rows] == [d["date"] for d in answer["days"]]
        assert all(r[1]["reach"] == str(d["reach"]) and r[1]["views"] == str(d["views"]) for r, d in zip(rows, answer["days"])), rows[:2]
        assert b.css("[data-collection]").get_attribute("data-collection") == answer["collection"]["state"]
        b.shot("account")
        if size == PHONE:
            b.no_horizontal_scroll()
        lines = csv_download(b, stack, f"insights-account-{acc['account_id']}.csv", query + "&format=csv")
        assert lines[0][:3] == ["date", "reach", "views"] and len(lines) == len(answer["days"]) + 1
        # A narrower range from the form: the table follows.
        last = answer["days"][-1]["date"]
        for field, value in (("from", last), ("to", last)):
            b.js("const i = document.querySelector(`input[name=${arguments[0]}]`); i.value = arguments[1];", field, value)
        b.css("[data-range] button[type=submit]").click()
        b.wait(lambda _: [r[0] for r in table(b)] == [last], 5, "one day shown")
        # A post's figures now and over time.
        b.css(f"[data-insight-posts] a[href='#/insights/post/{post_id}']").click()
        b.wait(lambda _: b.all("[data-figure=reach]") and b.all("[data-figures-table] tbody tr"), 15, "the post's figures")
        b.wait(lambda _: chart_drawn(b), 10, "the post's chart")
        start, end = (b.css(f"input[name={n}]").get_attribute("value") for n in ("from", "to"))
        history = f"/api/sns/instagram/{post_id}/insights?from={start}&to={end}"
        status, points = stack.api("GET", history)
        assert status == 200 and points["points"], points
        latest = points["points"][-1]
        assert digits(b.css("[data-figure=reach] .n").text) == str(latest["reach"]), (b.css("[data-figure=reach]").text, latest)
        assert digits(b.css("[data-figure=likes] .n").text) == str(latest["likes"])
        assert len(table(b)) == len(points["points"])
        assert [r[1]["reach"] for r in table(b)] == [str(p["reach"]) for p in points["points"]]
        b.shot("post")
        if size == PHONE:
            b.no_horizontal_scroll()
        lines = csv_download(b, stack, f"insights-post-{post_id}.csv", history + "&format=csv")
        assert lines[0][:2] == ["collected_at", "post_id"] and len(lines) == len(points["points"]) + 1
        # Bad input from the API next to the field it names (a range the other way round).
        b.js("document.querySelector('input[name=from]').value = '2030-01-02'; document.querySelector('input[name=to]').value = '2030-01-01';")
        status, envelope = stack.api("GET", f"/api/sns/instagram/{post_id}/insights?from=2030-01-02&to=2030-01-01")
        assert status == 422 and "from" in envelope["errors"], envelope
        b.css("[data-range] button[type=submit]").click()
        assert b.css("[data-range] [data-error-for=from]").text == envelope["errors"]["from"]
        b.shot("bad-range")
        assert not b.console_problems(), b.console_problems()
    finally:
        b.close()


def sent(b):
    return b.js("return window.__sent")


def choose_kind(b, kind):
    b.css(f"input[name=kind][value={kind}]").click()
    b.wait(lambda _: b.js("return document.querySelector('form').dataset.kind") == kind, 3, f"the {kind} fields")


def item_urls(b):
    return [i.get_attribute("value") for i in b.all("[data-items] input")]


def test_compose_kinds(stack, runner, lang, size, name):
    """Reel, story and carousel: Meta's rules shown before anything is sent, then the exact request each sends; the
    carousel's items reordered from the keyboard and by dragging."""
    acc = account(stack)
    b = Browser(f"compose-{name}", lang, size)
    try:
        b.open(f"/#/publish/new/{acc['account_id']}", key=stack.key)
        assert heading(b) == HEADINGS[lang]["publish"]
        assert_data_within(b, "publish", runner.metrics, f"{b.name}.compose.data_shown_ms")
        b.js(CAPTURE_JS)
        video = "https://cdn.example.com/v/reel.mp4"
        # Reel: no video URL and a bad cover: both named, nothing sent.
        choose_kind(b, "reel")
        assert not b.css("input[name=video_url]").get_attribute("aria-invalid")
        assert not b.all("input[name=image_url]")[0].is_displayed(), "a reel has no image URL"
        b.css("input[name=thumbnail_url]").send_keys("not a url")
        b.css("form button[type=submit]").click()
        assert b.css("[data-error-for=video_url]").text and b.css("[data-error-for=thumbnail_url]").text
        assert b.css("input[name=video_url]").get_attribute("aria-invalid") == "true"
        assert sent(b) == [], "nothing was sent while a field broke a rule"
        b.shot("reel-checked")
        b.css("input[name=video_url]").send_keys(video)
        b.css("input[name=thumbnail_url]").clear()
        b.css("input[name=thumbnail_url]").send_keys("https://cdn.example.com/v/cover.jpg")
        caption = "한강의 저녁 🌇 #서울" if lang == "ko" else "Evening on the Han 🌇 #seoul"
        b.js("const a = document.querySelector('textarea[name=caption]'); a.value = arguments[0];"
             "a.dispatchEvent(new InputEvent('input', {bubbles: true}))", caption)
        b.css("input[name=hashtags]").send_keys("instagate")
        b.css("input[name=share_to_feed]").click()   # on by default: off
        b.css("form button[type=submit]").click()
        b.wait(lambda _: len(sent(b)) == 1, 3, "the reel's request")
        request = sent(b)[0]
        assert request["url"].endswith("/api/sns/instagram/reels"), request
        assert request["body"] == {"account_id": acc["account_id"], "video_url": video, "caption": caption + "\n\n#instagate",
                                   "share_to_feed": False, "thumbnail_url": "https://cdn.example.com/v/cover.jpg"}, request
        runner.metrics.setdefault("compose.requests", {})[f"{name}.reel"] = request["body"]
        b.shot("reel-sent")

        # Story: a photo or a video, not both.
        b.open(f"/#/publish/new/{acc['account_id']}/story")
        b.wait(lambda _: b.data_shown_ms("publish"), 10, "the compose page")
        b.js(CAPTURE_JS)
        b.css("input[name=image_url]").send_keys("https://cdn.example.com/s/story.jpg")
        b.css("input[name=video_url]").send_keys(video)
        b.css("form button[type=submit]").click()
        assert b.css("[data-error-for=video_url]").text and sent(b) == []
        b.shot("story-checked")
        b.css("input[name=video_url]").clear()
        text = "오늘의 이야기 ✨" if lang == "ko" else "Today’s story ✨"
        b.js("const a = document.querySelector('textarea[name=text]'); a.value = arguments[0];", text)
        b.css("form button[type=submit]").click()
        b.wait(lambda _: len(sent(b)) == 1, 3, "the story's request")
        assert sent(b)[0]["url"].endswith("/api/sns/instagram/stories")
        assert sent(b)[0]["body"] == {"account_id": acc["account_id"], "image_url": "https://cdn.example.com/s/story.jpg", "text": text}, sent(b)

        # Carousel: two empty items named, then three items reordered by keyboard and by drag.
        b.open(f"/#/publish/new/{acc['account_id']}/carousel")
        b.wait(lambda _: b.data_shown_ms("publish"), 10, "the compose page")
        b.js(CAPTURE_JS)
        b.css("form button[type=submit]").click()
        assert b.css("[data-error-for='items[0].image_url']").text and b.css("[data-error-for='items[1].image_url']").text
        assert sent(b) == []
        urls = {"A": "https://cdn.example.com/c/a.jpg", "B": "https://cdn.example.com/c/b.jpg", "C": "https://cdn.example.com/c/c.mp4"}
        inputs = b.all("[data-items] input")
        inputs[0].send_keys(urls["A"])
        inputs[1].send_keys(urls["B"])
        b.css("[data-add-item]").click()
        third = b.all("[data-items] li")[2]
        Select(third.find_element(By.CSS_SELECTOR, "select")).select_by_value("video")
        third.find_element(By.CSS_SELECTOR, "input").send_keys(urls["C"])
        assert third.find_element(By.CSS_SELECTOR, "input").get_attribute("name") == "items[2].video_url"
        # Keyboard: item 3's "up" twice (focus stays on the moved item's button).
        up = third.find_element(By.CSS_SELECTOR, "[data-up]")
        b.js("arguments[0].focus()", up)
        ActionChains(b.driver).send_keys(Keys.ENTER).perform()
        assert item_urls(b) == [urls["A"], urls["C"], urls["B"]], item_urls(b)
        ActionChains(b.driver).send_keys(Keys.ENTER).perform()
        assert item_urls(b) == [urls["C"], urls["A"], urls["B"]], item_urls(b)
        assert b.js("return document.activeElement.closest('li').dataset.index") == "0"
        assert "1" in b.css("[data-items-status]").get_attribute("textContent")
        # Arrow key on the handle: C back down one.
        b.js("document.querySelector('[data-items] li [data-drag]').focus()")
        ActionChains(b.driver).send_keys(Keys.ARROW_DOWN).perform()
        assert item_urls(b) == [urls["A"], urls["C"], urls["B"]], item_urls(b)
        # Drag: the last item (B) by its handle to above the first.
        items = b.all("[data-items] li")
        handle = items[2].find_element(By.CSS_SELECTOR, "[data-drag]")
        b.js("arguments[0].scrollIntoView({block: 'center'})", items[1])
        ActionChains(b.driver).click_and_hold(handle).move_by_offset(0, 5).move_to_element_with_offset(items[0], 0, -items[0].size["height"] // 2 + 3) \
            .pause(0.1).release().perform()
        assert item_urls(b) == [urls["B"], urls["A"], urls["C"]], item_urls(b)
        assert [i.get_attribute("name") for i in b.all("[data-items] input")] == ["items[0].image_url", "items[1].image_url", "items[2].video_url"]
        b.shot("carousel-reordered")
        if size == PHONE:
            b.no_horizontal_scroll()
        b.css("form button[type=submit]").click()
        b.wait(lambda _: len(sent(b)) == 1, 3, "the carousel's request")
        assert sent(b)[0]["url"].endswith("/api/sns/instagram/carousels")
        assert sent(b)[0]["body"] == {"account_id": acc["account_id"], "caption": "",
                                      "items": [{"image_url": urls["B"]}, {"image_url": urls["A"]}, {"video_url": urls["C"]}]}, sent(b)
        runner.metrics.setdefault("compose.requests", {})[f"{name}.carousel"] = sent(b)[0]["body"]
        assert not b.console_problems(), b.console_problems()
    finally:
        b.close()
