"""Typing on the article form updates the character counts, the previews and the length."""

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def eddie(default_sections, default_roles):
    return UserFactory(username="eddie", roles=["Editor"])


def sign_in(page, live_server, username):
    # The form's draft copies (tested in test_autosave.py) would be posted as the page
    # closes, racing the flush of the database after the test.
    page.route("**/autosave/**", lambda route: route.abort())
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")


def test_typing_a_long_seo_title_updates_its_counter_and_the_previews(
    live_server, page, eddie, settings
):
    settings.SITE_NAME = "NHE"
    article = ArticleFactory(title="Waiting lists fall", body="<p>One two three.</p>")
    sign_in(page, live_server, "eddie")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    counter = page.locator("#id_seo_title_count")
    expect(counter).to_have_text("0 characters of about 60 that search results show")
    expect(page.locator('[data-preview="search-title"]')).to_have_text("Waiting lists fall | NHE")

    long_title = "Waiting lists fall for a third month as trusts clear their backlogs"
    page.get_by_label("SEO title:").fill(long_title)

    expect(counter).to_have_text(
        f"{len(long_title)} characters: too long for search results, which show about 60"
    )
    expect(counter).to_have_class("char-count char-count--over")
    expect(page.locator('[data-preview="search-title"]')).to_have_text(
        "Waiting lists fall for a third month as trusts clear their…"
    )
    expect(page.locator('[data-preview="social-title"]')).to_have_text(long_title)
    expect(page.locator("#id_title_count")).to_have_text(
        "18 characters; search results show the SEO title instead"
    )


def test_typing_in_the_body_updates_its_length(live_server, page, eddie):
    article = ArticleFactory(body="<p>One two three.</p>")
    sign_in(page, live_server, "eddie")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    length = page.locator('[data-aid="length"]')
    expect(length).to_have_text("3 words, about 1 minute to read")
    page.locator('.field-body .ProseMirror[contenteditable="true"]').click()
    page.keyboard.press("End")
    page.keyboard.type(" four five")
    expect(length).to_have_text("5 words, about 1 minute to read")


def test_body_headings_look_like_the_sites_and_menus_need_no_missing_glyph(
    live_server, page, eddie
):
    article = ArticleFactory(body="<h2>What the board heard</h2><p>One two three.</p>")
    sign_in(page, live_server, "eddie")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    heading = page.locator('.field-body .ProseMirror[contenteditable="true"] h2')
    expect(heading).to_have_text("What the board heard")
    style = heading.evaluate(
        "h => { const s = getComputedStyle(h); return [s.fontFamily, s.backgroundColor]; }"
    )
    assert style[0].startswith("Georgia")
    assert style[1] == "rgba(0, 0, 0, 0)"
    markers = page.locator(".field-body .prose-menubar__selected").evaluate_all(
        "els => els.map(e => getComputedStyle(e, '::after').content)"
    )
    assert markers and all(marker == '""' for marker in markers), markers
