"""Properties of a comment's words as pages show them, for any text a reader can type."""

from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from hypothesis import example, given
from hypothesis import strategies as st

HOSTILE_PIECES = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>", "javascript:alert(1)", "JaVaScRiPt:x",
    "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "//evil.example", "<p>", "</p>",
    "<br>", "<a>", "</a>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&lt;b&gt;", "&#x3c;",
    "\" onmouseover=\"x", "' onfocus='x", "http://", "https://", "HTTPS://Example.ORG/Path",
    "https://example.org/a?b=1&c=<d>", "https://example.org/\"onmouseover=x",
    "https://example.org/'x", "http://evil.example/javascript:alert(1)",
    "https://example.org/path).", "(https://example.org/x)", "www.example.org",
    "https://example.org/\x00x", "https://ex\u202eample.org", "ftp://example.org",
    "\n", "\n\n", "\r\n", "\r", " \t ", "\x0b", "\x0c", "\u2028", "\x00", "\u202e", "😀",
]  # fmt: skip
LINK_REL = "nofollow ugc noopener"
RENDERED_TAGS = {"p", "br", "a"}

comment_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=12)), max_size=16
).map("".join)


class Rendered(HTMLParser):
    """The tags, attributes, links and text of rendered markup, as a browser tokenises it."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.links, self.text, self.other = [], [], [], []
        self._link = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._link = [dict(attrs), ""]

    def handle_endtag(self, tag):
        if tag == "a" and self._link:
            self.links.append(tuple(self._link))
            self._link = None

    def handle_data(self, data):
        self.text.append(data)
        if self._link:
            self._link[1] += data

    def handle_comment(self, data):
        self.other.append(("comment", data))

    def handle_decl(self, decl):
        self.other.append(("declaration", decl))

    def handle_pi(self, data):
        self.other.append(("processing instruction", data))

    def unknown_decl(self, data):
        self.other.append(("unknown", data))


def render_body(text):
    """A comment's words as the discussion, the report page and the admin show them."""
    return render_to_string("comments/includes/comment_body.html", {"body": text})


def squeezed(text):
    return "".join(text.split())


@given(comment_text)
@example("<script>alert(1)</script>")
@example('Read https://example.org/a?b=1&c=2"onclick=alert(1) now.')
def test_rendered_comments_are_safe_strings_holding_only_paragraphs_breaks_and_links(text):
    html = render_body(text)
    assert isinstance(html, SafeString)
    rendered = Rendered(html)
    assert {tag for tag, _ in rendered.tags} <= RENDERED_TAGS
    assert rendered.other == []
    for tag, attributes in rendered.tags:
        if tag == "a":
            assert set(attributes) == {"href", "rel"}, attributes
            assert attributes["rel"] == LINK_REL
        else:
            assert attributes == {}, (tag, attributes)


@given(comment_text)
@example("see javascript:alert(1) and https://example.org/ok")
@example("https://example.org/x\x00javascript:alert(1)")
@example("http://evil.example/javascript:alert(1)")
def test_every_link_is_a_plain_web_address_that_reads_as_itself(text):
    for attributes, link_text in Rendered(render_body(text)).links:
        href = attributes["href"]
        assert href.lower().startswith(("http://", "https://")), href
        assert href == link_text
        assert href in text
        assert not any(char.isspace() or char in "<>\"'" or ord(char) < 32 for char in href)


@given(comment_text)
@example("<b>bold</b> &amp; <i>italic</i>")
@example("a\n\n\nb\r\nc\rd")
def test_every_character_typed_is_shown_as_text_and_none_becomes_markup(text):
    """What a reader sees is exactly what they typed (layout aside): no tag, attribute or
    entity in the input is interpreted, and nothing is dropped."""
    assert squeezed("".join(Rendered(render_body(text)).text)) == squeezed(text)


@given(st.text(alphabet=st.characters(blacklist_characters="hH:/"), max_size=60))
def test_text_without_a_web_address_gets_no_link(text):
    assert "<a " not in render_body(text)
