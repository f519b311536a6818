"""What the front page shows, block by block, with no article twice."""

from dataclasses import dataclass, field

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from .models import Article, Section

FEATURED_COUNT = 4
MOST_TEASERS_PER_BLOCK = 12


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


def build_front_page() -> FrontPage:
    public = Article.objects.published().for_teasers()
    # Featured pieces in the editors' order, then the newest: one query finds the top story
    # (the first) and the featured strip (the featured among the rest).
    leading = list(
        public.order_by("-is_featured", "featured_order", "-publish_at", "-pk")[
            : FEATURED_COUNT + 1
        ]
    )
    top_story = leading[0] if leading else None
    featured = [article for article in leading[1:] if article.is_featured]
    shown = [article.pk for article in leading[: len(featured) + 1]]

    sections = list(Section.objects.filter(front_page_position__isnull=False))
    by_section = {section.pk: SectionBlock(section, []) for section in sections}
    ranked = (
        public.filter(section__in=sections)
        .exclude(pk__in=shown)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("section_id"),
                order_by=[F("publish_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=MOST_TEASERS_PER_BLOCK)
        .order_by("section_id", "rank")
    )
    for article in ranked:
        block = by_section[article.section_id]
        if len(block.articles) < block.section.front_page_count:
            block.articles.append(article)
    return FrontPage(top_story=top_story, featured=featured, blocks=list(by_section.values()))
