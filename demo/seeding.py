"""Demo content for a newcomer's site and for benchmarks: pictures drawn, archive generated."""

import random
from datetime import timedelta
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
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
from comments.models import ArticleCommentSettings, Comment

from .content import ARCHIVE_PICTURES, ARTICLES, AUTHORS, COMMENTS, PORTRAIT_HAIR
from .pictures import draw_headshot, draw_scene

ARCHIVE_PREFIX = "archive-"
READERS_EMAIL_DOMAIN = "readers.example.org"
CREDIT = "NHE illustration"


def demo_image(alt_text: str, drawing, credit=CREDIT) -> Image:
    """The demo picture with this alt text, drawn (by calling `drawing`) only if missing."""
    existing = Image.objects.filter(alt_text=alt_text, credit=credit).first()
    if existing:
        return existing
    image = Image(alt_text=alt_text, credit=credit)
    image.file = drawing()
    image.save()
    return image


def scene_image(seed: int, picture, alt_text: str) -> Image:
    scene, options = picture
    return demo_image(alt_text, partial(draw_scene, scene, seed, options))


def seed_authors() -> dict:
    authors = {}
    for index, data in enumerate(AUTHORS):
        author = Author.objects.filter(slug=data["slug"]).first()
        if author is None:
            author = Author(**data)
            hair = PORTRAIT_HAIR.get(data["slug"])
            author.headshot = demo_image(
                f"Illustrated portrait of {data['name']}", partial(draw_headshot, index, hair)
            )
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
            interviewee_name=data.get("interviewee", ("", ""))[0],
            interviewee_role=data.get("interviewee", ("", ""))[1],
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(days=data["days_ago"], hours=index % 7),
            is_featured=data.get("featured", False),
            featured_order=index if data.get("featured") else 0,
            lead_image=scene_image(index, data["picture"], data["image_alt"]),
        )
        article.save()
        if not data.get("comments_open", True):
            ArticleCommentSettings.objects.create(article=article, comments_open=False)
        for position, author_slug in enumerate(data["authors"]):
            Byline.objects.create(article=article, author=authors[author_slug], position=position)
        article.tags.add(*data.get("tags", []))
        for position, (question, answer) in enumerate(data.get("questions", [])):
            InterviewQuestion.objects.create(
                article=article, position=position, question=question, answer=f"<p>{answer}</p>"
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
    pictures = [
        scene_image(200 + n, (scene, options), alt_text)
        for n, (scene, options, alt_text) in enumerate(ARCHIVE_PICTURES)
    ]
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


@transaction.atomic
def seed_comments(now=None) -> int:
    """Add the readers' comments written for the demo articles that are missing; return how
    many were added. A comment is known by its article and its words."""
    now = now or timezone.now()
    articles = Article.objects.published().filter(slug__in=COMMENTS)
    seeded = Comment.objects.filter(
        article__in=articles, email__endswith=f"@{READERS_EMAIL_DOMAIN}"
    )
    existing = {(c.article_id, c.body): c for c in seeded}
    added = 0
    for article in articles:
        thread = COMMENTS[article.slug]
        when = comment_clock(article.publish_at, now, thread)
        for name, minutes, body, replies in thread:
            parent = existing.get((article.pk, body))
            if parent is None:
                parent = new_comment(article, name, body, when(minutes))
                added += 1
            for reply_name, reply_minutes, reply_body in replies:
                if (article.pk, reply_body) not in existing:
                    new_comment(article, reply_name, reply_body, when(reply_minutes), parent)
                    added += 1
    return added


def comment_clock(published, now, thread):
    """Minutes after publication to a time: squeezed, for a story published only minutes
    ago, so that every comment falls between its publication and now."""
    latest = max(max([m, *(r[1] for r in replies)]) for _, m, _, replies in thread)
    available = (now - published).total_seconds() / 60 * 0.9
    scale = min(1.0, available / latest)
    return lambda minutes: published + timedelta(minutes=minutes * scale)


def new_comment(article, name, body, created_at, parent=None) -> Comment:
    return Comment.objects.create(
        article=article,
        parent=parent,
        name=name,
        email=f"{slugify(name)[:40]}@{READERS_EMAIL_DOMAIN}",
        body=body,
        status=Comment.Status.APPROVED,
        created_at=created_at,
        moderated_at=created_at + timedelta(minutes=5),
    )
