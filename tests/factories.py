import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import (
    Article,
    Author,
    Byline,
    Correction,
    Image,
    InterviewQuestion,
    Section,
    ShareLink,
)
from comments.models import ArticleCommentSettings


def image_bytes(fmt="JPEG", size=(640, 400), colour="#005eb8", **save_kwargs) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" else "RGB"
    PILImage.new(mode, size, colour).save(buffer, format=fmt, **save_kwargs)
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    alt_text = factory.Sequence(lambda n: f"Illustration number {n}")
    credit = "NHE"
    file = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="photo.jpg"))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Writer {n}")
    slug = factory.Sequence(lambda n: f"writer-{n}")
    role_line = "health correspondent"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Trust board agrees recovery plan {n}")
    standfirst = "A short teaser for readers."
    body = "<p>The body of the story.</p>"
    section = factory.LazyFunction(lambda: Section.objects.get(slug="news"))
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create:
            for position, author in enumerate(extracted or [AuthorFactory()]):
                Byline.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def comments_open(self, create, extracted, **kwargs):
        """ArticleFactory(comments_open=False): closed by an editor, in the comments app's
        per-article settings."""
        if create and extracted is False:
            ArticleCommentSettings.objects.update_or_create(
                article=self, defaults={"comments_open": False}
            )


class DraftFactory(ArticleFactory):
    status = Article.Status.DRAFT


class ScheduledFactory(ArticleFactory):
    publish_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    text = "An earlier version gave the wrong date for the board meeting."


class InterviewQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewQuestion

    article = factory.SubFactory(ArticleFactory)
    question = factory.Sequence(lambda n: f"Question number {n}?")
    answer = "<p>An answer.</p>"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    is_staff = True
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


def writer(**kwargs):
    return UserFactory(roles=["Writer"], **kwargs)


def editor(**kwargs):
    return UserFactory(roles=["Editor"], **kwargs)


class ShareLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShareLink

    article = factory.SubFactory(DraftFactory)
    recipient = "Press office, Leeds Teaching Hospitals"
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
