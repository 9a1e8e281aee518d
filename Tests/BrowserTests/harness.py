"""The browser tests' harness: Debian's chromium driven by selenium, the stack deploy/test started, XCTest-style
result lines (deploy/test counts them), screenshots and measurements in the output folder."""
import base64
import json
import re
import os
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("INSTAGATE_TEST_BASE_URL", "").rstrip("/")
SANDBOX = os.environ.get("INSTAGATE_TEST_SANDBOX_URL", "").rstrip("/")
OUTPUT = os.environ.get("BROWSER_TEST_OUTPUT", "")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
DESKTOP = (1280, 900)
# Every contrast check's count of texts (metrics.json: proof the check looked at something).
CONTRAST_CHECKS = []
# WCAG 2.1 AA (1.4.3): 4.5:1 for text, 3:1 for large text (24 px, or 18.66 px bold). The colours are composited from
# the element up to the page (semi-transparent backgrounds, opacity); disabled controls are exempt, as WCAG says.
CONTRAST_JS = """
const parse = (c) => { const m = /rgba?\\(([^)]+)\\)/.exec(c || ''); if (!m) return null;
  const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
function background(el) {
  const chain = []; for (let e = el; e; e = e.parentElement) chain.push(e);
  let bg = [255, 255, 255, 1];
  for (const e of chain.reverse()) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) bg = over(c, bg); }
  return bg;
}
function opacity(el) { let o = 1; for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; }
function visible(el) {
  if (!el.getClientRects().length) return false;
  const s = getComputedStyle(el); return s.visibility !== 'hidden' && s.display !== 'none';
}
const problems = []; let checked = 0;
function check(el, text) {
  if (!visible(el) || el.closest(':disabled, option, [aria-hidden=true]')) return;
  const s = getComputedStyle(el);
  const fg = parse(s.color); if (!fg) return;
  const bg = background(el);
  const shown = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg);
  const size = parseFloat(s.fontSize); const bold = Number(s.fontWeight) >= 700;
  const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
  const r = ratio(shown, bg); checked += 1;
  if (r < need) problems.push(`${r.toFixed(2)}:1 < ${need}:1 for "${text.trim().slice(0, 40)}" (${el.tagName.toLowerCase()}.${el.className})`);
}
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent.trim() && n.parentElement) check(n.parentElement, n.textContent);
for (const el of document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea'))
  if ((el.value || '').trim()) check(el, el.value);
return {checked, problems};
"""
PHONE = (360, 780)
# The budget (a page shows its data within 1 s of load) is a figure, recorded in metrics.json with every
# page's time and counted in the summary, not a timed assertion (a loaded CI host is not a slow page). What is
# asserted is that the data shows at all, well within DATA_HANG_MS.
DATA_BUDGET_MS = 1000
DATA_HANG_MS = 5000


class Stack:
    """The stack under test: an API key of a fresh API user (so the history and jobs start empty)."""

    def __init__(self):
        missing = [n for n in ("INSTAGATE_TEST_BASE_URL", "INSTAGATE_TEST_SANDBOX_URL", "INSTAGATE_TEST_BIN",
                               "BROWSER_TEST_OUTPUT") if not os.environ.get(n)]
        if missing:
            raise SystemExit(f"browser tests: {', '.join(missing)} not set (deploy/test sets them)")
        out = subprocess.run([os.environ["INSTAGATE_TEST_BIN"], "keys", "create", "--name", "browser tests"],
                             check=True, capture_output=True, text=True).stdout
        self.key = out.strip().splitlines()[-1]
        self.last_download_posts = []
        self.paced_seconds = 0.0

    # -- plain HTTP (urllib): the API and the sandbox's admin API --------------------------------------------
    def http(self, method, url, body=None, headers=None, key=None):
        headers = dict(headers or {})
        if key:
            headers["Authorization"] = f"Bearer {key}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def api(self, method, path, body=None, key=None):
        status, _, raw = self.http(method, BASE + path, body, key=key if key is not None else self.key)
        return status, json.loads(raw or b"null")

    def sandbox(self, method, path, body=None):
        status, _, raw = self.http(method, SANDBOX + path, body)
        assert 200 <= status < 300, f"sandbox {method} {path}: {status} {raw[:200]!r}"
        return json.loads(raw)

    def world_post(self, key):
        return next(p for p in self.sandbox("GET", "/__sandbox/world")["posts"] if p["key"] == key)

    def fresh_session(self, username):
        s = self.sandbox("POST", "/__sandbox/sessions", {"username": username, "state": "valid", "unlimited": True})
        return s["sessionid_cookie"], s["csrftoken"]

    def pace_download(self):
        """Keeps one address's POST /api/download under nginx's download zone: the burst at once, then one per
        interval (10 a minute with a burst of 9 in production; deploy/test lifts it for these tests and says so in
        INSTAGATE_TEST_DOWNLOAD_RATE_PER_MINUTE and INSTAGATE_TEST_DOWNLOAD_BURST). The time slept is counted."""
        per_minute = float(os.environ.get("INSTAGATE_TEST_DOWNLOAD_RATE_PER_MINUTE", "10"))
        burst = int(os.environ.get("INSTAGATE_TEST_DOWNLOAD_BURST", "9"))
        interval = 60 / per_minute
        now = time.monotonic()
        self.last_download_posts = [t for t in self.last_download_posts if now - t < interval * (burst + 1)]
        if len(self.last_download_posts) >= max(1, burst - 4):
            wait = interval + 0.5 - (now - self.last_download_posts[-1])
            if wait > 0:
                time.sleep(wait)
                self.paced_seconds += wait
        self.last_download_posts.append(time.monotonic())


class Browser:
    """One fresh Chromium (empty cache and storage) in a language, at a width; downloads go to its own folder."""

    def __init__(self, name, lang="en", size=DESKTOP):
        self.name = name
        self.downloads = os.path.join(OUTPUT, "downloads", name)
        os.makedirs(self.downloads, exist_ok=True)
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    f"--lang={lang}", f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
            options.add_argument(arg)
        options.add_experimental_option("prefs", {
            "intl.accept_languages": f"{lang},en" if lang != "en" else "en",
            "download.default_directory": self.downloads,
            "download.prompt_for_download": False,
            "profile.default_content_setting_values.automatic_downloads": 1,
        })
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": self.downloads})
        if size == PHONE:
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 2, "mobile": True})
        self.shots = 0

    def open(self, path="/", key=None):
        """Loads the page (a real load, not a hash change); with `key` as if signed in already in this tab."""
        d = self.driver
        if key:
            d.get(BASE + "/")
            d.execute_script("sessionStorage.setItem('instagate.key', arguments[0])", key)
        d.get("about:blank")
        d.get(BASE + path)

    def wait(self, condition, seconds=10, what="condition"):
        try:
            return WebDriverWait(self.driver, seconds, poll_frequency=0.05,
                                 ignored_exceptions=[StaleElementReferenceException]).until(lambda d: condition(d))
        except TimeoutException:
            raise AssertionError(f"{self.name}: timed out after {seconds} s waiting for {what}") from None

    def publication_page(self, seconds=15, what="the post's page"):
        """Waits for a post's own page, #/publish/ID (not the compose page, #/publish/new/ACCOUNT_ID, which ends in
        digits too); its id."""
        self.wait(lambda d: "#/publish/" in d.current_url and "#/publish/new/" not in d.current_url
                  and d.current_url.rsplit("/", 1)[1].isdigit(), seconds, what)
        return self.driver.current_url.rsplit("/", 1)[1]

    def css(self, selector, seconds=10):
        return self.wait(lambda d: (lambda found: found[0] if found and found[0].is_displayed() else None)(
            d.find_elements(By.CSS_SELECTOR, selector)), seconds, selector)

    def all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def data_shown_ms(self, page):
        """When the page marked its data as shown, in ms after the navigation started (None: not yet)."""
        return self.js("const e = performance.getEntriesByName('instagate:data:' + arguments[0]);"
                       "return e.length ? e[0].startTime : null;", page)

    def shot(self, label, contrast=True):
        """A full-page screenshot, and the WCAG AA contrast of every visible text at that moment (asserted)."""
        self.shots += 1
        path = os.path.join(OUTPUT, "screenshots", f"{self.name}-{self.shots:02d}-{label}.png")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # The whole page, not only the viewport (Chromium's DevTools protocol).
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        if contrast:
            checked, problems = self.contrast()
            CONTRAST_CHECKS.append(checked)
            assert not problems, f"{self.name} {label}: text below WCAG AA contrast: {problems[:5]}"
        return path

    def contrast(self):
        """(texts checked, problems): every visible text node and form value against its composited background."""
        result = self.js(CONTRAST_JS)
        return result["checked"], result["problems"]

    def watch_long_tasks(self):
        """Records every long task (over 50 ms on the main thread) from now on (the Long Tasks API)."""
        self.js("window.__long = []; new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration)))"
                ".observe({type: 'longtask', buffered: false});")

    def long_tasks(self):
        """The durations (ms) of the long tasks recorded since watch_long_tasks()."""
        return self.js("return window.__long || []")

    def console_problems(self):
        """Console errors other than the expected 401 of the sign-in probe and deliberate API errors."""
        return [e["message"] for e in self.driver.get_log("browser")
                if e["level"] == "SEVERE" and "status of 4" not in e["message"]]

    def no_horizontal_scroll(self):
        width = self.js("return document.documentElement.scrollWidth")
        viewport = self.js("return window.innerWidth")
        assert width <= viewport, f"{self.name}: the page is {width} px wide in a {viewport} px viewport"

    def downloaded(self, names, seconds=20):
        """Waits until every file name is in the download folder, complete (no .crdownload); returns sizes."""
        def done(_):
            have = set(os.listdir(self.downloads))
            return all(n in have for n in names) and not any(n.endswith(".crdownload") for n in have)
        self.wait(done, seconds, f"downloads {names}")
        return {n: os.path.getsize(os.path.join(self.downloads, n)) for n in names}

    def close(self):
        """Quits; called from a test's `finally` while a failure propagates, it keeps a screenshot of the moment."""
        try:
            if sys.exc_info()[0] is not None:
                self.shot("at-failure")
        except Exception:  # noqa: BLE001
            pass
        try:
            self.driver.quit()
        except Exception:  # noqa: BLE001 (a browser that already died changes nothing)
            pass


def assert_data_within(b, page, metrics=None, label=None):
    shown = b.wait(lambda _: b.data_shown_ms(page), DATA_HANG_MS / 1000, f"the {page} page's data")
    assert shown < DATA_HANG_MS, f"{b.name}: the {page} page showed its data {shown:.0f} ms after the load started"
    if metrics is not None:
        metrics[label or f"{b.name}.{page}.data_shown_ms"] = round(shown)
        if shown >= DATA_BUDGET_MS:
            metrics.setdefault("over_budget", []).append(f"{b.name}.{page}: {shown:.0f} ms")
    return shown


class Runner:
    """Runs test functions, printing XCTest-style lines (deploy/test's closing count reads them)."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.metrics = {}

    def run(self, name, fn, *args):
        only = os.environ.get("BROWSER_TEST_FILTER", "")
        if only and not re.search(only, name):
            return
        start = time.monotonic()
        print(f"Test Case 'BrowserTests.{name}' started.", flush=True)
        try:
            fn(*args)
            self.passed += 1
            print(f"Test Case 'BrowserTests.{name}' passed ({time.monotonic() - start:.3f} seconds).", flush=True)
        except Exception as error:  # noqa: BLE001 (every failure is reported, then the next test runs)
            self.failed += 1
            traceback.print_exc(file=sys.stdout)
            print(f"BrowserTests.{name}: error: {error}", flush=True)
            print(f"Test Case 'BrowserTests.{name}' failed ({time.monotonic() - start:.3f} seconds).", flush=True)

    def finish(self):
        with open(os.path.join(OUTPUT, "metrics.json"), "w") as f:
            json.dump(self.metrics, f, indent=2, sort_keys=True)
        over = self.metrics.get("over_budget", [])
        print(f"BrowserTests: pages over the 1 s data budget: {len(over)}" + (f" ({', '.join(over)})" if over else ""))
        print(f"BrowserTests: {self.passed} passed, {self.failed} failed (screenshots, downloads and metrics.json in {OUTPUT})")
        return 1 if self.failed or not self.passed else 0
