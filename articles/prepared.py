"""Queries that the ORM compiles once per process and then runs with each request's values.

On the busiest pages Django takes longer to build and compile a query (cloning querysets,
resolving lookups, joins and subqueries, writing the SQL) than PostgreSQL takes to run it.
A query whose shape does not depend on its values need only be compiled once: PreparedQuery
compiles it from two sets of sample values, notes which parameters changed with them, and
from then on only puts the request's values in those places. Where that cannot be shown to
be safe (the SQL differs between the samples, or the database driver is handed a converted
value, as SQLite is handed datetimes), it builds and runs the query afresh every time.

On PostgreSQL the compiled query is also prepared on the server (PREPARE, then EXECUTE with
each request's values), so that PostgreSQL need not plan it again for every request either;
DATABASE_PREPARED_STATEMENTS turns that off, for poolers that do not keep a client on one
server connection.
"""

import itertools
import re
import weakref
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Lookup, prefetch_related_objects
from django.db.models.query import ModelIterable, get_related_populators

# Two moments that differ in every part, so that nothing derived from a time (its date, its
# year, its hour) can stay the same between them and be frozen into the SQL by mistake.
SAMPLE_TIMES = (
    datetime(2001, 2, 3, 4, 5, 6, 7, tzinfo=UTC),
    datetime(2012, 11, 10, 9, 8, 7, 6, tzinfo=UTC),
)
SAMPLE_DAYS = (date(2001, 2, 3), date(2012, 11, 10))
_numbers = itertools.count(1)
# Driver connections whose session asks PostgreSQL for generic plans (see plan_once).
_generic_plans_on = weakref.WeakSet()


class PreparedQuery:
    """A query compiled once per database connection.

    `build(**values)` returns the queryset; each keyword of `samples` names one of its
    values and gives two sample values for it that differ in every part. For a values_list()
    queryset, rows(**values) returns the same tuples as list(build(**values)); for a model
    queryset, objects(**values) returns the same instances.

    Everything that varies must come in as one of the values: a time or a date that build()
    looked up for itself would be kept as it was at the first request. (A clock read with
    microseconds differs between the two sample compilations, so the query would not be
    prepared at all; a day would not.)

    plan_once=True asks PostgreSQL to plan the statement once for all values rather than for
    each run's (see _statement_sql): for a query whose best plan does not depend on them.
    """

    def __init__(self, build, *, plan_once=False, **samples):
        self.build = build
        self.plan_once = plan_once
        self.samples = samples
        self._plans = weakref.WeakKeyDictionary()
        self.statement = f"nhe_prepared_{next(_numbers)}"
        self._prepared_on = weakref.WeakSet()  # driver connections that hold the statement

    def rows(self, using=DEFAULT_DB_ALIAS, **values):
        connection = connections[using]
        plan = self._plan_for(connection, using)
        if plan is None:
            return list(self.build(**values).using(using))
        return self._fetch(connection, plan, values)

    def objects(self, using=DEFAULT_DB_ALIAS, **values):
        """The model instances list(build(**values)) gives, for a queryset of a model:
        select_related() objects and annotations included, prefetch_related() run after.

        Made as Django's ModelIterable makes them (django/db/models/query.py); a queryset
        that needs more of it (known related objects, peer fetching) is run by the ORM.
        """
        connection = connections[using]
        plan = self._plan_for(connection, using)
        if plan is None or plan.model_plan is None:
            return list(self.build(**values).using(using))
        model, start, end, init_list, fetch_mode, populators, prefetches = plan.model_plan
        annotations = plan.compiler.annotation_col_map or {}
        instances = []
        for row in self._fetch(connection, plan, values):
            instance = model.from_db(using, init_list, row[start:end], fetch_mode=fetch_mode)
            for populator in populators:
                populator.populate(row, instance)
            for name, position in annotations.items():
                setattr(instance, name, row[position])
            instances.append(instance)
        if prefetches:
            prefetch_related_objects(instances, *prefetches)
        return instances

    def _plan_for(self, connection, using):
        try:
            return self._plans[connection]
        except KeyError:
            plan = self._plans[connection] = self._plan(using)
            return plan

    def _fetch(self, connection, plan, values):
        params = list(plan.params)
        for name, positions in plan.slots:
            for position in positions:
                params[position] = values[name]
        compiler = plan.compiler
        with connection.cursor() as cursor:
            sql, prepares, switches_plans = self._statement_sql(connection, plan)
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if prepares:
            self._prepared_on.add(connection.connection)
        if switches_plans:
            switch = _generic_plans_on.add if self.plan_once else _generic_plans_on.discard
            switch(connection.connection)
        if compiler.has_extra_select:
            rows = [row[: compiler.col_count] for row in rows]
        if plan.converters:  # as results_iter() converts them, with converters found once
            rows = list(map(tuple, compiler.apply_converters(rows, plan.converters)))
        return rows

    def _statement_sql(self, connection, plan):
        """The SQL to send, whether it prepares the statement on this connection, and whether
        it switches the session between generic and per-run plans.

        On the busiest pages, planning the queries cost PostgreSQL more than running them. A
        prepared statement lives as long as the driver's connection, so it is prepared again
        on a new one, in the same round trip as its first run.

        PostgreSQL still plans a prepared statement afresh for each run's values while that
        looks worth it: in its first five runs, and after them whenever its one generic plan
        is estimated much dearer. Where the values do not change the best plan but spoil the
        estimate (an array of topics of unknown length), that planning costs more than the
        query. Such a query is made with plan_once=True, and its runs ask for the generic
        plan (plan_cache_mode, set for the session in the same round trip when it changes).
        Should a rolled-back transaction undo the setting, runs are only planned as before.
        """
        if plan.server_sql is None or not settings.DATABASE_PREPARED_STATEMENTS:
            return plan.sql, False, False
        execute = f"EXECUTE {self.statement}{plan.arguments}"
        switches_plans = (connection.connection in _generic_plans_on) != self.plan_once
        if switches_plans:
            mode = "force_generic_plan" if self.plan_once else "auto"
            execute = f"SET plan_cache_mode = {mode}; {execute}"
        if connection.connection in self._prepared_on:
            return execute, False, switches_plans
        return f"PREPARE {self.statement} AS {plan.server_sql}; {execute}", True, switches_plans

    def _plan(self, using):
        """The compiled query and where each value goes in its parameters, or None."""
        first = {name: pair[0] for name, pair in self.samples.items()}
        try:
            queryset, compiler, sql, params = self._compile(using, first)
            slots = []
            for name, (_, other) in self.samples.items():
                *_, other_sql, other_params = self._compile(using, {**first, name: other})
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
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(fields):
            return None
        server_sql, arguments = _server_side(compiler.connection, sql, len(params))
        return _Plan(
            compiler,
            sql,
            tuple(params),
            tuple(slots),
            compiler.get_converters(fields),
            _model_plan(queryset, compiler),
            server_sql,
            arguments,
        )

    def _compile(self, using, values):
        queryset = self.build(**values)
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        return queryset, compiler, sql, list(params)


@dataclass(frozen=True)
class _Plan:
    compiler: object
    sql: str
    params: tuple
    slots: tuple
    converters: dict
    model_plan: tuple | None
    server_sql: str | None
    arguments: str


PLACEHOLDER = re.compile(r"%%|%s")


def _server_side(connection, sql, count):
    """The query as PostgreSQL's PREPARE takes it ($1, $2, ... for the driver's %s), and the
    argument list of its EXECUTE; None on other databases, or if the two cannot agree."""
    if connection.vendor != "postgresql":
        return None, ""
    numbers = itertools.count(1)
    server_sql = PLACEHOLDER.sub(lambda m: m[0] if m[0] == "%%" else f"${next(numbers)}", sql)
    if next(numbers) != count + 1:
        return None, ""
    return server_sql, f"({', '.join(['%s'] * count)})" if count else ""


def _model_plan(queryset, compiler):
    """What objects() needs to make a model queryset's instances, or None to leave it to the
    ORM (values() querysets, and what ModelIterable does beyond the common case)."""
    fetch_mode = queryset._fetch_mode
    if (
        queryset._iterable_class is not ModelIterable
        or queryset._known_related_objects
        or fetch_mode.track_peers
    ):
        return None
    select_fields = compiler.klass_info["select_fields"]
    start, end = select_fields[0], select_fields[-1] + 1
    init_list = [column[0].target.attname for column in compiler.select[start:end]]
    model = compiler.klass_info["model"]
    populators = get_related_populators(
        compiler.klass_info, compiler.select, compiler.using, fetch_mode
    )
    prefetches = tuple(queryset._prefetch_related_lookups)
    return model, start, end, init_list, fetch_mode, populators, prefetches


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
