"""Teasers as the front page builds them: plain rows rather than model instances.

The front page shows some thirty teasers on every uncached view. Making an Article, a
Section and an Image instance for each (with the model's signals and its image field's
dimension check) cost more than printing them, so the page's prepared teaser query
(articles/frontpage.py) fills these instead. They answer to the same names as the Article,
Section and Image instances for_teasers() makes, so the teaser tag and the templates take
either; tests/articles/test_front_page_curation.py checks that the page prints the same both
ways.
"""

from dataclasses import dataclass
from datetime import datetime

from articles.addresses import address

from .models import AUTHOR_NAME_SEPARATOR, Renditions, media_url


@dataclass(slots=True, frozen=True)
class TeaserSection:
    pk: int
    name: str
    slug: str

    def get_absolute_url(self):
        return address("articles:section", section=self.slug)


@dataclass(slots=True, frozen=True)
class TeaserImage(Renditions):
    pk: int
    file: str
    width: int
    height: int
    alt_text: str
    renditions: dict

    def file_url(self):
        return media_url(self.file)


@dataclass(slots=True)
class Teaser:
    pk: int
    title: str
    slug: str
    standfirst: str
    publish_at: datetime
    video_url: str
    section: TeaserSection
    lead_image: TeaserImage | None
    comments_shown: int
    teaser_authors: str

    @property
    def lead_image_id(self):
        return self.lead_image.pk if self.lead_image else None

    def get_absolute_url(self):
        return address("articles:article", section=self.section.slug, slug=self.slug)

    def author_names(self):
        return self.teaser_authors.split(AUTHOR_NAME_SEPARATOR) if self.teaser_authors else []
