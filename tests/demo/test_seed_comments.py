import io

import pytest
from django.core.management import call_command

from comments.models import Comment
from tests.factories import ArticleFactory, DraftFactory

pytestmark = pytest.mark.django_db


def test_seed_comments_spreads_approved_comments_and_is_idempotent(client):
    articles = [ArticleFactory() for _ in range(4)]
    draft = DraftFactory()
    call_command("seed_comments", comments=10, per_article=3, stdout=io.StringIO())
    assert Comment.objects.filter(status="approved").count() == 10
    assert not Comment.objects.filter(article=draft).exists()
    assert max(a.comments.count() for a in articles) == 3
    call_command("seed_comments", comments=10, per_article=3, stdout=io.StringIO())
    assert Comment.objects.count() == 10
    busiest = max(articles, key=lambda a: a.comments.count())
    assert "3 comments" in client.get(busiest.get_absolute_url()).content.decode()
