"""Copy link under an article, in Chromium: with JavaScript it copies the address and says
so; without, it is a link to the article."""

import pytest

from articles import seo
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_copy_link_copies_the_articles_address_and_says_so(live_server, browser, default_sections):
    article = ArticleFactory(title="Hospital at home reaches its first thousand patients")
    address = seo.absolute_url(article.get_absolute_url())
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    errors = []
    try:
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(live_server.url + article.get_absolute_url())
        copy = page.get_by_role("button", name="Copy link")
        copy.click()
        status = page.locator(".share__status")
        status.get_by_text("Link copied").wait_for()
        assert status.get_attribute("aria-live") == "polite"
        assert page.evaluate("navigator.clipboard.readText()") == address
    finally:
        context.close()
    assert errors == []  # the script ran under the site's Content-Security-Policy


def test_without_javascript_copy_link_is_a_link_to_the_article(
    live_server, browser, default_sections
):
    article = ArticleFactory()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + article.get_absolute_url())
        link = page.get_by_role("link", name="Copy link")
        assert link.get_attribute("href") == seo.absolute_url(article.get_absolute_url())
    finally:
        context.close()
