"""What the front page shows, block by block, with no article twice.

The page is laid out from ids: the editors' featured pieces (or, with none, the newest piece),
then the newest of each section with a block. The teasers for the ids it shows come in one
more query (for_teasers()). The page's template keeps the rendered layout in the cache for
the current content generation, so this runs once after each change, not on every view.
"""

from dataclasses import dataclass, field

from django.db.models import F, Window
from django.db.models.functions import RowNumber
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
    """The ids of each section's newest public pieces, newest first, in one query: enough to
    fill its block after the top story and featured pieces have taken theirs."""
    room = Section.FRONT_PAGE_MAX + FEATURED_COUNT + 1
    rows = (
        public.filter(section__in=sections)
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=F("section"),
                order_by=[F("publish_at").desc(), F("pk").desc()],
            )
        )
        .filter(position__lte=room)
        .order_by("section", "position")
        .values_list("section", "pk")
    )
    newest = {}
    for section_id, pk in rows:
        newest.setdefault(section_id, []).append(pk)
    return newest


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
