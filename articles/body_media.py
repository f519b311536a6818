"""Pictures and videos inside an article's body, stored as small structured nodes.

An editor never puts outside markup in a story: a picture is stored as a reference to one of
our Images and a video as a provider and an id, and the page builds the markup itself:

    <figure data-image="123" data-alt="…" data-credit="…"><figcaption>…</figcaption></figure>
    <div data-embed="youtube" data-id="dQw4w9WgXcQ" data-title="…"></div>

`canonical` (run by articles.sanitise.clean_html after nh3) keeps exactly these shapes with
checked values and drops every other use of the two elements; `render` turns the stored
nodes into the site's picture and click-to-play templates, fetching all pictures at once.
"""

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.html import format_html

IMAGE_ID = re.compile(r"[1-9][0-9]{0,9}")
VIDEO_IDS = {
    "youtube": re.compile(r"[A-Za-z0-9_-]{11}"),
    "vimeo": re.compile(r"[0-9]{1,12}"),
}
ALT_MAX_LENGTH = 250
CAPTION_MAX_LENGTH = 300
CREDIT_MAX_LENGTH = 200
TITLE_MAX_LENGTH = 200


def _text(value, limit):
    """One line of plain text, at most `limit` characters."""
    return " ".join((value or "").split())[:limit]


@dataclass(frozen=True)
class ImageNode:
    image_id: int
    alt: str = ""
    caption: str = ""
    credit: str = ""

    def stored(self):
        attributes = format_html(' data-image="{}"', self.image_id)
        if self.alt:
            attributes += format_html(' data-alt="{}"', self.alt)
        if self.credit:
            attributes += format_html(' data-credit="{}"', self.credit)
        caption = format_html("<figcaption>{}</figcaption>", self.caption) if self.caption else ""
        return format_html("<figure{}>{}</figure>", attributes, caption)

    def in_words(self):
        caption = f": {self.caption}" if self.caption else ""
        return format_html("<p>[Picture {} “{}”{}]</p>", self.image_id, self.alt, caption)

    def rendered(self, images):
        image = images.get(self.image_id)
        if image is None or not image.file:
            return ""  # the picture was deleted from the library: the story reads on without it
        # The words written for this place in the story describe the picture here; the
        # instance is this page's own, fetched for it, and never saved.
        image.alt_text = self.alt or image.alt_text
        return render_to_string(
            "includes/body_image.html",
            {
                "image": image,
                "caption": self.caption,
                "credit": self.credit or image.credit,
            },
        )


@dataclass(frozen=True)
class EmbedNode:
    provider: str
    video_id: str
    title: str = ""

    def stored(self):
        title = format_html(' data-title="{}"', self.title) if self.title else ""
        return format_html(
            '<div data-embed="{}" data-id="{}"{}></div>', self.provider, self.video_id, title
        )

    @property
    def video_url(self):
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def embed_url(self):
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1"

    def in_words(self):
        title = f" “{self.title}”" if self.title else ""
        return format_html("<p>[Video {}{}]</p>", self.video_url, title)

    def rendered(self, images):
        return render_to_string(
            "includes/body_video.html",
            {
                "video_url": self.video_url,
                "embed_url": self.embed_url,
                "title": self.title or "Video",
            },
        )


def image_node(attributes, caption):
    image_id = attributes.get("data-image") or ""
    if not IMAGE_ID.fullmatch(image_id):
        return None
    return ImageNode(
        image_id=int(image_id),
        alt=_text(attributes.get("data-alt"), ALT_MAX_LENGTH),
        caption=_text(caption, CAPTION_MAX_LENGTH),
        credit=_text(attributes.get("data-credit"), CREDIT_MAX_LENGTH),
    )


def embed_node(attributes):
    provider = attributes.get("data-embed") or ""
    video_id = attributes.get("data-id") or ""
    pattern = VIDEO_IDS.get(provider)
    if pattern is None or not pattern.fullmatch(video_id):
        return None
    return EmbedNode(provider, video_id, _text(attributes.get("data-title"), TITLE_MAX_LENGTH))


class _Node:
    """A media element being read: its tag, how deep we are inside it, its caption text."""

    def __init__(self, tag, attributes):
        self.tag = tag
        self.attributes = attributes
        self.depth = 1
        self.in_caption = False
        self.caption = []

    def node(self):
        if self.tag == "figure":
            return image_node(self.attributes, html.unescape("".join(self.caption)))
        return embed_node(self.attributes)


class BodyReader(HTMLParser):
    """Splits clean HTML into pieces of markup and media nodes, passing the markup through as
    it is written. Only for text nh3 has already made well-formed."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.pieces = []
        self.current = None

    def handle_starttag(self, tag, attrs):
        if self.current is not None:
            if tag == self.current.tag:
                self.current.depth += 1
            elif tag == "figcaption":
                self.current.in_caption = True
            return
        attributes = {name: value or "" for name, value in attrs}
        if (tag == "figure" and "data-image" in attributes) or (
            tag == "div" and "data-embed" in attributes
        ):
            self.current = _Node(tag, attributes)
        elif tag != "div":  # any other div is unwrapped: only video nodes keep theirs
            self.pieces.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        if self.current is None:
            self.pieces.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.current is None:
            if tag != "div":
                self.pieces.append(f"</{tag}>")
            return
        if tag == "figcaption":
            self.current.in_caption = False
        elif tag == self.current.tag:
            self.current.depth -= 1
            if self.current.depth == 0:
                node = self.current.node()
                if node is not None:
                    self.pieces.append(node)
                self.current = None

    def handle_data(self, data):
        self.text(data)

    def handle_entityref(self, name):
        self.text(f"&{name};")

    def handle_charref(self, name):
        self.text(f"&#{name};")

    def text(self, raw):
        if self.current is None:
            self.pieces.append(raw)
        elif self.current.in_caption:
            self.current.caption.append(raw)


def read(markup):
    reader = BodyReader()
    reader.feed(markup)
    reader.close()
    if reader.current is not None:  # cut short: the node never closed
        node = reader.current.node()
        if node is not None:
            reader.pieces.append(node)
    return reader.pieces


def canonical(markup):
    """`markup` with its media nodes in their one stored shape, and bad ones gone."""
    if "<figure" not in markup and "<div" not in markup:
        return markup
    return "".join(piece if isinstance(piece, str) else piece.stored() for piece in read(markup))


def image_ids(markup):
    """The library pictures a stored body shows, by id."""
    if 'data-image="' not in markup:
        return set()
    return {piece.image_id for piece in read(markup) if isinstance(piece, ImageNode)}


def has_video(markup):
    return 'data-embed="' in markup


def in_words(markup):
    """`markup` with each media node as a line of words, for comparing versions."""
    return "".join(piece if isinstance(piece, str) else piece.in_words() for piece in read(markup))


def render(markup, *, images_in_bulk):
    """Stored body text as readers see it: media nodes built by the site's templates.

    All the body's pictures come from `images_in_bulk` (Image.objects.in_bulk) in one query,
    and none when it has none.
    """
    if 'data-image="' not in markup and 'data-embed="' not in markup:
        return markup
    pieces = read(markup)
    wanted = {piece.image_id for piece in pieces if isinstance(piece, ImageNode)}
    images = images_in_bulk(wanted) if wanted else {}
    return "".join(piece if isinstance(piece, str) else piece.rendered(images) for piece in pieces)
