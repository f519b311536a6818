"""What the front page shows, block by block, with no article twice.

The page is laid out from ids alone: the editors' featured pieces (or, with none, the newest
piece) in one query, and the newest of each section with a block in another, each an index
scan however large the archive. The teasers for the ids it shows come in one more query
(for_teasers()). On PostgreSQL all three are prepared queries (articles/prepared.py), and the
teasers are light rows rather than model instances (articles/teasers.py): the page is
served more often than anything else, and compiling the queries and building instances
cost more than running the queries.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import F, OuterRef, Value
from django.utils import timezone

from articles.prepared import SAMPLE_TIMES, InArray, PreparedQuery

from .models import Article, Section
from .teasers import Teaser, TeaserImage, TeaserSection

FEATURED_COUNT = 4


@dataclass
class SectionBlock:
    section: Section
    articles: list


@dataclass
class FrontPage:
    top_story: Teaser | Article | None = None
    featured: list = field(default_factory=list)
    blocks: list = field(default_factory=list)


def build_front_page() -> FrontPage:
    at = timezone.now()
    featured, newest = _featured_and_newest(at)
    top_story = (featured or newest)[:1]
    featured = featured[1:]
    shown = set(top_story) | set(featured)
    blocks = [
        (section, [pk for pk in newest if pk not in shown][: section.front_page_count])
        for section, newest in _sections_with_newest(at)
    ]
    wanted = [*top_story, *featured, *(pk for _, ids in blocks for pk in ids)]
    articles = _teasers_by_pk(wanted)

    def teasers(ids):
        # A piece deleted between the two queries is left out rather than failing the page.
        return [articles[pk] for pk in ids if pk in articles]

    return FrontPage(
        top_story=next(iter(teasers(top_story)), None),
        featured=teasers(featured),
        blocks=[SectionBlock(section, teasers(ids)) for section, ids in blocks],
    )


def _featured_and_newest_parts(at):
    public = Article.objects.published(at)
    featured = public.filter(is_featured=True).order_by("featured_order", "-publish_at", "-pk")
    parts = [(featured, FEATURED_COUNT + 1), (public.newest_first(), 1)]
    # A compound query may order its parts only by columns it selects, and keeps no order
    # across them, so each row says which part it is from and the order is restored here.
    return [
        queryset.annotate(part=Value(number)).values_list(
            "part", "pk", "featured_order", "publish_at"
        )[:limit]
        for number, (queryset, limit) in enumerate(parts)
    ]


def _featured_and_newest_union(at):
    featured, newest = _featured_and_newest_parts(at)
    return featured.union(newest, all=True)


FEATURED_AND_NEWEST = PreparedQuery(_featured_and_newest_union, at=SAMPLE_TIMES)


def _featured_and_newest(at):
    """The ids of the featured pieces in the editors' order, and of the newest piece."""
    if connection.features.supports_slicing_ordering_in_compound:
        rows = FEATURED_AND_NEWEST.rows(at=at)
    else:
        featured, newest = _featured_and_newest_parts(at)
        rows = [*featured, *newest]
    rows.sort(key=lambda row: (row[0], row[2] if row[0] == 0 else 0, -row[3].timestamp(), -row[1]))
    return [pk for part, pk, *_ in rows if part == 0], [pk for part, pk, *_ in rows if part == 1]


ROOM = Section.FRONT_PAGE_MAX + FEATURED_COUNT + 1


def _sections_and_newest_ids(at):
    newest = (
        Article.objects.published(at)
        .filter(section=OuterRef("pk"))
        .newest_first()
        .values("pk")[:ROOM]
    )
    return Section.objects.filter(front_page_position__isnull=False).annotate(
        newest_ids=ArraySubquery(newest)
    )


SECTIONS_AND_NEWEST_IDS = PreparedQuery(_sections_and_newest_ids, at=SAMPLE_TIMES)


def _sections_with_newest(at):
    """The sections with a front-page block, each with the ids of its newest public pieces.

    Enough ids to fill the block after the top story and featured pieces have taken theirs.
    On PostgreSQL, one query: each section's ids come as an array from an index scan.
    """
    if connection.vendor == "postgresql":
        return [
            (section, section.newest_ids) for section in SECTIONS_AND_NEWEST_IDS.objects(at=at)
        ]
    public = Article.objects.published(at)
    sections = Section.objects.filter(front_page_position__isnull=False)
    return [
        (
            section,
            list(
                public.filter(section=section).newest_first().values_list("pk", flat=True)[:ROOM]
            ),
        )
        for section in sections
    ]


TEASER_COLUMNS = (
    *("id", "title", "slug", "standfirst", "publish_at", "video_url"),
    *("section__id", "section__name", "section__slug"),
    *("lead_image__id", "lead_image__file", "lead_image__width", "lead_image__height"),
    *("lead_image__alt_text", "lead_image__renditions"),
    *("comments_shown", "teaser_authors"),
)


def _teaser_rows(pks):
    return Article.objects.filter(InArray(F("pk"), pks)).for_teasers().values_list(*TEASER_COLUMNS)


# PostgreSQL cannot tell how many pieces an array of ids holds, so left to itself it planned
# this query again on every page, at a cost close to running it; the one plan suits any list.
TEASER_ROWS = PreparedQuery(_teaser_rows, plan_once=True, pks=([1, 2], [3, 4, 5]))


def _teasers_by_pk(pks):
    """The teasers of these articles by pk, as Teaser rows (articles/teasers.py).

    Elsewhere than PostgreSQL (SQLite before 3.44 cannot put the authors' names in one
    column in order), the Article instances for_teasers() makes, which print the same.
    """
    if connection.vendor != "postgresql":
        return Article.objects.filter(pk__in=pks).for_teasers().in_bulk()
    sections = {}
    teasers = {}
    for row in TEASER_ROWS.rows(pks=pks):
        pk, title, slug, standfirst, publish_at, video_url, *row = row
        section_id, section_name, section_slug, *row = row
        image_id, file, width, height, alt_text, renditions, comments, authors = row
        section = sections.get(section_id)
        if section is None:
            section = sections[section_id] = TeaserSection(section_id, section_name, section_slug)
        image = None
        if image_id is not None:
            image = TeaserImage(image_id, file, width, height, alt_text, renditions)
        teasers[pk] = Teaser(
            pk, title, slug, standfirst, publish_at, video_url, section, image, comments, authors
        )
    return teasers
