"""Queries that the ORM compiles once per process and then runs with each request's values.

On the busiest pages Django takes longer to build and compile a query (cloning querysets,
resolving lookups, joins and subqueries, writing the SQL) than PostgreSQL takes to run it.
A query whose shape does not depend on its values need only be compiled once: PreparedQuery
compiles it from two sets of sample values, notes which parameters changed with them, and
from then on only puts the request's values in those places. Where that cannot be shown to
be safe (the SQL differs between the samples, or the database driver is handed a converted
value, as SQLite is handed datetimes), it builds and runs the query afresh every time.
"""

import weakref
from datetime import UTC, date, datetime

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Lookup

# Two moments that differ in every part, so that nothing derived from a time (its date, its
# year, its hour) can stay the same between them and be frozen into the SQL by mistake.
SAMPLE_TIMES = (
    datetime(2001, 2, 3, 4, 5, 6, 7, tzinfo=UTC),
    datetime(2012, 11, 10, 9, 8, 7, 6, tzinfo=UTC),
)
SAMPLE_DAYS = (date(2001, 2, 3), date(2012, 11, 10))


def in_model_order(model, names):
    """These field names in the model's own order, which Model.from_db() expects."""
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in names)


class PreparedQuery:
    """A values_list() query, compiled once per database connection.

    `build(**values)` returns the queryset; each keyword of `samples` names one of its
    values and gives two sample values for it that differ in every part. rows(**values)
    returns the same tuples as list(build(**values)).

    Everything that varies must come in as one of the values: a time or a date that build()
    looked up for itself would be kept as it was at the first request. (A clock read with
    microseconds differs between the two sample compilations, so the query would not be
    prepared at all; a day would not.)
    """

    def __init__(self, build, **samples):
        self.build = build
        self.samples = samples
        self._plans = weakref.WeakKeyDictionary()

    def rows(self, using=DEFAULT_DB_ALIAS, **values):
        connection = connections[using]
        try:
            plan = self._plans[connection]
        except KeyError:
            plan = self._plans[connection] = self._plan(using)
        if plan is None:
            return list(self.build(**values).using(using))
        compiler, sql, params, slots = plan
        params = list(params)
        for name, positions in slots:
            for position in positions:
                params[position] = values[name]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if compiler.has_extra_select:
            rows = [row[: compiler.col_count] for row in rows]
        return list(compiler.results_iter([rows], tuple_expected=True))

    def _plan(self, using):
        """The compiled query and where each value goes in its parameters, or None."""
        first = {name: pair[0] for name, pair in self.samples.items()}
        try:
            compiler, sql, params = self._compile(using, first)
            slots = []
            for name, (_, other) in self.samples.items():
                _, other_sql, other_params = self._compile(using, {**first, name: other})
                if other_sql != sql or len(other_params) != len(params):
                    return None
                changed = [
                    i for i, (a, b) in enumerate(zip(params, other_params, strict=True)) if a != b
                ]
                handed_as_given = all(
                    params[i] == first[name] and other_params[i] == other for i in changed
                )
                if not changed or not handed_as_given:
                    return None
                slots.append((name, changed))
        except EmptyResultSet:
            return None
        return compiler, sql, tuple(params), tuple(slots)

    def _compile(self, using, values):
        compiler = self.build(**values).query.get_compiler(using)
        sql, params = compiler.as_sql()
        return compiler, sql, list(params)


class InArray(Lookup):
    """`lhs = ANY(%s)` with the values as one array parameter on PostgreSQL: unlike IN (%s, %s,
    ...), the SQL is the same however many values there are, so a prepared query can take a
    list of any length. Elsewhere it is a plain IN (...).

    Used as an expression: queryset.filter(InArray(F("pk"), [1, 2, 3])).
    """

    lookup_name = "in_array"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        values = list(self.rhs)
        if not values:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, list(self.rhs))
