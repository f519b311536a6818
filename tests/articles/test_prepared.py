"""Prepared queries answer exactly as the ORM would, for any values, and compile only once."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.prepared import SAMPLE_TIMES, InArray, PreparedQuery
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db


class CountingBuild:
    """A query builder that counts how often it is asked to build."""

    def __init__(self, build):
        self.build = build
        self.calls = 0

    def __call__(self, **values):
        self.calls += 1
        return self.build(**values)


def public_ids(at):
    return Article.objects.published(at).order_by("publish_at", "pk").values_list("pk", "title")


@pytest.fixture
def timeline():
    now = timezone.now()
    return now, [
        ArticleFactory(title=f"{hours} hours", publish_at=now + timedelta(hours=hours))
        for hours in (-48, -2, 3, 30)
    ]


def test_rows_are_the_orms_rows_at_every_moment(timeline):
    now, _ = timeline
    query = PreparedQuery(public_ids, at=SAMPLE_TIMES)
    for hours in (-100, -24, 0, 4, 100):
        at = now + timedelta(hours=hours)
        assert query.rows(at=at) == list(public_ids(at)), hours
    assert [title for _, title in query.rows(at=now)] == ["-48 hours", "-2 hours"]
    assert len(query.rows(at=now + timedelta(days=2))) == 4


def test_it_compiles_once_and_then_sends_the_same_sql_with_new_values(timeline, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False  # to read the SQL itself
    now, _ = timeline
    build = CountingBuild(public_ids)
    query = PreparedQuery(build, at=SAMPLE_TIMES)
    query.rows(at=now)
    built = build.calls
    with CaptureQueriesContext(connection) as queries:
        early = query.rows(at=now - timedelta(days=1))
        late = query.rows(at=now + timedelta(days=1))
    assert build.calls == built == 2  # the two samples, then never again
    assert len(queries) == 2
    first, second = (q["sql"] for q in queries)
    assert first.split("WHERE")[0] == second.split("WHERE")[0]
    assert (len(early), len(late)) == (1, 3)


def test_a_value_the_query_does_not_use_as_given_is_not_frozen_into_the_sql(timeline):
    # The day, not the moment, reaches the SQL: nothing can be put in its place safely, so
    # the query is built afresh every time, and its answers are still right.
    now, _ = timeline
    build = CountingBuild(
        lambda at: Article.objects.filter(publish_at__date=at.date()).values_list("title")
    )
    query = PreparedQuery(build, at=SAMPLE_TIMES)
    assert query.rows(at=now + timedelta(hours=30)) == [("30 hours",)]
    assert query.rows(at=now - timedelta(hours=48)) == [("-48 hours",)]
    calls = build.calls
    query.rows(at=now)
    assert build.calls == calls + 1


def test_a_query_whose_shape_changes_with_its_values_is_built_every_time(timeline):
    now, _ = timeline

    def build(at):
        articles = Article.objects.all()
        if at.year > 2005:  # the second sample takes this branch, the first does not
            articles = articles.filter(publish_at__lte=at)
        return articles.order_by("publish_at").values_list("title")

    counting = CountingBuild(build)
    query = PreparedQuery(counting, at=SAMPLE_TIMES)
    assert query.rows(at=now) == [("-48 hours",), ("-2 hours",)]
    calls = counting.calls
    assert len(query.rows(at=now + timedelta(days=2))) == 4
    assert counting.calls == calls + 1


def test_in_array_takes_any_number_of_values_with_the_same_sql(timeline, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False  # to read the SQL itself
    _, articles = timeline
    ids = [article.pk for article in articles]
    query = PreparedQuery(
        lambda pks: Article.objects.filter(InArray(F("pk"), pks)).order_by("pk").values_list("pk"),
        pks=([1], [2, 3]),
    )
    with CaptureQueriesContext(connection) as queries:
        assert query.rows(pks=ids[:1]) == [(ids[0],)]
        assert query.rows(pks=ids) == [(pk,) for pk in sorted(ids)]
        assert query.rows(pks=[]) == []
    assert len({q["sql"].split("WHERE")[0] for q in queries}) == 1
    assert all("= ANY(" in q["sql"] for q in queries)


def test_excluding_an_empty_array_excludes_nothing(timeline):
    _, articles = timeline
    everything = Article.objects.exclude(InArray(F("pk"), []))
    assert everything.count() == len(articles)
    assert Article.objects.exclude(InArray(F("pk"), [articles[0].pk])).count() == 3


def test_objects_are_the_orms_instances_with_related_objects_annotations_and_prefetches(
    django_assert_num_queries,
):
    now = timezone.now()
    pictured = ArticleFactory(
        lead_image=ImageFactory(), authors=[AuthorFactory(name="A"), AuthorFactory(name="B")]
    )
    pictured.tags.add("Workforce", "Finance")
    ArticleFactory(title="No picture, no topics")

    def build(at):
        return (
            Article.objects.published(at)
            .select_related("section", "lead_image")
            .annotate(byline_count=Count("bylines"))
            .prefetch_related("tags")
            .order_by("pk")
        )

    query = PreparedQuery(build, at=SAMPLE_TIMES)
    query.objects(at=now)  # compiled here
    with django_assert_num_queries(2):  # the articles, then their tags
        made = query.objects(at=now)
    expected = list(build(now))
    assert len(made) == len(expected) == 2
    fields = [field.attname for field in Article._meta.concrete_fields]
    with django_assert_num_queries(0):
        for got, want in zip(made, expected, strict=True):
            assert type(got) is Article
            assert got.get_deferred_fields() == want.get_deferred_fields()
            loaded = [f for f in fields if f not in want.get_deferred_fields()]
            assert [getattr(got, f) for f in loaded] == [getattr(want, f) for f in loaded]
            assert (got.section.pk, got.section.name) == (want.section.pk, want.section.name)
            assert got.lead_image == want.lead_image
            assert got.byline_count == want.byline_count
            assert sorted(t.name for t in got.tags.all()) == sorted(
                t.name for t in want.tags.all()
            )
            assert not got._state.adding and got._state.db == "default"
    assert made[0].lead_image.renditions == pictured.lead_image.renditions
    assert made[1].lead_image is None


def test_objects_of_a_values_query_are_left_to_the_orm(timeline):
    now, _ = timeline
    query = PreparedQuery(public_ids, at=SAMPLE_TIMES)
    assert query.objects(at=now) == list(public_ids(now))


def test_postgresql_prepares_the_statement_once_per_connection_and_then_executes_it(timeline):
    now, _ = timeline
    query = PreparedQuery(public_ids, at=SAMPLE_TIMES)
    with CaptureQueriesContext(connection) as queries:
        first = query.rows(at=now)
        second = query.rows(at=now + timedelta(days=2))
    assert [title for _, title in first] == ["-48 hours", "-2 hours"]
    assert len(second) == 4
    sent = [q["sql"] for q in queries]
    assert sent[0].startswith(f"PREPARE {query.statement} AS SELECT")
    assert f"; EXECUTE {query.statement}(" in sent[0]
    assert sent[1].startswith(f"EXECUTE {query.statement}(")


# A connection is closed, which needs to be outside any transaction.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("default_sections")
def test_a_new_connection_prepares_the_statement_again(timeline):
    now, _ = timeline
    query = PreparedQuery(public_ids, at=SAMPLE_TIMES)
    assert len(query.rows(at=now)) == 2
    connection.close()  # as CONN_MAX_AGE or a failed health check would
    with CaptureQueriesContext(connection) as queries:
        rows = query.rows(at=now + timedelta(days=2))
    assert len(rows) == 4
    assert queries[0]["sql"].startswith(f"PREPARE {query.statement} AS")


def test_a_prepared_statement_outlives_a_rolled_back_transaction(timeline):
    from django.db import transaction

    now, _ = timeline
    query = PreparedQuery(public_ids, at=SAMPLE_TIMES)
    with pytest.raises(RuntimeError), transaction.atomic():
        query.rows(at=now)
        raise RuntimeError("rolled back")
    assert len(query.rows(at=now + timedelta(days=2))) == 4


def test_a_failed_first_run_leaves_the_statement_to_be_prepared_next_time(timeline):
    from django.db import DatabaseError, transaction

    now, _ = timeline
    query = PreparedQuery(public_ids, at=SAMPLE_TIMES)
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 / 0")  # the transaction is now aborted
        query.rows(at=now)
    with CaptureQueriesContext(connection) as queries:
        assert len(query.rows(at=now)) == 2
    assert queries[0]["sql"].startswith(f"PREPARE {query.statement} AS")


def ids_from(first):
    return Article.objects.filter(pk__gte=first).order_by("pk").values_list("pk")


def plan_of(query, first):
    """PostgreSQL's plan for the prepared statement's next run: a generic plan shows $1."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN EXECUTE {query.statement}(%s)", [first])
        return "\n".join(line for (line,) in cursor.fetchall())


# A transaction of its own for each run, as in autocommit, so the session keeps its setting.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("default_sections")
def test_a_query_planned_once_runs_on_the_generic_plan_and_others_are_planned_per_run(
    timeline,
):
    _, articles = timeline
    first = articles[1].pk
    once = PreparedQuery(ids_from, plan_once=True, first=(1, 2))
    each = PreparedQuery(ids_from, first=(1, 2))
    # Switching back and forth on one connection; `each` runs four times, before PostgreSQL
    # would weigh its generic plan by itself (after five).
    for _ in range(2):
        assert once.rows(first=first) == list(ids_from(first))
        assert "$1" in plan_of(once, first)
        assert each.rows(first=first) == list(ids_from(first))
        assert "$1" not in plan_of(each, first)
    with CaptureQueriesContext(connection) as queries:
        once.rows(first=first)
        once.rows(first=first)
        each.rows(first=first)
    sent = [q["sql"] for q in queries]
    assert sent[0].startswith(
        f"SET plan_cache_mode = force_generic_plan; EXECUTE {once.statement}"
    )
    assert sent[1].startswith(f"EXECUTE {once.statement}")
    assert sent[2].startswith(f"SET plan_cache_mode = auto; EXECUTE {each.statement}")


def test_with_prepared_statements_off_the_plain_sql_is_sent(timeline, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    now, _ = timeline
    query = PreparedQuery(public_ids, at=SAMPLE_TIMES)
    with CaptureQueriesContext(connection) as queries:
        assert len(query.rows(at=now)) == 2
    assert queries[0]["sql"].startswith("SELECT")


def test_a_literal_percent_sign_survives_preparing(timeline):
    # The driver's SQL writes the modulo operator as %%; only %s are parameters.
    now, articles = timeline

    def odd_ones(at):
        return (
            Article.objects.published(at)
            .annotate(odd=F("pk") % 2)
            .filter(odd=1, title__contains="hours")
            .order_by("pk")
            .values_list("pk")
        )

    query = PreparedQuery(odd_ones, at=SAMPLE_TIMES)
    later = now + timedelta(days=2)
    assert "%%" in str(odd_ones(later).query.sql_with_params()[0])
    assert query.rows(at=later) == list(odd_ones(later))
    assert query.rows(at=later) == [(a.pk,) for a in articles if a.pk % 2]
