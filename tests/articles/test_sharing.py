"""Share links under an article: each service's documented share address with the article's
full address and title, encoded; a Copy link that is a plain link without JavaScript."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from articles import seo
from tests.factories import ArticleFactory, DraftFactory, editor

pytestmark = pytest.mark.django_db

TITLE = 'Pay & conditions: what\'s next for "agenda for change"? 50% say #NHS100 é'


class ShareLinks(HTMLParser):
    """The links in the page's share block, by their text: {text: (href, attributes)}."""

    def __init__(self):
        super().__init__()
        self.links, self.inside, self.href, self.attrs = {}, False, None, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("class") == "share":
            self.inside = True
        elif self.inside and tag == "a":
            self.href, self.attrs, self.text = attrs["href"], attrs, ""

    def handle_data(self, data):
        if self.href is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "a" and self.href is not None:
            name = self.text.replace("(opens in a new tab)", "").strip()
            self.links[name] = (self.href, self.attrs)
            self.href = None
        elif tag == "section":
            self.inside = False


def share_links(client, article):
    parser = ShareLinks()
    parser.feed(client.get(article.get_absolute_url()).content.decode())
    return parser.links


def query(href):
    return {name: values[0] for name, values in parse_qs(urlsplit(href).query).items()}


def test_share_links_carry_the_articles_address_and_title_encoded(client):
    article = ArticleFactory(title=TITLE)
    address = seo.absolute_url(article.get_absolute_url())
    links = share_links(client, article)
    assert set(links) == {"Email", "LinkedIn", "X", "Bluesky", "WhatsApp", "Copy link"}

    email = links["Email"][0]
    assert email.startswith("mailto:?")
    assert query(email) == {"subject": TITLE, "body": address}
    assert " " not in email and "#" not in email  # every special character is encoded

    linkedin = links["LinkedIn"][0]
    assert linkedin.startswith("https://www.linkedin.com/sharing/share-offsite/?")
    assert query(linkedin) == {"url": address}

    x = links["X"][0]
    assert x.startswith("https://x.com/intent/tweet?")
    assert query(x) == {"text": TITLE, "url": address}

    bluesky = links["Bluesky"][0]
    assert bluesky.startswith("https://bsky.app/intent/compose?")
    assert query(bluesky) == {"text": f"{TITLE} {address}"}

    whatsapp = links["WhatsApp"][0]
    assert whatsapp.startswith("https://wa.me/?")
    assert query(whatsapp) == {"text": f"{TITLE} {address}"}


def test_links_to_other_sites_open_a_new_tab_without_handing_it_the_page(client):
    links = share_links(client, ArticleFactory())
    for name in ("LinkedIn", "X", "Bluesky", "WhatsApp"):
        _href, attrs = links[name]
        assert attrs["target"] == "_blank", name
        assert "noopener" in attrs["rel"].split(), name


def test_copy_link_is_a_plain_link_to_the_articles_address(client):
    article = ArticleFactory()
    href, attrs = share_links(client, article)["Copy link"]
    assert href == seo.absolute_url(article.get_absolute_url())
    assert attrs["data-copy-url"] == href


def test_the_copy_script_is_our_own_and_deferred(client):
    page = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert '<script src="/static/articles/share.js" defer></script>' in page
    # A polite live region of its own: the comments' notices keep the page's one status role.
    assert 'class="share__status" aria-live="polite"' in page.split('class="share"')[1]


def test_a_preview_of_an_unpublished_piece_offers_no_share_links(client):
    draft = DraftFactory()
    client.force_login(editor())
    page = client.get(reverse("admin:articles_article_preview", args=[draft.pk]))
    assert page.status_code == 200
    assert 'class="share"' not in page.content.decode()
