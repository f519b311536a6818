"""What the front page shows, block by block, with no article twice.

The page is chosen in one query of ids (the editors' featured pieces, the newest piece, and
the newest of each section with a block), each part an index scan however large the
archive; the teasers for the chosen ids come in one more query and their bylines in a third.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import IntegerField, Value

from .models import Article, Section

FEATURED_COUNT = 4
FEATURED_SLOT = -1
NEWEST_SLOT = -2


@dataclass
class SectionBlock:
    section: Section
    articles: list


@dataclass
class FrontPage:
    top_story: Article | None = None
    featured: list = field(default_factory=list)
    blocks: list = field(default_factory=list)

    @property
    def articles(self):
        """Every article the page shows, for loading what their teasers need in one go."""
        shown = [self.top_story] if self.top_story else []
        shown += self.featured
        for block in self.blocks:
            shown += block.articles
        return shown


def _candidates(sections):
    """(slot, article id) pairs: featured in the editors' order, the newest, each section's."""
    public = Article.objects.published()

    def part(queryset, slot, limit):
        # A compound query may order its parts only by columns it selects.
        return queryset.annotate(slot=Value(slot, output_field=IntegerField())).values_list(
            "slot", "pk", "featured_order", "publish_at"
        )[:limit]

    parts = [
        part(
            public.filter(is_featured=True).order_by("featured_order", "-publish_at", "-pk"),
            FEATURED_SLOT,
            FEATURED_COUNT + 1,
        ),
        part(public.newest_first(), NEWEST_SLOT, 1),
    ]
    # Room for the pieces the featured strip and top story take from a section's block.
    parts += [
        part(
            public.filter(section=section).newest_first(),
            section.pk,
            section.front_page_count + FEATURED_COUNT + 1,
        )
        for section in sections
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        return list(parts[0].union(*parts[1:], all=True))
    return [pair for queryset in parts for pair in queryset]


def build_front_page() -> FrontPage:
    sections = list(Section.objects.filter(front_page_position__isnull=False))
    slots = {}
    for slot, pk, *_ in _candidates(sections):
        slots.setdefault(slot, []).append(pk)
    # A union keeps no order across its parts; each part's own order is restored below.
    wanted = {pk for ids in slots.values() for pk in ids}
    articles = {a.pk: a for a in Article.objects.filter(pk__in=wanted).for_teasers()}

    def ordered(ids, key):
        return sorted((articles[pk] for pk in ids if pk in articles), key=key)

    newest = ordered(slots.get(NEWEST_SLOT, []), key=_newest)
    featured = ordered(slots.get(FEATURED_SLOT, []), key=lambda a: (a.featured_order, _newest(a)))
    leading = featured or newest
    top_story = leading[0] if leading else None
    featured = featured[1:]
    shown = {a.pk for a in featured} | ({top_story.pk} if top_story else set())
    blocks = []
    for section in sections:
        teasers = [a for a in ordered(slots.get(section.pk, []), key=_newest) if a.pk not in shown]
        blocks.append(SectionBlock(section, teasers[: section.front_page_count]))
    return FrontPage(top_story=top_story, featured=featured, blocks=blocks)


def _newest(article):
    return (-article.publish_at.timestamp(), -article.pk)
