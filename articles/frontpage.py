"""What the front page shows, block by block, with no article twice.

The page is laid out from ids alone: the editors' featured pieces (or, with none, the newest
piece) in one query, and the newest of each section with a block in another, each an index
scan however large the archive. The teasers for the ids it shows come in one more query
(for_teasers()).
"""

from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef, Value

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


def build_front_page() -> FrontPage:
    public = Article.objects.published()
    featured, newest = _featured_and_newest(public)
    top_story = (featured or newest)[:1]
    featured = featured[1:]
    shown = set(top_story) | set(featured)
    blocks = [
        (section, [pk for pk in newest if pk not in shown][: section.front_page_count])
        for section, newest in _sections_with_newest(public)
    ]
    wanted = [*top_story, *featured, *(pk for _, ids in blocks for pk in ids)]
    articles = Article.objects.filter(pk__in=wanted).for_teasers().in_bulk()

    def teasers(ids):
        # A piece deleted between the two queries is left out rather than failing the page.
        return [articles[pk] for pk in ids if pk in articles]

    return FrontPage(
        top_story=next(iter(teasers(top_story)), None),
        featured=teasers(featured),
        blocks=[SectionBlock(section, teasers(ids)) for section, ids in blocks],
    )


def _featured_and_newest(public):
    """The ids of the featured pieces in the editors' order, and of the newest piece."""
    featured = public.filter(is_featured=True).order_by("featured_order", "-publish_at", "-pk")
    parts = [(featured, FEATURED_COUNT + 1), (public.newest_first(), 1)]
    # A compound query may order its parts only by columns it selects, and keeps no order
    # across them, so each row says which part it is from and the order is restored here.
    parts = [
        queryset.annotate(part=Value(number)).values_list(
            "part", "pk", "featured_order", "publish_at"
        )[:limit]
        for number, (queryset, limit) in enumerate(parts)
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        rows = list(parts[0].union(parts[1], all=True))
    else:
        rows = [*parts[0], *parts[1]]
    rows.sort(key=lambda row: (row[0], row[2] if row[0] == 0 else 0, -row[3].timestamp(), -row[1]))
    return [pk for part, pk, *_ in rows if part == 0], [pk for part, pk, *_ in rows if part == 1]


def _sections_with_newest(public):
    """The sections with a front-page block, each with the ids of its newest public pieces.

    Enough ids to fill the block after the top story and featured pieces have taken theirs.
    On PostgreSQL, one query: each section's ids come as an array from an index scan.
    """
    sections = Section.objects.filter(front_page_position__isnull=False)
    room = Section.FRONT_PAGE_MAX + FEATURED_COUNT + 1
    if connection.vendor == "postgresql":
        newest = public.filter(section=OuterRef("pk")).newest_first().values("pk")[:room]
        return [
            (section, section.newest_ids)
            for section in sections.annotate(newest_ids=ArraySubquery(newest))
        ]
    return [
        (
            section,
            list(
                public.filter(section=section).newest_first().values_list("pk", flat=True)[:room]
            ),
        )
        for section in sections
    ]
