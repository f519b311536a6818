"""Demo content for a newcomer's site and for benchmarks: pictures drawn, archive generated."""

import io
import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from taggit.models import Tag, TaggedItem

from articles.models import (
    Article,
    Author,
    Byline,
    Correction,
    Image,
    InterviewQuestion,
    Section,
)
from comments.models import ArticleCommentSettings

from .content import ARTICLES, AUTHORS

PALETTES = [
    ("#003087", "#41b6e6"),
    ("#00205b", "#ffb81c"),
    ("#007f3b", "#e8edee"),
    ("#330072", "#ae2573"),
    ("#005eb8", "#78be20"),
    ("#8a1538", "#ed8b00"),
    ("#425563", "#00a499"),
    ("#231f20", "#005eb8"),
]
ARCHIVE_PREFIX = "archive-"


def draw_picture(seed: int, width=1600, height=1000) -> ContentFile:
    """An abstract illustration: a two-colour gradient with soft shapes."""
    rng = random.Random(seed)  # nosec B311
    top, bottom = PALETTES[seed % len(PALETTES)]
    image = PILImage.new("RGB", (width, height), top)
    draw = ImageDraw.Draw(image)
    top_rgb = PILImage.new("RGB", (1, 1), top).getpixel((0, 0))
    bottom_rgb = PILImage.new("RGB", (1, 1), bottom).getpixel((0, 0))
    for y in range(0, height, 4):
        t = y / height
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top_rgb, bottom_rgb, strict=True))
        draw.rectangle([0, y, width, y + 4], fill=colour)
    for _ in range(6):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(60, 320)
        draw.ellipse([x - r, y - r, x + r, y + r], outline="#ffffff", width=rng.randrange(4, 18))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"demo-{seed}.jpg")


def demo_image(seed: int, alt_text: str, credit="NHE illustration") -> Image:
    existing = Image.objects.filter(alt_text=alt_text, credit=credit).first()
    if existing:
        return existing
    image = Image(alt_text=alt_text, credit=credit)
    image.file = draw_picture(seed)
    image.save()
    return image


def seed_authors() -> dict:
    authors = {}
    for index, data in enumerate(AUTHORS):
        author = Author.objects.filter(slug=data["slug"]).first()
        if author is None:
            author = Author(**data)
            if data["is_columnist"]:
                author.headshot = demo_image(100 + index, f"Portrait of {data['name']}")
            author.save()
        authors[author.slug] = author
    return authors


@transaction.atomic
def seed_articles(now=None) -> int:
    """Create the hand-written demo pieces that are missing; return how many were made."""
    now = now or timezone.now()
    sections = {s.slug: s for s in Section.objects.all()}
    authors = seed_authors()
    created = 0
    for index, data in enumerate(ARTICLES):
        slug = slugify(data["title"])[:200]
        if Article.objects.filter(slug=slug).exists():
            continue
        article = Article(
            title=data["title"],
            slug=slug,
            standfirst=data["standfirst"],
            body=data["body"],
            section=sections[data["section"]],
            video_url=data.get("video_url", ""),
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(days=data["days_ago"], hours=index % 7),
            is_featured=data.get("featured", False),
            featured_order=index if data.get("featured") else 0,
            lead_image=demo_image(index, data["image_alt"], data.get("image_credit", "")),
        )
        article.save()
        if not data.get("comments_open", True):
            ArticleCommentSettings.objects.create(article=article, comments_open=False)
        for position, author_slug in enumerate(data["authors"]):
            Byline.objects.create(article=article, author=authors[author_slug], position=position)
        article.tags.add(*data.get("tags", []))
        for position, (question, answer) in enumerate(data.get("questions", [])):
            InterviewQuestion.objects.create(
                article=article, position=position, question=question, answer=answer
            )
        for kind, text in data.get("corrections", []):
            Correction.objects.create(article=article, kind=kind, text=text)
        created += 1
    return created


@transaction.atomic
def seed_archive(total: int, now=None, batch_size=1000) -> int:
    """Fill the archive up to `total` generated articles with bulk inserts; return how many."""
    now = now or timezone.now()
    existing = Article.objects.filter(slug__startswith=ARCHIVE_PREFIX).count()
    missing = total - existing
    if missing <= 0:
        return 0
    rng = random.Random(existing)  # nosec B311
    sections = list(Section.objects.all())
    authors = list(Author.objects.all())
    pictures = [demo_image(200 + n, f"Archive illustration {n + 1}") for n in range(8)]
    paragraphs = [a["body"] for a in ARTICLES if "<p>" in a["body"]]
    tags = [Tag.objects.get_or_create(name=name)[0] for name in archive_tag_names()]
    article_type = ContentType.objects.get_for_model(Article).pk
    created = 0
    for start in range(existing, total, batch_size):
        stop = min(start + batch_size, total)
        batch = []
        for n in range(start, stop):
            source = ARTICLES[n % len(ARTICLES)]
            title = f"{source['title']} (archive no. {n + 1})"
            batch.append(
                Article(
                    title=title[:200],
                    slug=f"{ARCHIVE_PREFIX}{n + 1}-{slugify(source['title'])[:150]}",
                    standfirst=source["standfirst"],
                    body=rng.choice(paragraphs),
                    section=sections[n % len(sections)],
                    status=Article.Status.PUBLISHED,
                    publish_at=now - timedelta(days=60, hours=n * 3 + rng.randrange(3)),
                    lead_image=pictures[n % len(pictures)],
                )
            )
        made = Article.objects.bulk_create(batch)
        Byline.objects.bulk_create(
            Byline(article=a, author=authors[(start + i) % len(authors)], position=0)
            for i, a in enumerate(made)
        )
        TaggedItem.objects.bulk_create(
            TaggedItem(
                tag=tags[(start + i) % len(tags)],
                content_type_id=article_type,
                object_id=a.pk,
            )
            for i, a in enumerate(made)
        )
        # Bulk inserts skip Article.save(), so make the batch searchable here.
        Article.objects.filter(pk__in=[a.pk for a in made]).refresh_search_vector()
        created += len(made)
    return created


def archive_tag_names():
    names = sorted({tag for a in ARTICLES for tag in a.get("tags", [])})
    return names or ["NHS"]
