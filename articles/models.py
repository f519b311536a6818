import functools
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import parse_qs, urlparse

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.contrib.redirects.models import Redirect
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import IntegrityError, connections, models, transaction
from django.db.models import F, OuterRef, Prefetch, Q, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from . import body_media, images, media_files
from .fields import SafeImageField
from .sanitise import clean_answer_html, clean_html, stored_html

# What a teaser prints, and so all that list pages fetch of an article (for_teasers()).
TEASER_FIELDS = (
    "title",
    "slug",
    "standfirst",
    "publish_at",
    "video_url",
    "section__name",
    "section__slug",
    "lead_image__file",
    "lead_image__width",
    "lead_image__height",
    "lead_image__alt_text",
    "lead_image__renditions",
)
# Joins authors' names in one column: a control character, which Author.name may not hold.
AUTHOR_NAME_SEPARATOR = "\x1f"
SLUG_CONSTRAINT = "articles_article_slug_key"
SEARCH_CONFIG = "english"


def image_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def media_url(name):
    """The public address of a stored file; asked of the storage once per process and name.

    A page shows dozens of pictures, four addresses each, and building an address costs more
    than the rest of the picture. Signed addresses (S3 with querystring_auth) expire, so
    they are never remembered.
    """
    if _storage_signs_urls():
        return default_storage.url(name)
    return _remembered_media_url(name)


@functools.cache
def _storage_signs_urls():
    return bool(getattr(default_storage, "querystring_auth", False))


@functools.lru_cache(maxsize=20_000)
def _remembered_media_url(name):
    return default_storage.url(name)


@receiver(setting_changed)
def _forget_media_urls(*, setting, **kwargs):
    if setting in {"MEDIA_URL", "STORAGES"}:
        _storage_signs_urls.cache_clear()
        _remembered_media_url.cache_clear()


class Renditions:
    """The ready-made sizes of a picture, from its `renditions`, `width`, `height` and
    file_url(): shared by Image and the lighter TeaserImage (articles/teasers.py)."""

    def rendition(self, name):
        """The named size as a dict with url, width and height."""
        data = self.renditions.get(name)
        if not data:
            return {"url": self.file_url(), "width": self.width, "height": self.height}
        return {"url": media_url(data["name"]), "width": data["width"], "height": data["height"]}

    def srcset(self):
        by_width = {}
        for name in ("teaser", "medium", "lead"):
            rendition = self.rendition(name)
            by_width.setdefault(rendition["width"], rendition["url"])
        return ", ".join(f"{url} {width}w" for width, url in by_width.items())


class ImageQuerySet(models.QuerySet):
    def with_use_count(self):
        """Each image with `use_count`: how many things use it (IMAGE_USES), in this query."""
        counts = [
            Coalesce(
                Subquery(
                    use.model.objects.filter(**{use.lookup: OuterRef("pk")})
                    .order_by()
                    .values(use.lookup)
                    .annotate(count=models.Count("pk"))
                    .values("count")[:1]
                ),
                0,
            )
            for use in IMAGE_USES
        ]
        total = functools.reduce(lambda left, right: left + right, counts, Value(0))
        return self.annotate(use_count=total)

    def used(self):
        return self.with_use_count().filter(use_count__gt=0)

    def unused(self):
        return self.with_use_count().filter(use_count=0)

    def landscape(self):
        return self.filter(width__gt=F("height"))

    def portrait(self):
        return self.filter(height__gt=F("width"))

    def square(self):
        return self.filter(width=F("height"))


FOCAL_RANGE = [MinValueValidator(0.0), MaxValueValidator(1.0)]
FOCAL_HELP = "From 0 (left/top) to 1 (right/bottom); crops keep this point in view."


class Image(Renditions, models.Model):
    """A picture with the words that must travel with it, and its ready-made sizes."""

    file = SafeImageField(upload_to=image_upload_to, width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        max_length=250,
        help_text="What the picture shows, for readers who cannot see it. Required.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=200, blank=True, help_text="Photographer or agency.")
    focal_x = models.FloatField(
        "focal point across", default=0.5, validators=FOCAL_RANGE, help_text=FOCAL_HELP
    )
    focal_y = models.FloatField(
        "focal point down", default=0.5, validators=FOCAL_RANGE, help_text=FOCAL_HELP
    )
    renditions = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField("upload date", auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_inside",
                violation_error_message="The focal point must lie inside the picture.",
            )
        ]

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        """Save, making the ready-made sizes afresh whenever the picture or its focal point
        changes; files it no longer needs are deleted once the change has committed."""
        stored_name = getattr(self, "stored_file_name", None)
        new_picture = bool(self.file) and self.file.name != stored_name
        stored_focus = getattr(self, "stored_focal_point", None)
        moved_focus = stored_focus is not None and self.focal_point() != stored_focus
        remake = bool(self.file) and (new_picture or (self.pk and moved_focus))
        outdated = list(self.rendition_names()) if remake and self.pk else []
        if new_picture and stored_name:
            outdated.append(stored_name)
        with transaction.atomic():
            super().save(*args, **kwargs)  # stores an uploaded file, under its final name
            if remake:
                # New renditions live under new names, so no cache can serve an old crop.
                self.renditions = self.make_renditions()
                Image.objects.filter(pk=self.pk).update(renditions=self.renditions)
            if outdated:
                media_files.delete_after_commit(outdated)
        self.stored_file_name = self.file.name
        self.stored_focal_point = self.focal_point()

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        image = super().from_db(db, field_names, values, **kwargs)
        image.stored_file_name = image.file.name if "file" in field_names else None
        loaded = {"focal_x", "focal_y"} <= set(field_names)
        image.stored_focal_point = image.focal_point() if loaded else None
        return image

    def delete(self, *args, **kwargs):
        """Delete, and the picture's files with it once the deletion has committed."""
        names = [self.file.name, *self.rendition_names()] if self.file else self.rendition_names()
        with transaction.atomic():
            deleted = super().delete(*args, **kwargs)
            media_files.delete_after_commit(names)
        return deleted

    def focal_point(self):
        return (self.focal_x, self.focal_y)

    def rendition_names(self):
        return [data["name"] for data in (self.renditions or {}).values() if data.get("name")]

    def make_renditions(self):
        source = images.open_stored(self.file)
        folder = f"renditions/{uuid.uuid4().hex}"
        made = {}
        for spec in images.RENDITIONS:
            content, width, height = images.make_rendition(
                source, spec, focal_point=self.focal_point()
            )
            name = default_storage.save(f"{folder}/{content.name}", content)
            made[spec.name] = {
                "name": name,
                "width": width,
                "height": height,
                "bytes": content.size,
            }
        return made

    def usage(self):
        """Where this image is used: (what the use is, the things using it) for each kind of
        use in IMAGE_USES, leaving out kinds with none."""
        found = []
        for use in IMAGE_USES:
            things = list(use.model.objects.filter(**{use.lookup: self.pk}))
            if things:
                found.append((use.label, things))
        return found

    def file_url(self):
        return self.file.url

    def rendition_bytes(self, name):
        """The stored size of a rendition in bytes, as feeds' enclosures must state it."""
        data = self.renditions.get(name)
        if not data:
            return self.file.size
        # Renditions made before sizes were recorded: ask the storage.
        return data.get("bytes") or default_storage.size(data["name"])


class Section(models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", "News"
        FEATURES = "features", "Features"
        INTERVIEWS = "interviews", "Interview series"
        BLOG = "blog", "Blog"
        VIDEO = "video", "Video"
        FOCUS = "focus", "Focus"
        COLUMNS = "columns", "Columns"

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.NEWS)
    FRONT_PAGE_MAX = 12

    front_page_position = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Order of this section's block on the front page; empty hides it there.",
    )
    front_page_count = models.PositiveSmallIntegerField(
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(FRONT_PAGE_MAX)],
        help_text="How many teasers the front page block shows.",
    )

    class Meta:
        ordering = [F("front_page_position").asc(nulls_last=True), "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"section": self.slug})

    @classmethod
    def navigation(cls):
        """Sections for the site navigation (held between changes by nhe/context_processors.py)."""
        return [
            {"name": name, "url": reverse("articles:section", args=[slug]), "kind": kind}
            for name, slug, kind in cls.objects.values_list("name", "slug", "kind")
        ]


def validate_links(value):
    check = URLValidator(schemes=["http", "https"])
    for line in value.splitlines():
        if line.strip():
            check(line.strip())


class AuthorQuerySet(models.QuerySet):
    def columnists(self):
        """Columnists with at least one public piece, most recently published first."""
        public = Article.objects.published()
        return (
            self.filter(is_columnist=True, bylines__article__in=public)
            .select_related("headshot")
            .annotate(latest=models.Max("bylines__article__publish_at"))
            .order_by("-latest", "name")
        )

    def for_writer(self, user):
        """The byline a staff member writes under: linked to their account, made from their
        name the first time they need one."""
        author = self.filter(user=user).first()
        if author is None:
            name = user.get_full_name().strip() or user.get_username()
            author = self.create(user=user, name=name, slug=Author.free_slug(name))
        return author


no_control_characters = RegexValidator(
    r"[\x00-\x1f\x7f]", inverse_match=True, message="Use letters, spaces and punctuation only."
)


class Author(models.Model):
    name = models.CharField(max_length=150, validators=[no_control_characters])
    slug = models.SlugField(max_length=150, unique=True)
    role_line = models.CharField(
        max_length=250,
        blank=True,
        help_text="Shown under the byline, e.g. “senior consultant at The King’s Fund”.",
    )
    organisation = models.CharField(max_length=200, blank=True)
    bio = models.TextField(blank=True)
    headshot = models.ForeignKey(Image, null=True, blank=True, on_delete=models.SET_NULL)
    links = models.TextField(
        blank=True, validators=[validate_links], help_text="One web address per line."
    )
    is_columnist = models.BooleanField(default=False)
    declarations = models.TextField(
        blank=True,
        help_text="Declarations of interest, shown beside the byline on every piece.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        verbose_name="staff account",
        help_text="The newsroom account that writes under this byline; it becomes the "
        "default byline on their new pieces.",
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    @classmethod
    def free_slug(cls, name):
        base = slugify(name)[:140] or "author"
        slug, n = base, 2
        while cls.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]


def as_links(articles):
    """No more of each article than a list of links shows: title, address, date, section."""
    return articles.select_related("section").only(
        "title", "slug", "publish_at", "section__slug", "section__name"
    )


def in_topic_order(tags):
    return sorted(tags, key=lambda tag: (tag.name.casefold(), tag.name))


class ArticleQuerySet(models.QuerySet):
    def published(self, at=None):
        """The visibility rule: published, the publish time has come and no embargo holds."""
        at = at or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=at).filter(
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=at)
        )

    def embargoed(self, at=None):
        """Pieces held back by an embargo that has not lifted yet, whatever their status."""
        return self.filter(embargo_until__gt=at or timezone.now())

    def scheduled(self, at=None):
        """Published pieces waiting for their publish time, embargoed ones aside."""
        at = at or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=at).exclude(
            embargo_until__gt=at
        )

    def in_review(self):
        return self.filter(status=Article.Status.REVIEW)

    def unpublished_by(self, user):
        """Pieces this person started that have not gone out."""
        return self.filter(created_by=user).exclude(status=Article.Status.PUBLISHED)

    def hand_over(self, leaver, successor):
        """Give a leaver's unpublished pieces and assignments to a colleague; bylines stay.

        Each piece is saved as a revision saying so, which moves its version on: an edit
        opened before the hand-over conflicts instead of quietly giving the work back.
        Returns how many pieces and assignments moved.
        """
        pieces = assignments = 0
        handed = self.unpublished_by(leaver) | self.filter(assignee=leaver)
        for article in handed.distinct():
            if article.created_by_id == leaver.pk and article.status != Article.Status.PUBLISHED:
                article.created_by = successor
                pieces += 1
            if article.assignee_id == leaver.pk:
                article.assignee = successor
                assignments += 1
            article._change_reason = (
                f"Handed over from {display_name(leaver)} to {display_name(successor)}"
            )
            article.save()
        return pieces, assignments

    def drafts(self):
        return self.filter(status=Article.Status.DRAFT)

    def in_progress(self):
        """Drafts and pieces in review: everything not yet published."""
        return self.exclude(status=Article.Status.PUBLISHED)

    def on_desk_of(self, user):
        """The pieces this person may see in the admin: every piece for those who may
        publish; for writers, the pieces they started or have been handed."""
        if user.has_perm("articles.publish_article"):
            return self
        return self.belonging_to(user)

    def belonging_to(self, user):
        """Pieces this person started or has the next step on."""
        return self.filter(Q(created_by=user) | Q(assignee=user))

    def coming_up(self, start, end):
        """Published pieces that go public between start and end, by scheduling or embargo."""
        goes_public = models.functions.Greatest(
            "publish_at", models.functions.Coalesce("embargo_until", "publish_at")
        )
        return (
            self.filter(status=Article.Status.PUBLISHED)
            .annotate(public_from=goes_public)
            .filter(public_from__gt=start, public_from__lt=end)
            .order_by("public_from", "pk")
        )

    def on_calendar(self, start, end, *, now=None):
        """What the planning calendar shows from start to end: unpublished pieces on their
        planned date, published ones not yet public on the moment readers first see them."""
        now = now or timezone.now()
        goes_public = models.functions.Greatest(
            "publish_at", models.functions.Coalesce("embargo_until", "publish_at")
        )
        return (
            self.annotate(
                calendar_at=models.Case(
                    models.When(status=Article.Status.PUBLISHED, then=goes_public),
                    default=F("planned_for"),
                )
            )
            .filter(calendar_at__gte=start, calendar_at__lt=end)
            .exclude(status=Article.Status.PUBLISHED, calendar_at__lte=now)
            .order_by("calendar_at", "pk")
        )

    def next_public_change(self, at=None):
        """When the next scheduled or embargoed piece goes public by itself, or None."""
        at = at or timezone.now()
        return (
            self.coming_up(at, datetime.max.replace(tzinfo=UTC))
            .values_list("public_from", flat=True)
            .first()
        )

    def for_teasers(self):
        """What a list of teasers shows, in one query whatever the length.

        Only the columns a teaser prints are fetched, and the authors' names come in one
        column (`teaser_authors`). Comment counts are the comments app's to add
        (its `attach_comment_counts` template tag).
        """
        teasers = self.select_related("section", "lead_image").only(*TEASER_FIELDS)
        if not connections[self.db].features.supports_aggregate_order_by_clause:
            # SQLite before 3.44 cannot keep the byline order in one column.
            return teasers.prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("author"))
            )
        return teasers.annotate(teaser_authors=teaser_author_names())

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def published_on_or_after(self, day):
        """Pieces published on or after this day, as readers in London count days."""
        return self.filter(publish_at__gte=_start_of(day))

    def published_on_or_before(self, day):
        if day >= date.max:
            return self
        return self.filter(publish_at__lt=_start_of(day + timedelta(days=1)))

    def refresh_search_vector(self):
        """Recompute the stored search vector of these articles in one UPDATE.

        The vector spans bylines, tags and Q&A turns, which live in other tables, so it is
        refreshed whenever any of them changes (see articles/signals.py) and after bulk
        inserts. SQLite has no full-text search; search there falls back to word matching.
        """
        if connections[self.db].vendor != "postgresql":
            return 0
        return self.update(search_vector=search_document())


def teaser_author_names():
    """The byline's names in order, joined in one column, as a subquery of an article."""
    names = (
        Byline.objects.filter(article=OuterRef("pk"))
        .values("article")
        .annotate(
            names=StringAgg("author__name", Value(AUTHOR_NAME_SEPARATOR), order_by="position")
        )
        .values("names")
    )
    return Coalesce(Subquery(names), Value(""), output_field=TextField())


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def search_document():
    """What search matches on: title above standfirst, tags and bylines above the body."""
    article = OuterRef("pk")
    tags = (
        TaggedItem.objects.filter(
            content_type__app_label="articles", content_type__model="article", object_id=article
        )
        .values("object_id")
        .annotate(names=StringAgg("tag__name", Value(" ")))
        .values("names")
    )
    bylines = (
        Byline.objects.filter(article=article)
        .values("article")
        .annotate(names=StringAgg("author__name", Value(" ")))
        .values("names")
    )
    turns = (
        InterviewQuestion.objects.filter(article=article)
        .values("article")
        .annotate(
            text=StringAgg(
                Concat("question", Value(" "), "answer", output_field=TextField()), Value(" ")
            )
        )
        .values("text")
    )
    # to_tsvector's parser skips HTML tags and entities, so stored HTML can go in as it is.
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector(
            "standfirst", Subquery(tags), Subquery(bylines), weight="B", config=SEARCH_CONFIG
        )
        + SearchVector("body", Subquery(turns), weight="C", config=SEARCH_CONFIG)
    )


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # The search vector is large and only the database reads it: never fetch it.
        return super().get_queryset().defer("search_vector")


class RelatedChangesRecord(models.Model):
    """What a revision changed beside the article's own fields: bylines, topics,
    corrections, share links and related reading, one "Label: what happened" a line."""

    related_changes = models.TextField(blank=True, default="")

    class Meta:
        abstract = True

    def related_change_lines(self):
        return [line for line in self.related_changes.splitlines() if line.strip()]


class EditConflict(Exception):
    """Someone else saved the article since this copy was loaded."""


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "Ready for review"
        PUBLISHED = "published", "Published"

    class State(models.TextChoices):
        """What readers can see right now, derived from status, publish time and embargo."""

        LIVE = "live", "Live"
        SCHEDULED = "scheduled", "Scheduled"
        EMBARGOED = "embargoed", "Embargoed"
        REVIEW = "review", "In review"
        DRAFT = "draft", "Draft"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    standfirst = models.TextField(
        max_length=600, help_text="The teaser: one or two sentences under the headline."
    )
    body = models.TextField(blank=True)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    tags = TaggableManager(blank=True)
    lead_image = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    video_url = models.URLField(
        blank=True, help_text="A YouTube or Vimeo address; shown instead of the lead image."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        default=timezone.now,
        help_text=(
            "A future time schedules the article; it goes live by itself. A time that has "
            "passed becomes the moment of publishing, unless you back-date."
        ),
    )
    backdate = models.BooleanField(
        "back-date",
        default=False,
        help_text=(
            "Publish with the earlier time above, e.g. to file a piece under the day it "
            "appeared in print. It is then listed below newer pieces, and feeds and news "
            "sitemaps carry that time."
        ),
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text=(
            "Agreed with a source: the article stays out of every page, list, feed, sitemap "
            "and search until this time, whatever its publish time says."
        ),
    )
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text="Shown to readers as “Updated” after a real change."
    )
    modified_at = models.DateTimeField(auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)
    planned_for = models.DateTimeField(
        "planned for",
        null=True,
        blank=True,
        help_text="When the desk means to publish this draft.",
    )
    is_featured = models.BooleanField("featured", default=False)
    featured_order = models.PositiveSmallIntegerField(
        "front page order",
        default=0,
        help_text="The lowest number is the top story; the rest follow in the featured strip.",
    )
    interviewee_name = models.CharField(
        "interviewee",
        max_length=120,
        blank=True,
        help_text="For Q&A pieces: who answers, as readers see it (“Dr Amara Okafor”).",
    )
    interviewee_role = models.CharField(
        "interviewee’s role",
        max_length=200,
        blank=True,
        help_text="Their role line, e.g. “chief executive of Northfield NHS Trust”.",
    )
    seo_title = models.CharField("SEO title", max_length=70, blank=True)
    seo_description = models.CharField("SEO description", max_length=160, blank=True)
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="related_from"
    )
    # Kept by save() from the pictures in the body, so the media library counts those uses.
    body_images = models.ManyToManyField(
        Image, blank=True, editable=False, related_name="in_bodies_of"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_articles",
        verbose_name="assigned to",
        help_text="Who has the next step on this piece.",
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="The editor who scheduled the piece; told when it goes live.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one on every save; guards edits."
    )

    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleManager()
    history = HistoricalRecords(
        excluded_fields=["modified_at", "search_vector"], bases=[RelatedChangesRecord]
    )

    class Meta:
        ordering = ["-publish_at", "-pk"]
        permissions = [
            ("publish_article", "Can publish, schedule, embargo and unpublish articles"),
            ("feature_article", "Can curate the front page"),
            ("share_article", "Can make share links to unpublished articles"),
        ]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_listing_idx"),
            # With the embargo, so that a section's "page N of M" counts off the index alone.
            models.Index(
                fields=["section", "status", "-publish_at"],
                include=["embargo_until"],
                name="article_section_idx",
            ),
            models.Index(
                fields=["featured_order", "-publish_at"],
                condition=Q(is_featured=True),
                name="article_featured_idx",
            ),
            GinIndex(fields=["search_vector"], name="article_search_idx"),
            # The newest public pieces by time, read off the index alone with what decides
            # whether each is public: the front page's sections and the pool of related
            # reading walk hundreds of them on every page.
            models.Index(
                fields=["publish_at"],
                include=["id", "section", "status", "embargo_until"],
                name="article_public_time_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        old_path = self._public_path_before_save()
        with transaction.atomic():
            if self.pk and not self._state.adding:
                self._take_next_version()
            self._save_with_free_slug(*args, **kwargs)
            if old_path:
                self._redirect(old_path)
            Article.objects.filter(pk=self.pk).refresh_search_vector()
            self.body_images.set(Image.objects.filter(pk__in=body_media.image_ids(self.body)))
        self._loaded = {
            "slug": self.slug,
            "section_id": self.section_id,
            "status": self.status,
            "publish_at": self.publish_at,
            "embargo_until": self.embargo_until,
        }

    def get_absolute_url(self):
        return reverse(
            "articles:article", kwargs={"section": self.section.slug, "slug": self.slug}
        )

    def _take_next_version(self):
        """Lock the row and move to the version after the stored one."""
        stored = (
            Article.objects.select_for_update()
            .filter(pk=self.pk)
            .values_list("version", flat=True)
            .first()
        )
        self.version = (stored or 0) + 1

    def _save_with_free_slug(self, *args, **kwargs):
        """Save; if another save took the same slug a moment ago, take the next free one."""
        if not self.slug:
            self.slug = self._unique_slug()
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError as error:
                if not _is_slug_clash(error):
                    raise
                self.slug = self._unique_slug(base=self.slug)
        return super().save(*args, **kwargs)

    def check_version(self, expected):
        """Refuse to go on if the stored article moved past the version the editor loaded.

        Locks the row, so within the caller's transaction nobody can slip in a save.
        """
        stored = (
            Article.objects.select_for_update()
            .filter(pk=self.pk)
            .values_list("version", flat=True)
            .first()
        )
        if stored is not None and stored != expected:
            raise EditConflict(stored)

    def clean(self):
        if self.video_url and video_embed_url(self.video_url) is None:
            raise ValidationError({"video_url": "Use a YouTube or Vimeo video address."})

    def is_public(self):
        return self.state == self.State.LIVE

    @property
    def state(self):
        now = timezone.now()
        if self.status == self.Status.DRAFT:
            return self.State.DRAFT
        if self.status == self.Status.REVIEW:
            return self.State.REVIEW
        if self.embargo_until and self.embargo_until > now:
            return self.State.EMBARGOED
        if self.publish_at > now:
            return self.State.SCHEDULED
        return self.State.LIVE

    @property
    def goes_public_at(self):
        """When readers first see a published piece: the later of publish time and embargo."""
        return max(filter(None, [self.publish_at, self.embargo_until]))

    def submit_for_review(self, *, assignee=None):
        self.status = self.Status.REVIEW
        self.assignee = assignee

    def return_to_writer(self):
        """Back to draft, with the next step the writer's."""
        self.status = self.Status.DRAFT
        self.assignee = self.created_by

    def belongs_to(self, user):
        """Whether `user` started the piece or has been handed its next step."""
        return user.pk is not None and user.pk in (self.created_by_id, self.assignee_id)

    def writer_name(self):
        return display_name(self.created_by) if self.created_by else "its writer"

    def publish(self, *, now=None):
        """Publish; a future publish time or an embargo still holds it back until then.

        A piece going out for the first time goes out now: its publish time may be the
        moment the draft was started. A future time still schedules it, and an editor may
        back-date on purpose.
        """
        now = now or timezone.now()
        if self.publish_at <= now and not self.backdate and not self.was_published_before():
            self.publish_at = now
        self.status = self.Status.PUBLISHED

    def was_published_before(self):
        """Whether any saved version was published; re-publishing keeps its time."""
        return (
            self.pk is not None
            and Article.history.filter(id=self.pk, status=self.Status.PUBLISHED).exists()
        )

    def is_backdated(self):
        """Published on purpose with a time that had passed."""
        return (
            self.backdate
            and self.status == self.Status.PUBLISHED
            and self.publish_at <= timezone.now()
        )

    def unpublish(self):
        self.status = self.Status.DRAFT

    def get_preview_url(self):
        return reverse("admin:articles_article_preview", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded = dict(zip(field_names, values, strict=True))
        return instance

    def _unique_slug(self, base=None):
        base = base or slugify(self.title)[:180] or "article"
        slug, n = base, 2
        while Article.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def was_public_when_loaded(self):
        """Whether readers could see the piece as it was loaded from (or last saved to) the
        database; False for a piece not loaded with its status, times and address."""
        loaded = getattr(self, "_loaded", {})
        keys = ("slug", "section_id", "status", "publish_at", "embargo_until")
        if not all(key in loaded for key in keys):
            return False
        now = timezone.now()
        return (
            loaded["status"] == self.Status.PUBLISHED
            and loaded["publish_at"] <= now
            and not (loaded["embargo_until"] and loaded["embargo_until"] > now)
        )

    def is_taken_down(self):
        """Whether this save takes a public piece out of readers' sight: unpublished,
        embargoed, or scheduled again for later (as for a legal removal)."""
        return self.was_public_when_loaded() and not self.is_public()

    def takedown_paths(self):
        """Where readers saw a piece that is taken down: its address (the one readers knew,
        if it moved too) and the lists and feeds that carried it, for a CDN to purge."""
        paths = {self.get_absolute_url(), self._public_path_before_save(moving=False)}
        paths.update(
            [
                reverse("articles:home"),
                reverse("articles:news"),
                reverse("articles:feed"),
                reverse("articles:feed-atom"),
                self.section.get_absolute_url(),
                reverse("articles:section-feed", kwargs={"slug": self.section.slug}),
                reverse("articles:section-feed-atom", kwargs={"slug": self.section.slug}),
            ]
        )
        if self.pk:
            for author in self.authors.all():
                paths.add(author.get_absolute_url())
            for tag in self.tags.all():
                paths.add(reverse("articles:tag", kwargs={"slug": tag.slug}))
        return sorted(path for path in paths if path)

    def _public_path_before_save(self, *, moving=True):
        """The address readers knew, if this save moves a piece that was public (or, with
        moving=False, whether it moves or not)."""
        if not self.was_public_when_loaded():
            return None
        loaded = self._loaded
        moved = (loaded["slug"], loaded["section_id"]) != (self.slug, self.section_id)
        if moving and not moved:
            return None
        old_section = Section.objects.only("slug").get(pk=loaded["section_id"])
        return reverse(
            "articles:article", kwargs={"section": old_section.slug, "slug": loaded["slug"]}
        )

    def _redirect(self, old_path):
        """Keep every address a reader may have shared working after a move."""
        new_path = self.get_absolute_url()
        site_id = settings.SITE_ID
        Redirect.objects.filter(site_id=site_id, old_path=new_path).delete()
        Redirect.objects.filter(site_id=site_id, new_path=old_path).update(new_path=new_path)
        Redirect.objects.update_or_create(
            site_id=site_id, old_path=old_path, defaults={"new_path": new_path}
        )

    @cached_property
    def body_html(self):
        """The body as readers see it; kept with the article when its page caches it."""
        return stored_html(body_media.render(self.body, images_in_bulk=Image.objects.in_bulk))

    @property
    def body_has_video(self):
        """Whether the body plays a video, so that the page loads the player's script."""
        return body_media.has_video(self.body)

    @property
    def headline(self):
        return self.seo_title or self.title

    @property
    def description(self):
        return self.seo_description or self.standfirst

    @cached_property
    def video_embed(self):
        return video_embed_url(self.video_url) if self.video_url else None

    @property
    def shows_updated(self):
        return bool(self.updated_at and self.updated_at > self.publish_at)

    @property
    def last_modified(self):
        """When the public piece last changed; never before it was published."""
        return max(self.publish_at, self.updated_at or self.publish_at, self.modified_at)

    def byline_authors(self):
        return self.authors_in_order

    @cached_property
    def authors_in_order(self):
        """The byline's authors in order (prefetched by the article page's query)."""
        return [byline.author for byline in self.bylines.all()]

    @cached_property
    def topics(self):
        """The tags in reading order (prefetched by the article page's query)."""
        return in_topic_order(self.tags.all())

    def author_names(self):
        """The byline's names in order: from for_teasers() when it fetched them, else loaded."""
        names = getattr(self, "teaser_authors", None)
        if names is None:
            return [author.name for author in self.byline_authors()]
        return names.split(AUTHOR_NAME_SEPARATOR) if names else []

    @cached_property
    def corrections_shown(self):
        """The corrections, with no query when the page's own query said there are none."""
        return list(self.corrections.all()) if getattr(self, "has_corrections", True) else []

    @cached_property
    def interview_turns(self):
        """The Q&A turns, with no query when the page's own query said there are none."""
        return list(self.questions.all()) if getattr(self, "has_questions", True) else []

    def is_column(self):
        return self.section.kind == Section.Kind.COLUMNS or any(
            author.is_columnist for author in self.byline_authors()
        )


# ASCII only: str.isdigit() and isalnum() also accept other scripts' digits and letters.
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{1,20}")
VIMEO_ID = re.compile(r"[0-9]{1,20}")


class FrontPageArticle(Article):
    """The featured articles, as the editors curate them for the front page."""

    class Meta:
        proxy = True
        verbose_name = "front page slot"
        verbose_name_plural = "front page"


def _is_slug_clash(error):
    """Whether an IntegrityError is the article slug's unique constraint (PostgreSQL or SQLite)."""
    diag = getattr(error.__cause__, "diag", None)
    if diag is not None:
        return diag.constraint_name == SLUG_CONSTRAINT
    return "articles_article.slug" in str(error)


def video_embed_url(url):
    """A privacy-friendly embed address for a YouTube or Vimeo link, or None."""
    try:
        parsed = urlparse(url)
    except ValueError:
        return None
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/").split("/")[0]
    elif host in ("vimeo.com", "player.vimeo.com"):
        last = parsed.path.rstrip("/").split("/")[-1]
        if VIMEO_ID.fullmatch(last):
            return f"https://player.vimeo.com/video/{last}?dnt=1"
        return None
    if YOUTUBE_ID.fullmatch(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None


@dataclass(frozen=True)
class ImageUse:
    """One way a thing uses an image: `lookup` leads from `model` to the image."""

    label: str
    model: type[models.Model]
    lookup: str


# Every way an image can be used, for the media library's usage counts and lists
# (Image.usage(), ImageQuerySet.with_use_count(), both through each model's `objects`).
# Another use is added by appending an ImageUse whose lookup reaches Image.
IMAGE_USES = [
    ImageUse("Lead image of", Article, "lead_image"),
    ImageUse("Headshot of", Author, "headshot"),
    ImageUse("In the body of", Article, "body_images"),
]


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_byline"),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


class InterviewQuestion(models.Model):
    """One turn of a Q&A piece, so an interview reads as questions and answers."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    question = models.CharField(max_length=500)
    answer = models.TextField()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.answer = clean_answer_html(self.answer)
        super().save(*args, **kwargs)

    @property
    def answer_html(self):
        return stored_html(self.answer)


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CORRECTION)
    published_on = models.DateField(default=timezone.localdate)
    text = models.TextField()

    class Meta:
        ordering = ["published_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.published_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"


class ShareLink(models.Model):
    """A signed, expiring, revocable address that shows an unpublished article to an outsider."""

    SALT = "articles.sharelink"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="share_links")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.CharField(
        max_length=200, help_text="Who it is for, e.g. “press office, Leeds Teaching Hospitals”."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Share link for {self.recipient}"

    def get_absolute_url(self):
        return reverse("articles:shared", kwargs={"token": self.token})

    @property
    def token(self):
        # Signed without a timestamp, so that the address stays the same each time an editor
        # looks at it; the link's own expiry and revocation decide how long it works.
        return signing.Signer(salt=self.SALT).sign_object(str(self.key))

    def is_usable(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    @classmethod
    def open(cls, token):
        """The usable link a token names, or None when it is forged, expired or revoked."""
        # Addresses given out before tokens lost their timestamp carry one: payload:time:sig.
        timestamped = token.count(":") == 2
        try:
            if timestamped:
                key = signing.loads(token, salt=cls.SALT)
            else:
                key = signing.Signer(salt=cls.SALT).unsign_object(token)
        except signing.BadSignature:
            return None
        link = (
            cls.objects.select_related("article")
            .filter(key=key, revoked_at__isnull=True, expires_at__gt=timezone.now())
            .first()
        )
        return link


class ShareLinkOpening(models.Model):
    """A record of each time a share link was opened, for the editor who sent it."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="openings")
    opened_at = models.DateTimeField(auto_now_add=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self):
        return f"Opened {self.opened_at:%d/%m/%Y %H:%M}"


class ReadCount(models.Model):
    """How many times readers opened an article on one day (London time).

    Page views are counted in the cache and written here in batches by the
    `flush_most_read` command, so that reading a page never writes to the database.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="read_counts")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="unique_read_count_per_day"),
        ]
        indexes = [models.Index(fields=["day"], name="read_count_day_idx")]

    def __str__(self):
        return f"{self.article_id} on {self.day}: {self.count}"


class ContentGenerationQuerySet(models.QuerySet):
    def in_force(self):
        """The one row, made if a fresh (or flushed) database has none yet."""
        generation, _ = self.get_or_create(pk=ContentGeneration.ONLY)
        return generation

    def end(self, *, takedown=False, now=None):
        """Start the next generation, in the caller's transaction.

        A takedown also says that no copy made before it may be served, not even as a stale
        stand-in while a page renders anew (`clean_from`).
        """
        now = now or timezone.now()
        if not self.filter(pk=ContentGeneration.ONLY).exists():
            self.in_force()
        self.filter(pk=ContentGeneration.ONLY).update(
            number=F("number") + 1,
            started_at=now,
            due=self._next_public_change(now),
            clean_from=F("number") + 1 if takedown else F("clean_from"),
        )

    def end_if_due(self, generation, *, now=None):
        """Start the next generation if `generation` (a number) is in force and its time
        has come; of processes trying at once, one succeeds."""
        now = now or timezone.now()
        self.filter(pk=ContentGeneration.ONLY, number=generation, due__lte=now).update(
            number=F("number") + 1, started_at=now, due=self._next_public_change(now)
        )

    @staticmethod
    def _next_public_change(now):
        coming = Article.objects.coming_up(now, datetime.max.replace(tzinfo=UTC))
        return Subquery(coming.values("public_from")[:1])


class ContentGeneration(models.Model):
    """The generation of public content in force (articles/generation.py): one row, the
    source of truth; caches hold copies of it. Moves on in the transaction of each change."""

    ONLY = 1

    number = models.PositiveBigIntegerField(default=1)
    started_at = models.DateTimeField(default=timezone.now)
    due = models.DateTimeField(
        null=True, blank=True, help_text="When a scheduled or embargoed piece goes public."
    )
    clean_from = models.PositiveBigIntegerField(
        default=1, help_text="The first generation after the latest takedown."
    )

    objects = ContentGenerationQuerySet.as_manager()

    def __str__(self):
        return f"Generation {self.number}"


DRAFT_COPY_LIFETIME = timedelta(days=30)


class DraftCopyQuerySet(models.QuerySet):
    def of_form(self, user, *, article=None, form_key=""):
        """The copy of one article form: an article's, or (for a new article) the form's key."""
        if article is not None:
            return self.filter(user=user, article=article)
        return self.filter(user=user, article__isnull=True, form_key=form_key)

    def keep(self, user, *, article=None, form_key="", fields, labels):
        """Store the form as it stands, replacing this form's earlier copy."""
        # Copies their author never came back for are dropped as they make new ones.
        self.filter(user=user, saved_at__lt=timezone.now() - DRAFT_COPY_LIFETIME).delete()
        copy, _ = self.update_or_create(
            user=user,
            article=article,
            form_key="" if article is not None else form_key,
            defaults={"fields": fields, "labels": labels, "saved_at": timezone.now()},
        )
        return copy

    def latest_new_article(self, user):
        """The newest copy of an add form this user left without saving."""
        return self.filter(user=user, article__isnull=True).order_by("-saved_at").first()


class DraftCopy(models.Model):
    """What one person last had in an article form, kept while they type so that a crash or
    a closed tab loses nothing. A scratch copy: it is not the article, not part of its
    history and never shown to readers; saving the article deletes it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A new article has no key yet: its form makes up one of its own.
    form_key = models.CharField(max_length=64, blank=True)
    fields = models.JSONField(help_text="The form's field values by name.")
    labels = models.JSONField(
        default=dict, blank=True, help_text="What the chosen options of each list said."
    )
    saved_at = models.DateTimeField(default=timezone.now)

    objects = DraftCopyQuerySet.as_manager()

    class Meta:
        verbose_name = "draft copy"
        verbose_name_plural = "draft copies"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=Q(article__isnull=False),
                name="draft_copy_one_per_article",
            ),
            models.UniqueConstraint(
                fields=["user", "form_key"],
                condition=Q(article__isnull=True),
                name="draft_copy_one_per_new_form",
            ),
        ]

    def __str__(self):
        return f"{self.user} on {self.article or 'a new article'} at {self.saved_at}"


def display_name(user):
    return user.get_full_name().strip() or user.get_username()


NOTE_MAX_LENGTH = 2000


class ArticleNote(models.Model):
    """Talk about a piece among the desk (why it went back, what to check); never shown to
    readers."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "internal note"

    def __str__(self):
        return f"Note on {self.article} by {self.author}"


class NoticeQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def newest_first(self):
        return self.order_by("-created_at", "-pk")

    def mark_read(self, *, now=None):
        return self.unread().update(read_at=now or timezone.now())


class Notice(models.Model):
    """Something on the desk a person should know: a piece came to them, came back, went out."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        RETURNED = "returned", "Returned to writer"
        PUBLISHED = "published", "Published"
        WENT_LIVE = "went_live", "Went live"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind)
    text = models.TextField()
    # For a going-live notice, the go-live time it is about: each is told once.
    live_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notice_recipient_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "article", "live_at"],
                condition=Q(kind="went_live"),
                name="notice_went_live_once",
            ),
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("admin:articles_article_change", args=[self.article_id])
