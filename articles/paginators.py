from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many rows an exact count is cheap enough to run on every page.
ESTIMATE_ABOVE = 10_000


class EstimatedCountPaginator(Paginator):
    """A paginator that, for an unfiltered list of a large table, uses PostgreSQL's row estimate.

    COUNT(*) reads the whole table; the planner's estimate (kept fresh by autovacuum) is free
    and close enough to number the pages of an admin list. Filtered lists count exactly.
    """

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is not None and not query.where:
            estimate = self._estimated_rows(self.object_list)
            if estimate > ESTIMATE_ABOVE:
                return estimate
        return super().count

    @staticmethod
    def _estimated_rows(queryset):
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return 0
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        return max(row[0], 0) if row else 0
