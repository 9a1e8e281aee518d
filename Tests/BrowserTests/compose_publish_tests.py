"""A reel, a story and a mixed carousel composed in the browser and published through the real stack (nginx ->
responder -> PostgreSQL -> worker -> sandbox's Graph API), in English and Korean at desktop and phone width, on the
account test_connect_and_publish connected (account_tests): each followed on its page to `published` (the API agrees),
the reel's steps naming a video, never an image; and a feed photo saved as a draft, listed, then published. The
media are the sandbox CDN's real files (Meta's checks read their bytes): the world's 3-second MP4 (Meta's shortest
reel), a 9:16 cover for the story, carousel-ten's square photos."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from harness import PHONE, Browser, assert_data_within
from planning_tests import account

# The words of the container-processing step, by language: a reel's must name a video, never an image.
VIDEO_WORDS = {"en": "video", "ko": "동영상"}
IMAGE_WORDS = {"en": "image", "ko": "이미지"}
PROCESSING_WORDS = {"en": "processing", "ko": "처리하는"}


def cdn(stack, post, item=0, video=False):
    return stack.sandbox("GET", f"/__sandbox/cdn/url?post={post}&item={item}" + ("&video=1" if video else ""))["url"]


def published(b, stack, seconds=120):
    """Waits on the post's page until it is published (or failed): (the API's post, every step text the page showed)."""
    post_id = b.publication_page(15)
    steps = set()
    def done(_):
        steps.add(b.js("const s = document.getElementById('post-progress-text'); return s ? s.textContent : ''"))
        return b.all("[data-state='published']") or b.all("[data-state='failed']")
    b.wait(done, seconds, "the post published")
    status, post = stack.api("GET", f"/api/sns/instagram/posts/{post_id}")
    assert status == 200 and post["state"] == "published", post
    assert b.css("[data-state]").get_attribute("data-state") == "published"
    return post, steps - {""}


def set_text(b, selector, text):
    b.js("const a = document.querySelector(arguments[0]); a.value = arguments[1];"
         "a.dispatchEvent(new InputEvent('input', {bubbles: true}))", selector, text)


def test_compose_publish(stack, runner, lang, size, name):
    acc = account(stack)
    b = Browser(f"compose-publish-{name}", lang, size)
    stamp = int(time.time())
    try:
        # A reel: the 3-second video with a cover, its steps followed.
        b.open(f"/#/publish/new/{acc['account_id']}/reel", key=stack.key)
        assert_data_within(b, "publish", runner.metrics, f"{b.name}.compose.data_shown_ms")
        b.css("input[name=video_url]").send_keys(cdn(stack, "igtv-2019", video=True))
        b.css("input[name=thumbnail_url]").send_keys(cdn(stack, "photo-gyeongbokgung"))
        caption = f"{'한강 릴스' if lang == 'ko' else 'Han river reel'} 🎬 {name} {stamp}"
        set_text(b, "textarea[name=caption]", caption)
        b.css("form button[type=submit]").click()
        reel, steps = published(b, stack)
        assert reel["media_type"] == "REELS" and reel["content"] == caption, reel
        assert not any(IMAGE_WORDS[lang] in s for s in steps), f"a reel's steps name an image: {steps}"
        for step in steps:
            assert PROCESSING_WORDS[lang] not in step or VIDEO_WORDS[lang] in step, f"the reel's processing step: {step}"
        runner.metrics.setdefault("compose_publish.reel_steps_seen", {})[name] = sorted(steps)
        assert b.css("[data-caption]").text == caption
        b.shot("reel-published")
        # A story: one 9:16 photo.
        b.open(f"/#/publish/new/{acc['account_id']}/story")
        b.wait(lambda _: b.data_shown_ms("publish"), 10, "the compose page")
        b.css("input[name=image_url]").send_keys(cdn(stack, "reel-hangang"))
        set_text(b, "textarea[name=text]", "오늘의 이야기 ✨" if lang == "ko" else "Today’s story ✨")
        b.css("form button[type=submit]").click()
        story, _ = published(b, stack)
        assert story["media_type"] == "STORIES", story
        b.shot("story-published")
        # A carousel of a photo, a video and a photo, the last moved up before sending: photo, photo, video.
        b.open(f"/#/publish/new/{acc['account_id']}/carousel")
        b.wait(lambda _: b.data_shown_ms("publish"), 10, "the compose page")
        b.css("[data-add-item]").click()
        urls = [cdn(stack, "carousel-ten", 0), cdn(stack, "igtv-2019", video=True), cdn(stack, "carousel-ten", 1)]
        Select(b.all("[data-items] li")[1].find_element(By.CSS_SELECTOR, "select")).select_by_value("video")
        for li, url in zip(b.all("[data-items] li"), urls):
            li.find_element(By.CSS_SELECTOR, "input").send_keys(url)
        b.all("[data-items] li")[2].find_element(By.CSS_SELECTOR, "[data-up]").click()
        caption = f"{'캐러셀' if lang == 'ko' else 'Carousel'} 🖼️ {name} {stamp}"
        set_text(b, "textarea[name=caption]", caption)
        b.css("form button[type=submit]").click()
        carousel, _ = published(b, stack)
        assert carousel["media_type"] == "CAROUSEL", carousel
        items = carousel["media"]["items"]
        assert [i.get("image_url") or i.get("video_url") for i in items] == [urls[0], urls[2], urls[1]], items
        assert b.css("[data-caption]").text == carousel["content"].strip() == caption
        b.shot("carousel-published")
        if size == PHONE:
            b.no_horizontal_scroll()
        assert not b.console_problems(), b.console_problems()
    finally:
        b.close()


def test_drafts(stack, runner, lang, size, name):
    """A feed photo saved as a draft from the compose page (nothing sent: state draft, no job), listed under the form,
    opened from the list and published from its page through the worker."""
    acc = account(stack)
    caption = f"{'임시 저장 사진' if lang == 'ko' else 'Draft photo'} 📝 {name} {int(time.time())}"
    b = Browser(f"drafts-{name}", lang, size)
    try:
        b.open(f"/#/publish/new/{acc['account_id']}/photo", key=stack.key)
        assert_data_within(b, "publish", runner.metrics, f"{b.name}.compose.data_shown_ms")
        b.css("input[name=image_url]").send_keys(cdn(stack, "photo-gyeongbokgung"))
        set_text(b, "textarea[name=caption]", caption)
        b.css("form [data-draft]").click()
        draft_id = b.publication_page(15, "the draft's page")
        b.wait(lambda _: b.all("[data-state='draft']"), 10, "the draft shown")
        status, draft = stack.api("GET", f"/api/sns/instagram/posts/{draft_id}")
        assert status == 200 and draft["state"] == "draft" and draft["content"] == caption and not draft.get("job_id"), draft
        assert not b.all("[data-progress]")[0].is_displayed(), "a draft has no progress"
        b.shot("draft")
        # Listed under the compose form, newest first; its link opens it.
        b.open("/#/publish")
        b.wait(lambda _: b.all("[data-draft-id]"), 10, "the drafts listed")
        status, listed = stack.api("GET", "/api/sns/instagram/posts?state=draft&limit=100")
        assert [li.get_attribute("data-draft-id") for li in b.all("[data-draft-id]")] == [str(p["id"]) for p in listed["posts"]]
        b.shot("drafts-listed")
        if size == PHONE:
            b.no_horizontal_scroll()
        b.css(f"[data-draft-id='{draft_id}'] a").click()
        b.css(f"[data-publish-draft='{draft_id}']").click()
        post, _ = published(b, stack)
        assert post["id"] == int(draft_id) and post["content"] == caption, post
        assert not b.all("[data-publish-draft]"), "the button goes once the draft is published"
        b.shot("draft-published")
        assert not b.console_problems(), b.console_problems()
    finally:
        b.close()
