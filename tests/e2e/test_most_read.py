"""A reader's browser reports each article it shows, from the page cache or not."""

import time

import pytest
from django.utils import timezone

from articles import popularity
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Headless Chromium says so in its user agent, which is not counted as a reader.
DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)


def reads_of(article, expected, seconds=10):
    """The reads counted for the article, once they reach `expected` or time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        count = popularity.counts_in_cache(timezone.localdate()).get(article.pk, 0)
        if count >= expected or time.monotonic() > deadline:
            return count
        time.sleep(0.1)


def test_opening_an_article_counts_a_read_also_when_it_comes_from_the_cache(
    live_server, browser, settings, default_sections
):
    settings.PAGE_CACHE_SECONDS = 300
    article = ArticleFactory(title="Community diagnostic centres extend their hours")
    answers, errors = [], []

    def note_errors(message):
        if message.type == "error":  # a script or beacon refused by the security policy
            errors.append(message.text)

    for expected in (1, 2):
        # A reader of its own each time, so that the browser's cache does not answer.
        context = browser.new_context(user_agent=DESKTOP_CHROME)
        try:
            page = context.new_page()
            page.on("console", note_errors)
            answers.append(page.goto(live_server.url + article.get_absolute_url()))
            assert reads_of(article, expected) == expected
        finally:
            context.close()
    assert answers[0].headers.get("x-page-cache") is None
    assert answers[1].headers.get("x-page-cache") == "hit"
    assert errors == []
