"""{% attach_comment_counts %} gives a list of teasers their comment counts in one query."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from comments.models import ArticleCommentSettings, Comment
from tests.factories import ArticleFactory

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

TEASERS = Template(
    "{% load comment_tags %}{% attach_comment_counts articles %}"
    "{% for article in articles %}{{ article.title }}: {{ article.comments_shown }}\n{% endfor %}"
)


def rendered(articles):
    """The teasers' counts as the template shows them, and the queries it took."""
    with CaptureQueriesContext(connection) as queries:
        text = TEASERS.render(Context({"articles": articles}))
    counts = dict(line.split(": ") for line in text.splitlines())
    return {title: int(count) for title, count in counts.items()}, len(queries)


def test_counts_are_what_readers_see_under_each_article():
    discussed = ArticleFactory(title="Discussed")
    shown = CommentFactory(article=discussed)
    CommentFactory.create_batch(2, article=discussed, parent=shown)
    CommentFactory(article=discussed, parent=shown, status=Comment.Status.PENDING)
    hidden = CommentFactory(article=discussed, status=Comment.Status.REJECTED)
    CommentFactory(article=discussed, parent=hidden)  # approved, under a hidden comment
    CommentFactory(article=discussed, status=Comment.Status.SPAM)
    ArticleFactory(title="Quiet")
    held = ArticleFactory(title="Held")
    CommentFactory.create_batch(2, article=held)
    ArticleCommentSettings.objects.create(article=held, legal_hold=True)
    counts, _ = rendered(list(Article.objects.order_by("title")))
    assert counts == {"Discussed": 3, "Held": 0, "Quiet": 0}


@pytest.mark.parametrize("size", [3, 30])
def test_one_query_whatever_the_length_of_the_list(size):
    for n in range(size):
        CommentFactory.create_batch(n % 3, article=ArticleFactory(title=f"Story {n:02}"))
    articles = list(Article.objects.order_by("title"))
    counts, queries = rendered(articles)
    assert queries == 1
    assert counts == {f"Story {n:02}": n % 3 for n in range(size)}


def test_a_page_of_a_paginated_queryset_is_counted_and_read_once():
    for n in range(4):
        CommentFactory.create_batch(n, article=ArticleFactory(title=f"Story {n}"))
    page = Paginator(Article.objects.order_by("title"), 2).get_page(2)
    counts, queries = rendered(page)
    assert counts == {"Story 2": 2, "Story 3": 3}
    assert queries == 2  # the page's articles, then their counts


def test_an_empty_list_needs_no_query():
    assert rendered([]) == ({}, 0)
