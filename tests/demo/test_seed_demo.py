import io

import pytest
from django.core.management import call_command

from articles.models import Article, Author, Image, Section
from demo.content import ARTICLES

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_every_section_and_is_idempotent(client):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Article.objects.count(), Author.objects.count(), Image.objects.count())
    assert counts[0] == len(ARTICLES)
    for section in Section.objects.all():
        assert Article.objects.published().filter(section=section).exists(), section
    assert Author.objects.columnists().exists()

    call_command("seed_demo", stdout=io.StringIO())
    assert (Article.objects.count(), Author.objects.count(), Image.objects.count()) == counts

    page = client.get("/").content.decode()
    for heading in ["Latest news", "Featured articles", "NHE TV", "Last word", "The Scalpel"]:
        assert heading in page


def test_seed_demo_generates_an_archive_in_bulk(capsys):
    call_command("seed_demo", articles=120)
    assert "120 new archive article(s)" in capsys.readouterr().out
    assert Article.objects.filter(slug__startswith="archive-").count() == 120
    call_command("seed_demo", articles=150)
    assert Article.objects.filter(slug__startswith="archive-").count() == 150
    archived = Article.objects.filter(slug__startswith="archive-").first()
    assert archived.bylines.exists() and archived.tags.exists()
