from django.db.models import Prefetch
from django.shortcuts import render

from articles.models import Article, Author

LATEST_PIECES = 3


def directory(request):
    """Columnists with a published piece, each with their latest pieces."""
    latest = Article.objects.published().select_related("section").newest_first()
    columnists = Author.objects.columnists().prefetch_related(
        Prefetch("articles", queryset=latest[:LATEST_PIECES], to_attr="latest_pieces")
    )
    return render(request, "columnists/directory.html", {"columnists": columnists})
