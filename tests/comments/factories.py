import factory

from comments.models import BlockedPhrase, Comment, Report
from comments.moderation import form_token as issue_form_token
from tests.factories import ArticleFactory
from tests.signing import signed_ago


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    body = factory.Sequence(lambda n: f"A considered point about the plan, number {n}.")
    status = Comment.Status.APPROVED
    ip_hash = "0" * 64


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    comment = factory.SubFactory(CommentFactory)
    reason = Report.Reason.ABUSE
    ip_hash = factory.Sequence(lambda n: f"{n:064d}")


class BlockedPhraseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlockedPhrase

    phrase = factory.Sequence(lambda n: f"blocked{n}")


def form_token(article, age=60):
    """A form token as the page would have issued it `age` seconds ago."""
    return signed_ago(age, issue_form_token, article.pk)


def comment_data(article, **overrides):
    data = {
        "name": "Priya Shah",
        "email": "priya.shah@example.org",
        "body": "The winter plan leaves out community services.",
        "token": form_token(article),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
