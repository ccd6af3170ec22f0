"""Browser checks of `kado studio` in headless Chromium (run by scripts/studio-browser.sh).

What a marketer would check, in a real browser against the running studio: the index
lists both shipped tenants and their rules; each rule page shows the rendered name,
code and discount of a sample customer in every locale, the same as `kado preview`;
a mistake saved into the (copied) rules shows up with its file and line and goes away
when fixed; a customer named <img src=x onerror=alert(1)> is text and no script runs;
the pages work with the keyboard alone; nothing scrolls sideways at 1280 px.
Screenshots of the index and a rule page go to --shots (a temporary folder).

Prints one line per check and "N passed, N failed"; exits 1 when a check failed.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import traceback
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from cdp import Browser, CDPError  # noqa: E402

HOSTILE = "<img src=x onerror=alert(1)>"
# The discount as each shipped template's locale writes it.
DISCOUNTS = {
    ("sayakaya", "id-ID"): "Rp10.000", ("sayakaya", "en-US"): "IDR 10,000",
    ("lunaria", "nl-NL"): "15% (max. € 20)", ("lunaria", "en-US"): "15% (max. €20)",
}
CODES = {"sayakaya": r"BDAY-[A-HJKMNP-Z2-9]{10}", "lunaria": r"MAAN-[A-HJKMNP-Z2-9]{12}"}
RULES = [("sayakaya", "birthday", "Birthday Special Promo"), ("lunaria", "birthday-week", "Verjaardagsweek")]

passed = 0
failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   - {name}")
    else:
        failed += 1
        print(f"FAIL - {name}" + (f": {detail}" if detail else ""))


def normal(text):
    """Spacing made plain (money formats use a no-break space; HTML text loses line ends)."""
    return " ".join(text.replace("\u00a0", " ").split())


def same_text(a, b):
    return normal(a) == normal(b)


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def preview(args, *options):
    """`kado preview` of the same tree, as the CLI prints it."""
    run = subprocess.run(
        [args.kado, "preview", "--rules", args.rules, "--templates", args.templates, *options],
        capture_output=True, text=True, timeout=60, env={**os.environ, "DATABASE_URL": args.database or ""})
    return run.stdout


def no_sideways_scroll(browser):
    return browser.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def visible_text(browser):
    return browser.evaluate("document.getElementById('content').innerText")


def check_index(args, browser):
    browser.navigate(args.url)
    text = visible_text(browser)
    check("index: both shipped tenants are listed", "SayaKaya" in text and "Lunaria" in text)
    for tenant, rule, name in RULES:
        href = f"/tenants/{tenant}/rules/{rule}"
        found = browser.evaluate(
            f"Array.from(document.querySelectorAll('a[href=\"{href}\"]')).map(a => a.textContent)")
        check(f"index: {tenant}'s rule '{rule}' is listed and links to its page", name in (found or []), found)
    check("index: each rule is valid, with its trigger in words",
          text.count("valid") >= 2 and "every day at 00:01 Asia/Jakarta" in text
          and "every day at 09:00 Europe/Amsterdam" in text)
    check("index: next fire times in the tenant's zone and in UTC",
          re.search(r"00:01 \+07:00 \(Asia/Jakarta\) · \d{4}-\d\d-\d\d 17:01 UTC", text) is not None, text[:400])
    check("index: no horizontal scroll at 1280 px", no_sideways_scroll(browser))
    path = os.path.join(args.shots, "index.png")
    browser.screenshot(path)
    check(f"index: screenshot written ({path})", os.path.getsize(path) > 10_000)


def variants(browser):
    return browser.evaluate("""Array.from(document.querySelectorAll('article.variant')).map(a => ({
        id: a.id, locale: a.getAttribute('lang'),
        subject: (a.querySelector('.email-subject') || {}).textContent || null,
        from: (a.querySelector('dl.facts dd') || {}).textContent || null,
        text: (a.querySelector('pre.textbody') || a.querySelector('.bubble .wa-text') || {}).textContent || '',
        frame: (a.querySelector('iframe') || {}).src || null,
        sandbox: a.querySelector('iframe') ? a.querySelector('iframe').getAttribute('sandbox') : null,
        eml: (a.querySelector('a[href*="message.eml"]') || {}).href || null,
        messageID: (Array.from(a.querySelectorAll('dd code')).find(c => c.textContent.startsWith('<kado.'))
                    || {}).textContent || null }))""")


def check_rule_pages(args, browser):
    for tenant, rule, _ in RULES:
        samples = args.samples[tenant]
        for sample in samples:
            query = urllib.parse.urlencode({"sample": sample, "date": args.date})
            browser.navigate(f"{args.url}tenants/{tenant}/rules/{rule}?{query}")
            found = variants(browser)
            locales = sorted({v["locale"] for v in found})
            check(f"{tenant}/{rule} as {sample}: a message per channel and locale ({', '.join(locales)})",
                  len(found) >= 2 and len(locales) >= 2)
            first = sample.split()[0]
            for v in found:
                channel = v["id"][: -len(v["locale"]) - 1]
                label = f"{tenant}/{rule} {channel} {v['locale']} for {sample}"
                check(f"{label}: shows the name, a code and the discount",
                      first in v["text"] and re.search(CODES[tenant], v["text"]) is not None
                      and normal(DISCOUNTS[(tenant, v["locale"])]) in normal(v["text"]), v["text"][:300])
                cli = preview(args, "--tenant", tenant, "--rule", rule, "--channel", channel, "--sample-name",
                              sample, "--date", args.date, "--locale", v["locale"], "--format", "text")
                if v["subject"] is not None:
                    body = cli.split("\n\n", 1)[1] if "\n\n" in cli else ""
                    check(f"{label}: subject and text part are kado preview's",
                          f"Subject: {v['subject']}\n" in cli and same_text(body, v["text"]), cli[:200])
                    status, headers, html = fetch(v["frame"])
                    cli_html = preview(args, "--tenant", tenant, "--rule", rule, "--channel", channel,
                                       "--sample-name", sample, "--date", args.date, "--locale", v["locale"],
                                       "--format", "html")
                    check(f"{label}: the framed HTML body is kado preview's, in a sandbox without scripts",
                          html.decode() == cli_html and v["sandbox"] == ""
                          and "sandbox" in headers.get("Content-Security-Policy", ""), headers)
                    eml = preview(args, "--tenant", tenant, "--rule", rule, "--channel", channel,
                                  "--sample-name", sample, "--date", args.date, "--locale", v["locale"],
                                  "--format", "eml")
                    cli_id = re.search(r"^Message-ID: (\S+)", eml, re.M)
                    check(f"{label}: the Message-ID is the one kado preview builds",
                          cli_id is not None and cli_id.group(1) == v["messageID"], (v["messageID"], cli_id))
                else:
                    check(f"{label}: the chat bubble is kado preview's text", same_text(cli, v["text"]), cli[:200])
            check(f"{tenant}/{rule} as {sample}: no horizontal scroll at 1280 px", no_sideways_scroll(browser))
    path = os.path.join(args.shots, "rule-sayakaya-birthday.png")
    browser.navigate(f"{args.url}tenants/sayakaya/rules/birthday?date={args.date}")
    browser.screenshot(path)
    check(f"rule page: screenshot written ({path})", os.path.getsize(path) > 10_000)


def edit(path, old, new):
    text = open(path, encoding="utf-8").read()
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new))


def check_live(args, browser):
    rule_file = os.path.join(args.rules, "sayakaya", "birthday.yaml")
    shown_as = rule_file
    line = next(i for i, l in enumerate(open(rule_file, encoding="utf-8"), 1) if 'at: "00:01"' in l)
    browser.navigate(args.url)
    edit(rule_file, 'at: "00:01"', 'at: "24:01"')
    try:
        expression = f"document.getElementById('content').innerText.includes({json.dumps(f'{shown_as}:{line}:')})"
        _, seconds = browser.wait_for(expression, timeout=10)
        print(f"#    the mistake appeared on the open index {seconds:.2f} s after the save")
        text = visible_text(browser)
        check("live: a mistake saved into the rules appears with its file and line", True)
        check("live: ... within two seconds of the save", seconds <= 2.0, f"{seconds:.2f} s")
        check("live: ... with the source line and a caret under the column",
              browser.evaluate("""(() => { const p = document.querySelector('pre.excerpt');
                  return !!p && p.textContent.includes('at: "24:01"') && p.querySelector('.caret') !== null
                      && p.querySelector('mark') !== null; })()"""))
        check("live: ... while the last good configuration is still shown",
              "Birthday Special Promo" in text and "last good configuration" in text)
        check("live: the rule's state says it has an error",
              browser.evaluate("!!document.querySelector('a.badge.bad[href^=\"#file-\"]')"))
        check("live: no horizontal scroll at 1280 px with the problems listed", no_sideways_scroll(browser))
        path = os.path.join(args.shots, "index-with-error.png")
        browser.screenshot(path)
    finally:
        edit(rule_file, 'at: "24:01"', 'at: "00:01"')
    _, seconds = browser.wait_for("!document.getElementById('diagnostics')", timeout=10)
    check(f"live: the mistake disappears when fixed ({seconds:.2f} s)",
          "valid" in visible_text(browser) and "Birthday Special Promo" in visible_text(browser))

    template = os.path.join(args.templates, "sayakaya", "birthday.yaml")
    query = urllib.parse.urlencode({"sample": "Ayu Lestari", "date": args.date})
    browser.navigate(f"{args.url}tenants/sayakaya/rules/birthday?{query}")
    before = [v["text"] for v in variants(browser)]
    edit(template, "Selamat ulang tahun, {{user.first_name}}! Ada", "Selamat ulang tahun, {{user.frist_name}}! Ada")
    try:
        shown = template
        _, seconds = browser.wait_for(
            f"document.getElementById('content').innerText.includes({json.dumps(shown + ':')})", timeout=10)
        text = visible_text(browser)
        check(f"live: a template mistake appears on the open rule page ({seconds:.2f} s), "
              "beside the last good messages",
              "frist_name" in text and [v["text"] for v in variants(browser)] == before)
    finally:
        edit(template, "{{user.frist_name}}! Ada", "{{user.first_name}}! Ada")
    browser.wait_for("!document.getElementById('diagnostics')", timeout=10)


def dom_tree_has(browser, predicate_name):
    """Walks every node of the page and its frames (DOM.getDocument pierces into iframes)."""
    root = browser.call("DOM.getDocument", depth=-1, pierce=True)["root"]
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        if predicate_name(node):
            found.append(node)
        stack.extend(node.get("children", []))
        if "contentDocument" in node:
            stack.append(node["contentDocument"])
        stack.extend(node.get("shadowRoots", []))
    return found


def check_hostile(args, browser):
    query = urllib.parse.urlencode({"sample": HOSTILE, "date": args.date})
    browser.navigate(f"{args.url}tenants/sayakaya/rules/birthday?{query}")
    browser.pump(0.5)
    shown = browser.evaluate("(document.querySelector('.subject-name') || {}).textContent")
    check("hostile name: the sample's name is shown as text", shown == HOSTILE, shown)
    images = dom_tree_has(browser, lambda n: n.get("nodeName") == "IMG")
    check("hostile name: no <img> element in the page or in any email frame", not images, images[:2])
    texts = dom_tree_has(browser, lambda n: n.get("nodeType") == 3 and HOSTILE in n.get("nodeValue", ""))
    check("hostile name: the frames show it as text too (the email's HTML escapes it)", len(texts) >= 3, len(texts))
    if args.hostile_user:
        query = urllib.parse.urlencode({"user": args.hostile_user, "date": args.date})
        browser.navigate(f"{args.url}tenants/sayakaya/rules/birthday?{query}")
        browser.pump(0.5)
        shown = browser.evaluate("(document.querySelector('.subject-name') || {}).textContent")
        images = dom_tree_has(browser, lambda n: n.get("nodeName") == "IMG")
        check("hostile name: a real user with that name is text, no <img> anywhere", shown == HOSTILE and not images,
              (shown, images[:1]))


# An email frame holds the customer's HTML (focusable only when it has links); its
# "Open the HTML body on its own" link is how the keyboard gets to read all of it.
FOCUSABLE = "a[href], button, select, input, summary, [tabindex]:not([tabindex='-1'])"


FOCUSED = """(() => { const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    const all = Array.from(document.querySelectorAll(arguments0));
    return { index: all.indexOf(e), tag: e.tagName, text: (e.textContent || e.id || '').trim().slice(0, 40),
             outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 }; })()""".replace(
    "arguments0", json.dumps(FOCUSABLE))


def tab_through(browser, limit=200):
    """Presses Tab until focus comes back to where it started; the focused elements in order.

    Tab into an email's frame (sandboxed, so another process) moves focus there
    asynchronously: for a moment the page's own focus is on its body. So the body ends the
    walk only when focus stays there (focus has left the page after its last control)."""
    browser.evaluate("document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0)")
    seen = []
    for _ in range(limit):
        browser.press("Tab")
        info = browser.evaluate(FOCUSED)
        if info is None:
            try:
                info, seconds = browser.wait_for(FOCUSED, timeout=1)
                print(f"#    focus reached the page again {seconds:.2f} s after Tab (into a frame)")
            except CDPError:
                break
        if seen and info["index"] == seen[0]["index"]:
            break
        if seen and info["index"] == seen[-1]["index"]:
            continue  # focus went into a frame and came back
        seen.append(info)
    return seen


def check_keyboard(args, browser):
    browser.navigate(args.url)
    order = tab_through(browser)
    total = browser.evaluate(f"document.querySelectorAll({json.dumps(FOCUSABLE)}).length")
    reached = {i["index"] for i in order}
    check(f"keyboard: Tab reaches every link and control of the index ({len(reached)} of {total})",
          reached == set(range(total)), order[-3:])
    check("keyboard: the first Tab lands on 'Skip to content'", bool(order) and order[0]["text"] == "Skip to content")
    check("keyboard: every focused element shows a visible focus ring", all(i["outline"] for i in order),
          [i for i in order if not i["outline"]][:3])
    # Open a rule with Enter.
    browser.evaluate("document.activeElement && document.activeElement.blur()")
    target = "/tenants/sayakaya/rules/birthday"
    for _ in range(100):
        browser.press("Tab")
        if browser.evaluate(f"(document.activeElement.getAttribute('href') || '') === {json.dumps(target)}"):
            break
    browser.press("Enter")
    browser.wait_loaded()
    check("keyboard: Enter on a rule's link opens its page",
          browser.evaluate("location.pathname") == target)
    order = tab_through(browser)
    total = browser.evaluate(f"document.querySelectorAll({json.dumps(FOCUSABLE)}).length")
    missed = sorted(set(range(total)) - {i["index"] for i in order})
    described = browser.evaluate(f"""Array.from(document.querySelectorAll({json.dumps(FOCUSABLE)}))
        .map(e => e.tagName + ' ' + (e.id || e.getAttribute('href') || e.title || ''))""")
    check(f"keyboard: Tab reaches every link and control of the rule page, each email's 'open on its own' included "
          f"({len({i['index'] for i in order})} of {total})", not missed, [described[i] for i in missed])
    check("keyboard: ... each with a visible focus ring", all(i["outline"] for i in order),
          [i for i in order if not i["outline"]][:3])
    # Choose another sample with the keyboard: focus the list, arrow down, Tab to the button, Enter.
    browser.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(100):
        browser.press("Tab")
        if browser.evaluate("document.activeElement.id === 'sample'"):
            break
    first = browser.evaluate("document.getElementById('sample').value")
    browser.press("ArrowDown", key_code=40)
    chosen = browser.evaluate("document.getElementById('sample').value")
    for _ in range(10):  # past the date field's day, month and year
        browser.press("Tab")
        if browser.evaluate("document.activeElement.id === 'show-sample'"):
            break
    focused = browser.evaluate("document.activeElement.id")
    browser.press("Enter")
    browser.wait_loaded()
    shown = browser.evaluate("(document.querySelector('.subject-name') || {}).textContent")
    check("keyboard: a sample chosen with the arrow keys and shown with Enter",
          chosen != first and focused == "show-sample" and shown == chosen, (first, chosen, focused, shown))


def check_database(args, browser):
    browser.navigate(args.url)
    text = visible_text(browser)
    check("database: the index shows whom each rule's next occurrence reaches",
          re.search(r"\d+ users? on \d{4}-\d\d-\d\d \(email \d+, whatsapp \d+\)", text) is not None, text[:600])
    for user, words in ((args.unverified_user, "not verified (users.verified_status is false)"),
                        (args.other_day_user, "birthday not on")):
        query = urllib.parse.urlencode({"user": user, "date": args.date})
        browser.navigate(f"{args.url}tenants/sayakaya/rules/birthday?{query}")
        text = visible_text(browser)
        check(f"database: user {user} is 'not in this rule's audience' with why ({words})",
              "not in this rule's audience" in text and words in text and not variants(browser), text[:500])
        if user == args.unverified_user:
            browser.screenshot(os.path.join(args.shots, "rule-user-not-in-audience.png"))
    query = urllib.parse.urlencode({"user": args.issued_user, "date": args.date})
    browser.navigate(f"{args.url}tenants/sayakaya/rules/birthday?{query}")
    found = variants(browser)
    text = visible_text(browser)
    email = [v for v in found if v["id"].startswith("email-")]
    check(f"database: user {args.issued_user} is shown with the issued code {args.issued_code}",
          args.issued_code in text and all(args.issued_code in v["text"] for v in found), text[:300])
    browser.screenshot(os.path.join(args.shots, "rule-user-issued.png"))
    check("database: the email's Message-ID is the one the dispatcher sent",
          bool(email) and all(v["messageID"] == args.sent_message_id for v in email),
          ([v["messageID"] for v in email], args.sent_message_id))
    status, _, eml = fetch(email[0]["eml"]) if email else (0, {}, b"")
    sent = open(args.sent_eml, "rb").read()
    strip = lambda b: re.sub(rb"^Date: .*\r\n", b"", b, flags=re.M)  # noqa: E731
    check("database: the downloaded .eml is the sent one byte for byte (but its Date)", strip(eml) == strip(sent))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--kado", required=True)
    parser.add_argument("--rules", required=True, help="the copied rules folder (edited by the live checks)")
    parser.add_argument("--templates", required=True)
    parser.add_argument("--shots", required=True)
    parser.add_argument("--date", required=True)
    parser.add_argument("--database")
    parser.add_argument("--hostile-user")
    parser.add_argument("--unverified-user")
    parser.add_argument("--other-day-user")
    parser.add_argument("--issued-user")
    parser.add_argument("--issued-code")
    parser.add_argument("--sent-message-id")
    parser.add_argument("--sent-eml")
    args = parser.parse_args()
    args.samples = {"sayakaya": ["Ayu Lestari", "Emily Carter"], "lunaria": ["Sanne de Vries", "Emma Clarke"]}
    profile = os.path.join(args.shots, "chromium-profile")
    os.makedirs(profile, exist_ok=True)
    browser = Browser(profile)
    try:
        for step in (check_index, check_rule_pages, check_live, check_hostile, check_keyboard) + (
                (check_database,) if args.database else ()):
            try:
                step(args, browser)
            except Exception:  # a step that breaks is a failure, the others still run
                check(f"{step.__name__} ran to the end", False, traceback.format_exc(limit=3))
        problems = browser.problems()
        check("no script ran, no console error, no CSP violation, no dialog on any page", not problems, problems[:5])
    finally:
        browser.close()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
