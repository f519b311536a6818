"""What the front page shows, block by block, with no article twice.

The page is laid out from ids: the editors' featured pieces (or, with none, the newest piece),
then the newest of each section with a block. The teasers for the ids it shows come in one
more query (for_teasers()). The page's template keeps the rendered layout in the cache for
the current content generation, so this runs once after each change, not on every view.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from .models import Article, Section

FEATURED_COUNT = 4


@dataclass
class SectionBlock:
    section: Section
    articles: list


@dataclass
class FrontPage:
    top_story: Article | None = None
    featured: list = field(default_factory=list)
    blocks: list = field(default_factory=list)

    def teasers(self):
        """Every article the page shows, once each."""
        top = [self.top_story] if self.top_story else []
        return [*top, *self.featured, *(a for block in self.blocks for a in block.articles)]


def _newest_by_section(public, sections):
    """The ids of each section's newest public pieces, newest first: enough to fill its
    block after the top story and featured pieces have taken theirs.

    A query per section with a block, each a short walk down the section's index. (One
    query ranking every piece by section costs more once the archive holds thousands.)
    """
    room = Section.FRONT_PAGE_MAX + FEATURED_COUNT + 1
    return {
        section.pk: list(
            public.filter(section=section).newest_first().values_list("pk", flat=True)[:room]
        )
        for section in sections
    }


def build_front_page() -> FrontPage:
    public = Article.objects.published(timezone.now())
    featured = list(
        public.filter(is_featured=True)
        .order_by("featured_order", "-publish_at", "-pk")
        .values_list("pk", flat=True)[: FEATURED_COUNT + 1]
    )
    newest = list(public.newest_first().values_list("pk", flat=True)[:1])
    top_story, featured = (featured or newest)[:1], featured[1:]
    shown = {*top_story, *featured}
    sections = list(Section.objects.filter(front_page_position__isnull=False))
    newest = _newest_by_section(public, sections)
    blocks = []
    for section in sections:
        ids = [pk for pk in newest.get(section.pk, []) if pk not in shown]
        blocks.append((section, ids[: section.front_page_count]))
    wanted = [*top_story, *featured, *(pk for _, ids in blocks for pk in ids)]
    articles = Article.objects.filter(pk__in=wanted).for_teasers().in_bulk()

    def teasers(ids):
        # A piece deleted between the queries is left out rather than failing the page.
        return [articles[pk] for pk in ids if pk in articles]

    return FrontPage(
        top_story=next(iter(teasers(top_story)), None),
        featured=teasers(featured),
        blocks=[SectionBlock(section, teasers(ids)) for section, ids in blocks],
    )
