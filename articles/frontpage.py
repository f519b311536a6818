"""What the front page shows, block by block, with no article twice; and the same blocks
under every article page.

The page is laid out from ids: the editors' featured pieces (or, with none, the newest piece),
then the newest of each section with a block. The teasers for the ids it shows come in one
more query (for_teasers()). The page's template keeps the rendered layout in the cache for
the current content generation, so this runs once after each change, not on every view.

Under an article the blocks come from one list for every article page, kept in the cache for
the content generation, each block with a teaser to spare so that the article being read can
be left out (blocks_under()).
"""

from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from . import generation
from .models import Article, Section

FEATURED_COUNT = 4

# The blocks under an article, in the reference page's order (by section kind; "featured"
# is the editors' featured pieces), and how many teasers each shows there.
ARTICLE_PAGE_BLOCKS = (
    (Section.Kind.VIDEO, 4),
    ("featured", 4),
    (Section.Kind.INTERVIEWS, 2),
    (Section.Kind.FOCUS, 3),
    (Section.Kind.BLOG, 3),
)
# Beside the article on wide screens: the newest videos and blog posts, this many of each.
SIDEBAR_KINDS = (Section.Kind.VIDEO, Section.Kind.BLOG)
SIDEBAR_COUNT = 3


@dataclass
class Block:
    """A titled list of teasers with a link to more of the same."""

    slug: str
    kind: str
    heading: str
    more_text: str
    more_url: str
    articles: list

    def without(self, article, count):
        """This block with at most `count` teasers, the given article left out."""
        kept = [teaser for teaser in self.articles if teaser.pk != article.pk]
        return replace(self, articles=kept[:count])


def section_block(section, articles):
    """A section's block, its heading and "more" link worded as readers of the site expect."""
    name = section.name
    more_text = {
        Section.Kind.NEWS: "More news",
        Section.Kind.VIDEO: "More videos",
        Section.Kind.INTERVIEWS: f"More {name} articles",
        Section.Kind.BLOG: f"Read more blog posts from {name}",
        Section.Kind.COLUMNS: "More columns",
    }.get(section.kind, f"More from {name}")
    return Block(
        slug=section.slug,
        kind=section.kind,
        heading="Latest news" if section.kind == Section.Kind.NEWS else name,
        more_text=more_text,
        more_url=section.get_absolute_url(),
        articles=articles,
    )


def featured_block(articles):
    return Block(
        slug="featured",
        kind="featured",
        heading="Featured articles",
        more_text="View all news",
        more_url=reverse("articles:news"),
        articles=articles,
    )


@dataclass
class FrontPage:
    top_story: Article | None = None
    featured: list = field(default_factory=list)
    blocks: list = field(default_factory=list)

    def teasers(self):
        """Every article the page shows, once each."""
        top = [self.top_story] if self.top_story else []
        return [*top, *self.featured, *(a for block in self.blocks for a in block.articles)]

    def featured_block(self):
        return featured_block(self.featured)


def _newest_by_section(public, sections, room):
    """The ids of each section's newest public pieces, newest first, `room` of them.

    A query per section, each a short walk down the section's index. (One query ranking
    every piece by section costs more once the archive holds thousands.)
    """
    return {
        section.pk: list(
            public.filter(section=section).newest_first().values_list("pk", flat=True)[:room]
        )
        for section in sections
    }


def _featured_ids(public, count):
    return list(
        public.filter(is_featured=True)
        .order_by("featured_order", "-publish_at", "-pk")
        .values_list("pk", flat=True)[:count]
    )


def _teasers(ids):
    """Teasers for these ids, by id; a piece deleted meanwhile is simply absent."""
    articles = Article.objects.filter(pk__in=ids).for_teasers().in_bulk()

    def in_order(wanted):
        return [articles[pk] for pk in wanted if pk in articles]

    return in_order


def build_front_page() -> FrontPage:
    public = Article.objects.published(timezone.now())
    featured = _featured_ids(public, FEATURED_COUNT + 1)
    newest = list(public.newest_first().values_list("pk", flat=True)[:1])
    top_story, featured = (featured or newest)[:1], featured[1:]
    shown = {*top_story, *featured}
    sections = list(Section.objects.filter(front_page_position__isnull=False))
    room = Section.FRONT_PAGE_MAX + FEATURED_COUNT + 1
    newest = _newest_by_section(public, sections, room)
    blocks = []
    for section in sections:
        ids = [pk for pk in newest.get(section.pk, []) if pk not in shown]
        blocks.append((section, ids[: section.front_page_count]))
    teasers = _teasers([*top_story, *featured, *(pk for _, ids in blocks for pk in ids)])
    return FrontPage(
        top_story=next(iter(teasers(top_story)), None),
        featured=teasers(featured),
        blocks=[section_block(section, teasers(ids)) for section, ids in blocks],
    )


def build_article_page_blocks():
    """The blocks under every article, each with one teaser more than it shows, so that
    the article being read can be left out while one list serves every article page."""
    public = Article.objects.published(timezone.now())
    wanted = dict(ARTICLE_PAGE_BLOCKS)
    sections = {}
    for section in Section.objects.filter(kind__in=list(wanted)).order_by("pk"):
        sections.setdefault(section.kind, section)  # the first section of each kind
    featured = _featured_ids(public, wanted["featured"] + 1)
    room = max(wanted.values()) + 1
    by_pk = _newest_by_section(public, sections.values(), room)
    newest = {kind: by_pk[section.pk] for kind, section in sections.items()}
    teasers = _teasers([*featured, *(pk for ids in newest.values() for pk in ids)])
    blocks = []
    for kind, count in ARTICLE_PAGE_BLOCKS:
        if kind == "featured":
            blocks.append(featured_block(teasers(featured)))
        elif kind in sections:
            ids = newest[kind][: count + 1]
            blocks.append(section_block(sections[kind], teasers(ids)))
    return blocks


def article_page_blocks():
    """The blocks under articles, kept in the cache for the content generation."""
    return cache.get_or_set(
        generation.key("article-page-blocks"),
        build_article_page_blocks,
        settings.FRAGMENT_CACHE_SECONDS,
    )


@dataclass
class BlocksUnderArticle:
    """The blocks under one article, and what their rendering depends on besides the
    content generation: which article was left out, or 0 when none of them lists it (as for
    most articles, which then share one cached rendering)."""

    blocks: list
    left_out: int

    def teasers(self):
        return [teaser for block in self.blocks for teaser in block.articles]

    def beside(self):
        """The shorter blocks for the sidebar beside the article on wide screens."""
        return [
            replace(block, articles=block.articles[:SIDEBAR_COUNT])
            for block in self.blocks
            if block.kind in SIDEBAR_KINDS and block.articles
        ]


def blocks_under(article):
    """The blocks under this article, each its usual length without the article itself."""
    counts = dict(ARTICLE_PAGE_BLOCKS)
    candidates = article_page_blocks()
    listed = any(teaser.pk == article.pk for block in candidates for teaser in block.articles)
    return BlocksUnderArticle(
        blocks=[block.without(article, counts[block.kind]) for block in candidates],
        left_out=article.pk if listed else 0,
    )
