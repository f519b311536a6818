"""A reader's browser reports each article it shows, from the page cache or not."""

import time

import pytest
from django.utils import timezone

from articles import popularity
from articles.models import ReadCount
from nhe import schedule
from tests.factories import ArticleFactory
from tests.nhe.test_make_run import eventually, make_run  # noqa: F401  (make_run is a fixture)

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


def most_read_titles(page):
    block = page.locator(".most-read")
    return block.locator("li a").all_inner_texts() if block.count() else []


def test_reads_in_the_browser_reach_most_read_under_make_run(
    request, browser, settings, default_sections
):
    """`make run`'s own processes: the development server counts the beacon, the worker
    stores the counts, and the front page and the article pages list the piece."""
    server = request.getfixturevalue("make_run")
    read_most = ArticleFactory(title="Virtual wards free up beds across three trusts")
    other = ArticleFactory(title="Pharmacy first takes pressure off GP surgeries")
    context = browser.new_context(user_agent=DESKTOP_CHROME)
    try:
        page = context.new_page()
        for article in (read_most, read_most, other):
            with page.expect_response(lambda answer: "/read/" in answer.url) as beacon:
                page.goto(server + article.get_absolute_url())
            assert beacon.value.status == 204

        # The scheduler's next flush, now rather than at its period's end.
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        schedule.run_command.enqueue("flush_most_read")
        day = timezone.localdate()
        assert eventually(lambda: ReadCount.objects.filter(article=other, day=day).exists())

        page.goto(server + "/")
        assert most_read_titles(page) == [read_most.title, other.title]
        page.goto(server + other.get_absolute_url())
        assert most_read_titles(page) == [read_most.title, other.title]
    finally:
        context.close()
