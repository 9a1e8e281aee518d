"""The browser tests' own checks, shown to fail when they should: the colour-contrast check (harness.CONTRAST_JS, run
at every screenshot) flags low-contrast text, and the long-task watcher (Browser.watch_long_tasks, behind the
100k-row analysis' "no long task over 1 s") records a deliberately long task in headless Chromium. Without these,
"no contrast problem" and "0 long tasks" could mean a check that sees nothing."""
from harness import CONTRAST_CHECKS, DESKTOP, Browser


def test_contrast_check_flags_low_contrast(stack, runner):
    b = Browser("check-contrast", "en", DESKTOP)
    try:
        b.open("/#/keys", key=stack.key)
        b.css("main h1")
        b.wait(lambda _: b.data_shown_ms("keys"), 10, "the keys page's data")
        checked, problems = b.contrast()
        assert checked >= 10 and not problems, (checked, problems)
        # Light grey on white (2.6:1), lilac on the accent bar (1.9:1) and large text at 2.8:1 (under 3:1) are flagged;
        # large text at 4.0:1 and small text at 4.7:1 pass. (CSSOM styles: the page's CSP allows no inline style.)
        b.js("""
          const add = (text, color, size, parent) => { const p = document.createElement('p'); p.textContent = text;
            p.style.color = color; if (size) p.style.fontSize = size; (parent || document.querySelector('main')).append(p); };
          add('grey on white', '#a0a0a0'); add('lilac on the bar', '#6a69a8', null, document.querySelector('.top-inner'));
          add('large but too light', '#9a9a9a', '26px'); add('large and dark enough', '#7f7f7f', '26px');
          add('small and dark enough', '#737373');""")
        checked, problems = b.contrast()
        flagged = sorted(p.split('"')[1] for p in problems)
        assert flagged == ["grey on white", "large but too light", "lilac on the bar"], problems
        runner.metrics["contrast.flagged_in_self_test"] = len(problems)
    finally:
        b.close()


def test_long_task_watcher_records_a_long_task(stack, runner):
    b = Browser("check-long-task", "en", DESKTOP)
    try:
        b.open("/#/keys", key=stack.key)
        b.css("main h1")
        b.watch_long_tasks()
        b.js("setTimeout(() => { const end = performance.now() + 300; while (performance.now() < end) {} }, 0)")
        tasks = b.wait(lambda _: b.long_tasks() or None, 5, "the long task recorded")
        assert max(tasks) >= 290, tasks
        runner.metrics["long_task.self_test_ms"] = round(max(tasks))
    finally:
        b.close()


def record_contrast_checks(runner):
    """How many screenshots were checked for contrast, and the texts they held (metrics.json)."""
    runner.metrics["contrast.screenshots_checked"] = len(CONTRAST_CHECKS)
    runner.metrics["contrast.texts_checked"] = sum(CONTRAST_CHECKS)
