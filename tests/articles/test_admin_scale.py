"""The article list and form cost the same queries as the archive grows; no full-table count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import paginators
from tests.articles.admin_forms import CHANGELIST_URL, change_url
from tests.articles.test_query_counts import grow_to
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, ImageFactory, editor

pytestmark = pytest.mark.django_db

# The change form's last three: the staff to assign the piece to, its internal notes, and
# its reads by day.
BOUNDS = {"changelist": 11, "filtered": 11, "change form": 24}


def queries_for(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return [q["sql"] for q in captured.captured_queries]


def full_table_counts(sqls):
    return [
        sql
        for sql in sqls
        if "COUNT(" in sql.upper() and '"articles_article"' in sql and "WHERE" not in sql.upper()
    ]


def test_admin_query_counts_hold_as_the_archive_grows(client, monkeypatch):
    monkeypatch.setattr(paginators, "ESTIMATE_ABOVE", 20)
    image = ImageFactory()
    authors = [AuthorFactory(), AuthorFactory(), AuthorFactory()]
    probe = ArticleFactory(title="Probe", authors=authors, lead_image=image)
    probe.tags.add("Workforce", "Finance")
    probe.related.add(ArticleFactory(), ArticleFactory())
    CorrectionFactory(article=probe)
    client.force_login(editor())
    pages = {
        "changelist": (CHANGELIST_URL, {}),
        "filtered": (CHANGELIST_URL, {"state": "live", "section__id__exact": probe.section_id}),
        "change form": (change_url(probe), {}),
    }
    counts = {}
    for size in (30, 400):
        grow_to(size, image, authors)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")
        counts[size] = {}
        for name, (url, params) in pages.items():
            client.get(url, params)  # content types and sessions are cached after one visit
            sqls = queries_for(client, url, **params)
            counts[size][name] = len(sqls)
            if name == "changelist":
                assert full_table_counts(sqls) == [], full_table_counts(sqls)
    assert counts[30] == counts[400]
    for name, bound in BOUNDS.items():
        assert counts[400][name] <= bound, (name, counts[400][name])


def test_small_archives_are_counted_exactly(client):
    for _ in range(3):
        ArticleFactory()
    client.force_login(editor())
    page = client.get(CHANGELIST_URL).content.decode()
    assert "3 articles" in page
