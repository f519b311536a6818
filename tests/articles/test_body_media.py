"""Pictures and videos inside the body: stored as checked nodes, built by our templates."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Image, Section
from articles.sanitise import clean_html
from tests.articles.admin_forms import ADD_URL, article_form_data, change_url
from tests.factories import ArticleFactory, ImageFactory, UserFactory, editor

IMAGE_NODE = (
    '<figure data-image="42" data-alt="Nurses at a &quot;huddle&quot;" data-credit="NHE">'
    "<figcaption>The morning huddle &amp; handover</figcaption></figure>"
)
YOUTUBE_NODE = '<div data-embed="youtube" data-id="dQw4w9WgXcQ" data-title="Ward round"></div>'
VIMEO_NODE = '<div data-embed="vimeo" data-id="123456"></div>'
DANGEROUS = ("<iframe", "<script", "javascript:", "data:", "onerror", "onload", "onclick")


def assert_harmless(cleaned):
    lowered = html.unescape(cleaned).lower()
    for marker in (*DANGEROUS, "style="):
        assert marker not in lowered, (marker, cleaned)


# Storing


@pytest.mark.parametrize("node", [IMAGE_NODE, YOUTUBE_NODE, VIMEO_NODE])
def test_media_nodes_are_stored_exactly_as_written(node):
    assert clean_html(f"<p>Before</p>{node}<p>After</p>") == f"<p>Before</p>{node}<p>After</p>"


def test_a_picture_needs_nothing_but_its_number():
    assert clean_html('<figure data-image="7"></figure>') == '<figure data-image="7"></figure>'


def test_a_caption_keeps_its_words_and_loses_its_markup():
    cleaned = clean_html(
        '<figure data-image="7"><figcaption>Staff <strong>at</strong> <a href="https://x.org">'
        "work</a></figcaption><p>stray</p></figure>"
    )
    assert cleaned == '<figure data-image="7"><figcaption>Staff at work</figcaption></figure>'


def test_over_long_words_are_cut_to_their_limits():
    cleaned = clean_html(f'<figure data-image="7" data-alt="{"a" * 400}"></figure>')
    assert f'data-alt="{"a" * 250}"' in cleaned
    assert "a" * 251 not in cleaned


@pytest.mark.parametrize(
    "hostile",
    [
        # Players and scripts smuggled inside or beside a node.
        '<div data-embed="youtube" data-id="dQw4w9WgXcQ"><iframe src="https://evil.example/">'
        "</iframe></div>",
        '<div data-embed="youtube" data-id="dQw4w9WgXcQ"><script>alert(1)</script></div>',
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
        '<figure data-image="7"><script>alert(1)</script><figcaption>x</figcaption></figure>',
        '<figure data-image="7"><figcaption><script>alert(1)</script>x</figcaption></figure>',
        # Event handlers and styles on the nodes themselves.
        '<figure data-image="7" onerror="alert(1)" style="color:red"></figure>',
        '<div data-embed="vimeo" data-id="123" onload="alert(1)" onclick="alert(1)"></div>',
        '<figure data-image="7"><img src="x" onerror="alert(1)"></figure>',
        # Addresses where none belong.
        '<figure data-image="javascript:alert(1)"></figure>',
        '<figure data-image="data:text/html;base64,PHNjcmlwdD4="></figure>',
        '<div data-embed="youtube" data-id="javascript:alert(1)"></div>',
        '<a href="javascript:alert(1)">x</a><a href="data:text/html,hi">y</a>',
        '<div data-embed="youtube" data-id="dQw4w9WgXcQ" data-src="javascript:alert(1)"></div>',
    ],
)
def test_hostile_media_markup_is_made_harmless(hostile):
    assert_harmless(clean_html(hostile))


@pytest.mark.parametrize(
    "bad",
    [
        '<div data-embed="dailymotion" data-id="x7tgad0"></div>',
        '<div data-embed="YouTube" data-id="dQw4w9WgXcQ"></div>',
        '<div data-embed="" data-id="dQw4w9WgXcQ"></div>',
        '<div data-embed="youtube" data-id="dQw4w9WgXc"></div>',  # ten characters
        '<div data-embed="youtube" data-id="dQw4w9WgXcQ/../x"></div>',
        '<div data-embed="youtube" data-id="dQw4w9WgXcQ&quot; onload=&quot;x"></div>',
        '<div data-embed="youtube"></div>',
        '<div data-embed="vimeo" data-id="12ab"></div>',
        '<div data-embed="vimeo" data-id="dQw4w9WgXcQ"></div>',
        '<figure data-image="12abc"></figure>',
        '<figure data-image="-1"></figure>',
        '<figure data-image="0"></figure>',
        '<figure data-image="1e3"></figure>',
        '<figure data-image=" 12"></figure>',
        '<figure data-image=""></figure>',
        '<figure data-image="99999999999999999999"></figure>',
    ],
)
def test_a_node_with_a_bad_provider_or_id_is_dropped(bad):
    assert clean_html(f"<p>Kept</p>{bad}") == "<p>Kept</p>"


def test_other_divs_are_unwrapped_and_their_words_kept():
    cleaned = clean_html('<div class="x"><p>One</p><div><p>Two</p></div></div>')
    assert cleaned == "<p>One</p><p>Two</p>"


def test_a_plain_figure_keeps_its_caption():
    markup = "<figure><figcaption>Chart: waiting lists</figcaption></figure>"
    assert clean_html(markup) == markup


@pytest.mark.django_db
def test_hostile_nodes_posted_to_the_article_form_are_cleaned(client):
    client.force_login(editor())
    data = article_form_data(
        section=str(Section.objects.get(slug="news").pk),
        body='<p>Text</p><figure data-image="3" onerror="alert(1)"><img src=x onerror=alert(1)>'
        '<figcaption>Cap</figcaption></figure><div data-embed="youtube" data-id="dQw4w9WgXcQ">'
        '<iframe src="https://evil.example/"></iframe></div><div data-embed="evil" data-id="1">'
        '</div><figure data-image="one"></figure>',
    )
    assert client.post(ADD_URL, data).status_code == 302
    body = Article.objects.get(title=data["title"]).body
    assert body == (
        '<p>Text</p><figure data-image="3"><figcaption>Cap</figcaption></figure>'
        '<div data-embed="youtube" data-id="dQw4w9WgXcQ"></div>'
    )


# Rendering


@pytest.fixture
def picture():
    return ImageFactory(alt_text="A ward corridor", caption="Library caption", credit="NHE")


def page_of(client, body):
    article = ArticleFactory(body=body)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.text


def body_of(page):
    return page.split('<div class="article__body prose">', 1)[1].split('<nav class="tags"', 1)[0]


@pytest.mark.django_db
def test_a_picture_in_the_body_is_drawn_with_its_sizes_and_words(client, picture):
    body = body_of(
        page_of(
            client,
            f'<p>Intro</p><figure data-image="{picture.pk}" data-alt="Beds along a ward" '
            'data-credit="Sam Jones"><figcaption>The new ward</figcaption></figure>',
        )
    )
    medium = picture.rendition("medium")
    assert f'src="{medium["url"]}"' in body
    assert f'width="{medium["width"]}" height="{medium["height"]}"' in body
    assert picture.srcset() in body
    assert 'alt="Beds along a ward"' in body
    assert 'loading="lazy"' in body
    assert re.search(
        r'<figure class="body-image">.*<figcaption>The new ward <span class="credit">Image: '
        r"Sam Jones</span></figcaption>",
        body,
        re.S,
    )
    assert "data-image" not in body


@pytest.mark.django_db
def test_a_picture_without_its_own_words_takes_the_librarys(client, picture):
    body = body_of(page_of(client, f'<figure data-image="{picture.pk}"></figure>'))
    assert 'alt="A ward corridor"' in body
    assert '<span class="credit">Image: NHE</span>' in body
    assert "Library caption" not in body  # the caption is the story's to choose


@pytest.mark.django_db
def test_a_deleted_picture_leaves_the_story_reading_on(client, picture):
    markup = f'<p>Before</p><figure data-image="{picture.pk}"></figure><p>After</p>'
    picture.delete()
    body = body_of(page_of(client, markup + '<figure data-image="999999"></figure>'))
    assert "<p>Before</p><p>After</p>" in body
    assert "<figure" not in body and "<img" not in body


@pytest.mark.django_db
def test_a_video_in_the_body_is_a_poster_that_links_to_the_video(client):
    page = page_of(client, f"<p>Watch:</p>{YOUTUBE_NODE}")
    body = body_of(page)
    assert "<iframe" not in page
    assert '<a class="video-poster" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in body
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in body
    assert "Play video: Ward round" in body
    assert "Watch this video on its own site" in body
    assert page.count("articles/video.js") == 1


@pytest.mark.django_db
def test_a_vimeo_video_plays_without_tracking(client):
    body = body_of(page_of(client, VIMEO_NODE))
    assert '<a class="video-poster" href="https://vimeo.com/123456"' in body
    assert 'data-embed-url="https://player.vimeo.com/video/123456?dnt=1"' in body
    assert "Play video: Video" in body


@pytest.mark.django_db
def test_a_page_with_a_lead_video_and_one_in_the_body_loads_the_player_script_once(client):
    article = ArticleFactory(
        body=VIMEO_NODE,
        video_url="https://www.youtube.com/watch?v=abcDEF12345",
        section=Section.objects.get(slug="nhe-tv"),
    )
    page = client.get(article.get_absolute_url()).text
    assert page.count("articles/video.js") == 1
    assert page.count('class="video-poster"') == 2


@pytest.mark.django_db
def test_a_body_without_media_loads_no_player_script(client):
    assert "articles/video.js" not in page_of(client, "<p>Only words.</p>")


def body_queries(client, body):
    article = ArticleFactory(body=body)
    client.get(article.get_absolute_url())  # the navigation and the Site row are cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.text, [query["sql"] for query in queries]


@pytest.mark.django_db
def test_a_body_with_ten_pictures_costs_the_same_queries_as_one(client):
    pictures = ImageFactory.create_batch(10)

    def body(images):
        return "".join(f'<p>Para</p><figure data-image="{i.pk}"></figure>' for i in images)

    one_page, one = body_queries(client, body(pictures[:1]))
    ten_page, ten = body_queries(client, body(pictures))
    assert one_page.count('<figure class="body-image">') == 1
    assert ten_page.count('<figure class="body-image">') == 10
    assert len(one) == len(ten), (one, ten)
    _, none = body_queries(client, "<p>Only words.</p>")
    image_table = Image._meta.db_table
    assert sum(f'FROM "{image_table}"' in sql for sql in none) < sum(
        f'FROM "{image_table}"' in sql for sql in one
    )


# The editor


@pytest.mark.django_db
def test_the_body_editor_loads_the_media_extension(client):
    client.force_login(editor())
    page = client.get(ADD_URL).text
    assert "articles/body_media.js" in page
    assert "BodyImage" in page and "BodyVideo" in page
    assert reverse("admin:articles_article_body_images") in page


@pytest.mark.django_db
def test_the_image_dialog_lists_library_pictures_with_thumbnails(client, picture):
    ImageFactory(alt_text="Ambulances outside A&E", credit="Trust press office")
    client.force_login(editor())
    url = reverse("admin:articles_article_body_images")
    results = client.get(url).json()["results"]
    assert [r["alt"] for r in results] == ["Ambulances outside A&E", "A ward corridor"]
    first = client.get(url, {"q": "corridor"}).json()["results"]
    assert first == [
        {
            "id": picture.pk,
            "alt": "A ward corridor",
            "caption": "Library caption",
            "credit": "NHE",
            "thumb": picture.rendition("thumb")["url"],
            "width": picture.rendition("thumb")["width"] // 2,
            "height": picture.rendition("thumb")["height"] // 2,
        }
    ]
    assert client.get(url, {"q": "press office"}).json()["results"][0]["alt"] == (
        "Ambulances outside A&E"
    )
    assert client.get(url, {"q": "<script>alert(1)</script>"}).json()["results"] == []
    assert client.get(url, {"id": picture.pk}).json()["results"][0]["id"] == picture.pk
    assert client.get(url, {"id": "abc"}).status_code == 404
    assert client.get(url, {"q": "corri\x00dor"}).json()["results"][0]["id"] == picture.pk


@pytest.mark.django_db
def test_the_image_dialog_costs_the_same_queries_for_few_and_many_pictures(
    client, django_assert_max_num_queries
):
    client.force_login(editor())
    url = reverse("admin:articles_article_body_images")
    ImageFactory.create_batch(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(url).json()["results"]) == 2
    ImageFactory.create_batch(30)
    with django_assert_max_num_queries(len(few)):
        assert len(client.get(url).json()["results"]) == 24


@pytest.mark.django_db
def test_only_people_who_write_articles_may_list_pictures(client, picture):
    url = reverse("admin:articles_article_body_images")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_the_history_says_which_picture_and_video_were_added(client):
    article = ArticleFactory(title="Winter plans", body="<p>Every board has a plan.</p>")
    client.force_login(editor())
    body = (
        '<p>Every board has a plan.</p><figure data-image="12" data-alt="A board meeting">'
        f"<figcaption>Trust board, March</figcaption></figure>{YOUTUBE_NODE}"
    )
    response = client.post(change_url(article), article_form_data(article, body=body))
    assert response.status_code == 302
    page = client.get(reverse("admin:articles_article_history", args=[article.pk])).text
    assert "<ins>[Picture 12 “A board meeting”: Trust board, March]" in html.unescape(page)
    assert "[Video https://www.youtube.com/watch?v=dQw4w9WgXcQ “Ward round”]" in html.unescape(
        page
    )


@pytest.mark.django_db
def test_a_cached_article_page_asks_for_its_pictures_once_per_content_generation(
    client, settings, picture, django_capture_on_commit_callbacks
):
    settings.FRAGMENT_CACHE_SECONDS = 600
    article = ArticleFactory(body=f'<figure data-image="{picture.pk}"></figure>')
    image_query = f'FROM "{Image._meta.db_table}"'

    def pictures_asked_for():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(article.get_absolute_url()).text
        return page, sum(image_query in query["sql"] for query in queries)

    assert pictures_asked_for()[1] == 1
    page, asked = pictures_asked_for()
    assert asked == 0
    assert 'alt="A ward corridor"' in page

    picture.alt_text = "A quiet ward corridor at night"
    with django_capture_on_commit_callbacks(execute=True):
        picture.save()  # a new content generation
    page, asked = pictures_asked_for()
    assert asked == 1
    assert 'alt="A quiet ward corridor at night"' in page
