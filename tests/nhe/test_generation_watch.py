"""Each process holds the page-cache generation and hears of every change at once, against
the real Redis server (nhe/pagecache.py, GenerationWatch)."""

import time
from datetime import timedelta
from unittest import mock

import pytest
import redis
from django.core.cache import caches
from django.utils import timezone
from django_redis.cache import RedisCache

from articles import generation as content_generation
from articles.models import ContentGeneration
from nhe import pagecache
from tests.factories import ArticleFactory

PREFIX = "watch-test"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_sections")]


@pytest.fixture(autouse=True)
def redis_cache(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": PREFIX,
        }
    }
    yield
    caches["default"].clear()


@pytest.fixture
def other_process(redis_url):
    """The cache as another app process sees it: its own client, the same server."""
    return RedisCache(redis_url, {"KEY_PREFIX": PREFIX})


def announce(process):
    """Tell every process that the generation has ended, as one that made a change does."""
    channel = process.make_key(pagecache.GENERATION_CHANNEL)
    process.client.get_client(write=True).publish(channel, "1")


def change_through(process, *, announced=True):
    """A change committed by another process: the database moves on, its copy is dropped."""
    ContentGeneration.objects.end()
    process.delete(content_generation.GENERATION_KEY)
    if announced:
        announce(process)


@pytest.fixture
def watch():
    watch = pagecache.GenerationWatch()
    yield watch
    watch._stop_listening()


def asks_of_the_cache():
    return mock.patch.object(caches["default"], "get", wraps=caches["default"].get)


def test_the_generation_held_is_used_without_asking_the_cache(watch):
    first = watch.current()
    with asks_of_the_cache() as get:
        assert watch.current() == first
        assert watch.current() == first
    assert get.call_count == 0


def test_a_change_made_through_another_process_is_heard_at_once(watch, other_process):
    first = watch.current()
    for _ in range(5):
        change_through(other_process)
        # Published before the change's request answers; here, wait for it to arrive.
        assert watch.listener.connection.can_read(timeout=5)
        now = watch.current()
        assert now["id"] != first["id"]
        first = now


def test_a_change_made_in_this_process_moves_the_generation_on(
    watch, django_capture_on_commit_callbacks
):
    first = watch.current()
    with django_capture_on_commit_callbacks(execute=True):
        content_generation.end()
    assert watch.current()["id"] != first["id"]


def test_a_lost_announcement_keeps_the_old_generation_for_a_second_at_most(watch, other_process):
    first = watch.current()
    change_through(other_process, announced=False)
    assert watch.current() == first
    later = time.time() + pagecache.TRUST_SECONDS + 0.1
    with mock.patch("nhe.pagecache.time.time", return_value=later):
        assert watch.current()["id"] != first["id"]


def test_a_scheduled_piece_going_live_moves_the_generation_on_unannounced(watch):
    due = timezone.now() + timedelta(minutes=30)
    ArticleFactory(publish_at=due)
    first = watch.current()
    assert first["due"] == pytest.approx(due.timestamp())
    later = due.timestamp() + 1
    with (
        mock.patch("nhe.pagecache.time.time", return_value=later),
        mock.patch("articles.generation.time.time", return_value=later),
    ):
        assert watch.current()["id"] != first["id"]


def test_a_broken_listener_falls_back_to_asking_and_listens_again(watch, other_process):
    first = watch.current()
    with mock.patch.object(
        watch.listener, "get_message", side_effect=redis.ConnectionError("gone")
    ):
        with asks_of_the_cache() as get:
            assert watch.current() == first
        assert get.call_count == 1
    assert watch.listener is None
    change_through(other_process)
    assert watch.current()["id"] != first["id"]
    assert watch.listener is not None


def test_subscribing_again_forgets_the_generation_held_and_reads_the_database(watch):
    first = watch.current()
    # As after a lost connection: redis-py subscribes again, and changes may have been
    # missed, by this process and by the cache's copy alike.
    ContentGeneration.objects.end()
    watch.listener.subscribe(pagecache.channel(pagecache.GENERATION_CHANNEL))
    # The server's confirmation comes back a moment later; wait until it is there to be read.
    assert watch.listener.connection.can_read(timeout=5)
    assert watch.current()["id"] != first["id"]


def test_a_copy_read_from_the_database_just_before_a_change_commits_is_not_kept(other_process):
    content_generation.current()
    real_in_force = ContentGeneration.objects.in_force
    reads = []

    def in_force():
        # The change commits (and drops the copy) between this process's read and its store.
        row = real_in_force()
        if not reads:
            ContentGeneration.objects.end()
            other_process.delete(content_generation.GENERATION_KEY)
        reads.append(row.number)
        return row

    content_generation.distrust_copy()
    with mock.patch.object(ContentGeneration.objects, "in_force", side_effect=in_force):
        content_generation.current()
    assert content_generation.current()["number"] == ContentGeneration.objects.in_force().number
