"""Whole pages for anonymous readers come from the cache, and every change shows at once."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from articles.models import Article
from comments import moderation
from comments.models import Comment
from nhe import pagecache
from tests.factories import ArticleFactory

# Real commits, because caches move on only once a change is committed.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("default_sections"),
]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_second_anonymous_visit_is_served_from_the_cache(client):
    ArticleFactory(title="Cached story")
    first = client.get("/")
    second = client.get("/")
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == "hit"
    assert "Cached story" in second.text
    assert second.text == first.text


def test_anonymous_pages_set_no_cookie_and_do_not_vary_on_cookies(client):
    article = ArticleFactory()
    for url in ["/", "/news/", article.get_absolute_url()]:
        for response in (client.get(url), client.get(url)):
            assert not response.cookies, url
            assert "Cookie" not in response.get("Vary", ""), url


def test_public_pages_tell_proxies_and_cdns_how_long_to_keep_them(client):
    response = client.get("/")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "s-maxage=300", "stale-while-revalidate=30"} <= directives
    assert "stale-if-error=86400" in directives
    assert response["X-Accel-Expires"] == "5"
    assert response["Last-Modified"]
    assert response["ETag"]


def test_a_browser_holding_the_page_gets_304(client):
    ArticleFactory()
    etag = client.get("/")["ETag"]
    again = client.get("/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_signed_in_editors_never_get_cached_pages(client, admin_user):
    client.get("/")
    client.force_login(admin_user)
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_a_reader_with_a_message_waiting_sees_it(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get(article.get_absolute_url())


def test_a_reader_with_their_own_comments_is_neither_served_nor_stored(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    client.cookies["own_comments"] = "anything"
    for _ in range(2):
        response = client.get(article.get_absolute_url())
        assert "X-Page-Cache" not in response
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives
        assert "public" not in directives
        assert "X-Accel-Expires" not in response


def test_every_personal_cookie_makes_the_answer_private_even_with_the_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = ArticleFactory()
    for name in pagecache.PRIVATE_COOKIES:
        reader = Client()
        reader.cookies[name] = "anything"
        assert "private" in reader.get(article.get_absolute_url())["Cache-Control"], name


def test_the_csrf_cookie_alone_still_gets_the_shared_copy(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    client.cookies["csrftoken"] = "x" * 32
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_publishing_shows_at_once(client):
    draft = ArticleFactory(title="Breaking: a new board", status=Article.Status.DRAFT)
    assert "Breaking: a new board" not in client.get("/").text
    draft.publish()
    draft.save()
    assert "Breaking: a new board" in client.get("/").text


def test_editing_shows_at_once(client):
    article = ArticleFactory(title="Old headline")
    client.get(article.get_absolute_url())
    article.title = "New headline"
    article.save()
    page = client.get(article.get_absolute_url()).text
    assert "New headline" in page and "Old headline" not in page


def test_unpublishing_takes_the_page_down_at_once(client):
    article = ArticleFactory(title="Legal wants this gone")
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Legal wants this gone" in client.get("/").text
    article.unpublish()
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Legal wants this gone" not in client.get("/").text


def test_approving_a_comment_shows_it_at_once(client):
    article = ArticleFactory()
    comment = Comment.objects.create(
        article=article, name="Ward sister", email="w@example.org", body="Well said."
    )
    assert "Well said." not in client.get(article.get_absolute_url()).text
    moderator = get_user_model().objects.create_user("mod")
    moderation.moderate(Comment.objects.filter(pk=comment.pk), "approved", moderator=moderator)
    assert "Well said." in client.get(article.get_absolute_url()).text


def test_a_new_comment_held_for_moderation_leaves_the_cache_alone(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    Comment.objects.create(article=article, name="Spammer", email="s@example.org", body="Buy")
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_curating_the_front_page_shows_at_once(client):
    ArticleFactory(title="Yesterday's top story", is_featured=True)
    challenger = ArticleFactory(title="Today's top story")
    top = client.get("/").text.split('class="top-story"')[1].split("</section>")[0]
    assert "Yesterday" in top
    challenger.is_featured = True
    challenger.featured_order = 0
    challenger.save()
    Article.objects.filter(title__startswith="Yesterday").update(featured_order=5)
    challenger.save()  # the editor's save of the new order
    top = client.get("/").text.split('class="top-story"')[1].split("</section>")[0]
    assert "Today" in top


def test_a_scheduled_article_goes_live_on_time_without_any_save(client):
    now = timezone.now()
    ArticleFactory(title="Embargoed report", publish_at=now + timedelta(minutes=10))
    assert "Embargoed report" not in client.get("/").text
    later = now + timedelta(minutes=11)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("nhe.pagecache.time.time", return_value=later.timestamp()),
    ):
        assert "Embargoed report" in client.get("/").text


def test_when_a_hot_page_expires_one_request_renders_and_the_rest_get_the_last_copy(client):
    ArticleFactory(title="First version")
    client.get("/")
    ArticleFactory(title="Second version")
    lock = f"{pagecache._key('/', '', 'testserver')}:lock"
    assert cache.add(lock, 1, 10)  # another process is rendering it right now
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert "Second version" not in response.text
    cache.delete(lock)
    assert "Second version" in client.get("/").text


def test_after_a_takedown_no_copy_from_before_it_stands_in_while_a_page_renders(client):
    article = ArticleFactory(title="Named in a court order")
    client.get("/")
    client.get(article.get_absolute_url())
    article.unpublish()
    article.save()
    for path in ("/", article.get_absolute_url()):
        lock = f"{pagecache._key(path, '', 'testserver')}:lock"
        assert cache.add(lock, 1, 10)  # another process is rendering it right now
        response = client.get(path)
        assert "X-Page-Cache" not in response
        assert "Named in a court order" not in response.text
        cache.delete(lock)


def test_after_an_ordinary_change_a_later_takedown_still_bars_the_older_copies(client):
    article = ArticleFactory(title="Named in a court order")
    client.get("/")
    ArticleFactory(title="An ordinary story")
    article.embargo_until = timezone.now() + timedelta(days=1)
    article.save()
    ArticleFactory(title="Another ordinary story")
    lock = f"{pagecache._key('/', '', 'testserver')}:lock"
    assert cache.add(lock, 1, 10)
    assert "Named in a court order" not in client.get("/").text


def test_a_page_that_uses_its_csp_nonce_is_never_stored(client, settings):
    settings.ROOT_URLCONF = "tests.nhe.page_cache_urls"
    first, second = client.get("/with-nonce/"), client.get("/with-nonce/")
    assert "X-Page-Cache" not in second
    nonces = [re.search(r'nonce="([^"]+)"', page.text).group(1) for page in (first, second)]
    assert nonces[0] != nonces[1]
    assert f"'nonce-{nonces[1]}'" in second["Content-Security-Policy"]


def test_a_render_cut_short_leaves_no_lock_behind(client, settings):
    from tests.nhe.page_cache_urls import WorkerAborted

    settings.ROOT_URLCONF = "tests.nhe.page_cache_urls"
    with pytest.raises(WorkerAborted):
        client.get("/aborted/")
    assert cache.get(f"{pagecache._key('/aborted/', '', 'testserver')}:lock") is None


def test_a_replayed_page_carries_the_same_security_policy_and_etag(client, settings):
    ArticleFactory()
    rendered, replayed = client.get("/"), client.get("/")
    assert replayed["X-Page-Cache"] == "hit"
    assert replayed["Content-Security-Policy"] == rendered["Content-Security-Policy"]
    assert "default-src 'none'" in replayed["Content-Security-Policy"]
    assert replayed["ETag"] == rendered["ETag"]
    settings.SECURE_CSP = {**settings.SECURE_CSP, "img-src": ["'self'", "https://img.example"]}
    assert "https://img.example" in client.get("/")["Content-Security-Policy"]


def test_pages_with_the_cache_off_are_rendered_every_time(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_the_comment_form_on_a_cached_article_page_still_posts(settings):
    settings.COMMENTS_FORM_MIN_SECONDS = 0
    article = ArticleFactory()
    reader = Client(enforce_csrf_checks=True)
    reader.get(article.get_absolute_url())
    cached = reader.get(article.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit"
    token = re.search(r'name="token" value="([^"]+)"', cached.text).group(1)
    action = re.search(r'id="comment-form"[^>]*action="([^"]+)"', cached.text).group(1)
    response = reader.post(
        action,
        {
            "name": "Ward sister",
            "email": "ws@example.org",
            "body": "Seen this too.",
            "token": token,
        },
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 302
    assert Comment.objects.get().body == "Seen this too."


def test_a_head_request_is_answered_but_never_stored(client):
    ArticleFactory(title="Only for GET")
    client.head("/")
    first_get = client.get("/")
    assert "X-Page-Cache" not in first_get
    assert "Only for GET" in first_get.text


def test_tracking_and_unknown_parameters_share_the_pages_entry(client):
    ArticleFactory(title="Shared copy")
    assert "X-Page-Cache" not in client.get("/news/")
    for url in ["/news/?utm_source=letter&utm_medium=email", "/news/?foo=1", "/news/?fbclid=x"]:
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
        assert "Shared copy" in response.text


def test_a_parameter_the_page_reads_has_an_entry_of_its_own(client):
    ArticleFactory()
    client.get("/news/")
    assert "X-Page-Cache" not in client.get("/news/?page=2")
    assert client.get("/news/?page=2&utm_campaign=x")["X-Page-Cache"] == "hit"


def test_search_is_keyed_by_its_words_and_filters_in_any_order(client):
    ArticleFactory(title="Ward staffing review")
    ArticleFactory(title="Pharmacy opening hours")
    first = client.get("/search/?q=staffing&section=news")
    assert "Ward" in first.text and "Pharmacy" not in first.text
    again = client.get("/search/?section=news&q=staffing&gclid=abc")
    assert again["X-Page-Cache"] == "hit"
    other = client.get("/search/?q=pharmacy&section=news")
    assert "X-Page-Cache" not in other
    assert "Pharmacy" in other.text and "Ward" not in other.text


def test_links_on_a_cached_page_carry_no_parameter_a_reader_made_up(client):
    ArticleFactory.create_batch(21)
    page = client.get("/news/?foo=planted&utm_source=x").text
    assert 'href="?page=2"' in page
    assert "planted" not in page and "utm_source" not in page
