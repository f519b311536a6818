"""Videos play only when the reader asks: a poster first, the third-party player after."""

import re

import pytest
from django.contrib.staticfiles import finders

from articles.models import Section
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db

WATCH_URL = "https://www.youtube.com/watch?v=abcDEF12345"


@pytest.fixture
def video():
    return ArticleFactory(
        title="A night on the virtual ward",
        section=Section.objects.get(slug="nhe-tv"),
        video_url=WATCH_URL,
        lead_image=ImageFactory(alt_text="Illustration of a nurse watching screens"),
    )


def test_video_page_loads_no_player_until_the_reader_asks(client, video):
    page = client.get(video.get_absolute_url()).text
    assert "<iframe" not in page
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/abcDEF12345"' in page


def test_video_poster_is_a_link_to_the_video_on_its_own_site(client, video):
    page = client.get(video.get_absolute_url()).text
    poster = re.search(r'<a class="video-poster" href="([^"]*)"', page)
    assert poster[1] == WATCH_URL
    assert "Play video: A night on the virtual ward" in page
    assert 'class="play-mark play-mark--large"' in page


def test_video_poster_shows_the_lead_picture_with_its_size_given(client, video):
    page = client.get(video.get_absolute_url()).text
    picture = re.search(r'<img class="video-poster__image"[^>]*>', page)[0]
    assert 'width="' in picture and 'height="' in picture and 'srcset="' in picture
    # The link's words name it; the picture inside it is decoration.
    assert 'alt=""' in picture


def test_video_without_a_picture_gets_a_drawn_poster(client):
    article = ArticleFactory(section=Section.objects.get(slug="nhe-tv"), video_url=WATCH_URL)
    page = client.get(article.get_absolute_url()).text
    assert 'class="video-poster__backdrop"' in page
    assert f"Play video: {article.title}" in page


def test_video_script_exists_and_is_deferred(client, video):
    page = client.get(video.get_absolute_url()).text
    assert re.search(r'<script src="[^"]*articles/video\.js" defer></script>', page)
    assert finders.find("articles/video.js")


def test_pages_without_video_load_no_video_script(client):
    article = ArticleFactory(lead_image=ImageFactory())
    assert "video.js" not in client.get(article.get_absolute_url()).text


def test_teasers_of_videos_carry_a_play_mark(client, video):
    ArticleFactory(title="A plain story", lead_image=ImageFactory())
    page = client.get("/news/").text
    teasers = re.findall(r'<a class="teaser__image".*?</a>', page, re.DOTALL)
    marked = [t for t in teasers if 'class="play-mark"' in t]
    assert len(teasers) == 2 and len(marked) == 1
    assert video.get_absolute_url() in marked[0]


def test_content_security_policy_allows_our_script_and_the_two_players_only(client, video):
    policy = client.get(video.get_absolute_url()).headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert "'self'" in directives["script-src"].split()
    assert sorted(directives["frame-src"].split()) == [
        "https://player.vimeo.com",
        "https://www.youtube-nocookie.com",
    ]
