"""Finding public articles by words.

On PostgreSQL: full-text search over the stored, weighted search vector (see
`ArticleQuerySet.refresh_search_vector`), ranked, with highlighted titles and snippets.
Reader input goes through websearch_to_tsquery, which accepts any text without a syntax
error, and is cut to a fixed length; a statement timeout guards against the unforeseen.
Elsewhere (the embedded SQLite database) a simpler search matches every word anywhere.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import OperationalError, connections, transaction
from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils.html import format_html, format_html_join
from taggit.models import TaggedItem

from .models import SEARCH_CONFIG, Article, Byline

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 16
RANK_WINDOW = 2000
MAX_FALLBACK_WORDS = 8
TIMEOUT_MS = 3000
# Highlight markers: control characters, stripped from reader input. A stray one in stored
# text could only misplace a highlight, since everything shown is escaped.
START, STOP = "\x02", "\x03"
MARKERS = re.compile(f"([{START}{STOP}])")
CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Query:
    """What a reader typed, made safe to search with."""

    text: str
    truncated: bool = False

    @classmethod
    def from_input(cls, raw):
        raw = CONTROL.sub(" ", raw or "")
        tokens = raw.split() if '"' in raw else _without_repeats(raw.split())
        text = " ".join(tokens[:MAX_QUERY_WORDS])
        if len(text) > MAX_QUERY_LENGTH:
            text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
        if '"' not in text:
            # The cut may have dropped the only quote: the query is then read as unquoted,
            # as it would be if typed again (the form shows it back).
            text = " ".join(_without_repeats(text.split()))
        return cls(text, truncated=text != " ".join(tokens))

    @property
    def words(self):
        """The words that must be found: anything typed after a minus sign excludes."""
        return [
            word
            for token in self.text.split()
            if not token.startswith("-")
            for word in WORD.findall(token)
        ]

    def __bool__(self):
        return bool(self.words)


def _without_repeats(tokens):
    """Outside quoted phrases a repeated word adds nothing to a search but its cost."""
    seen = set()
    unique = []
    for token in tokens:
        if token.lower() not in seen:
            seen.add(token.lower())
            unique.append(token)
    return unique


def uses_full_text(using="default"):
    return connections[using].vendor == "postgresql"


def search_articles(query: Query, articles=None):
    """Public articles matching the query, best first (annotated with `rank`)."""
    articles = Article.objects.published() if articles is None else articles
    if uses_full_text(articles.db):
        return _full_text(query, articles)
    return _word_match(query, articles)


def _tsquery(query):
    return SearchQuery(query.text, search_type="websearch", config=SEARCH_CONFIG)


def _full_text(query, articles):
    tsquery = _tsquery(query)
    # Ranking reads every candidate's stored vector, so a word found in tens of thousands
    # of pieces would cost hundreds of milliseconds to rank in full. Rank the newest
    # RANK_WINDOW matches instead: a bounded cost, and for news the newest matter most.
    newest = (
        articles.filter(search_vector=tsquery)
        .order_by("-publish_at", "-pk")
        .values("pk")[:RANK_WINDOW]
    )
    return (
        articles.filter(pk__in=newest)
        .annotate(rank=SearchRank(F("search_vector"), tsquery, normalization=Value(1)))
        .order_by("-rank", "-publish_at", "-pk")
    )


def _headlines(query, ids):
    """{id: (marked title, marked snippet)} for one page of results, in one query.

    Kept apart from the ranked query so that a deep page (a large OFFSET) does not make
    PostgreSQL cut snippets from every row it skips.
    """
    tsquery = _tsquery(query)
    body_text = Func(
        F("body"),
        Value("<[^>]*>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )
    text = Concat("standfirst", Value(" "), body_text, output_field=TextField())
    marks = {"config": SEARCH_CONFIG, "start_sel": START, "stop_sel": STOP}
    rows = (
        Article.objects.filter(pk__in=ids)
        .annotate(
            marked_title=SearchHeadline("title", tsquery, highlight_all=True, **marks),
            marked_snippet=SearchHeadline(
                text,
                tsquery,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
                **marks,
            ),
        )
        .values_list("pk", "marked_title", "marked_snippet")
    )
    return {pk: (title, snippet) for pk, title, snippet in rows}


def _word_match(query, articles):
    words = query.words[:MAX_FALLBACK_WORDS]
    article_type = {"content_type__app_label": "articles", "content_type__model": "article"}
    title_hits = Value(0, output_field=IntegerField())
    for word in words:
        tagged = TaggedItem.objects.filter(
            object_id=OuterRef("pk"), tag__name__icontains=word, **article_type
        )
        bylined = Byline.objects.filter(article=OuterRef("pk"), author__name__icontains=word)
        articles = articles.filter(
            Q(title__icontains=word)
            | Q(standfirst__icontains=word)
            | Q(body__icontains=word)
            | Exists(tagged)
            | Exists(bylined)
        )
        title_hits = title_hits + Case(When(title__icontains=word, then=1), default=0)
    return articles.annotate(rank=title_hits).order_by("-rank", "-publish_at", "-pk")


def mark_words(text, words):
    """Put highlight markers around each of the words in text (for the fallback search)."""
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", text)


def highlighted(marked, *, from_html=False):
    """Escaped HTML of marked text, with <mark> around the highlighted parts.

    Everything the text contains is escaped; the only markup added is <mark>. Snippets cut
    from stored HTML may hold entities such as &amp;, which are decoded before escaping.
    """
    pieces = []
    inside = False
    for part in MARKERS.split(" ".join((marked or "").split())):
        if part == START:
            inside = True
        elif part == STOP:
            inside = False
        elif part:
            text = unescape(part) if from_html else part
            pieces.append(format_html("<mark>{}</mark>", text) if inside else text)
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def decorate(results, query):
    """Give each result on a page its highlighted `title_html` and `snippet_html`."""
    if query and uses_full_text():
        marked = _headlines(query, [article.pk for article in results])
        for article in results:
            title, snippet = marked.get(article.pk, (article.title, article.standfirst))
            article.title_html = highlighted(title)
            article.snippet_html = highlighted(snippet, from_html=True)
        return results
    words = query.words[:MAX_FALLBACK_WORDS]
    for article in results:
        article.title_html = highlighted(mark_words(article.title, words))
        article.snippet_html = highlighted(mark_words(article.standfirst, words))
    return results


@contextmanager
def time_limit(using="default"):
    """Cancel a search that runs longer than TIMEOUT_MS instead of tying up a worker."""
    if not uses_full_text(using):
        yield
        return
    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = %s", [TIMEOUT_MS])
        yield


@dataclass
class Results:
    page: object = None
    timed_out: bool = False

    @property
    def at_window(self):
        """True when the matches fill the ranking window, so there may be more."""
        return bool(self.page) and self.page.paginator.count >= RANK_WINDOW

    @property
    def window(self):
        return RANK_WINDOW


def find(query: Query, articles, page_number) -> Results:
    """One page of results for the query among `articles`, newest first without words."""
    try:
        with time_limit(articles.db):
            found = search_articles(query, articles) if query else articles.newest_first()
            page = Paginator(found, PAGE_SIZE).get_page(page_number)
            page.object_list = decorate(list(page.object_list), query)
    except OperationalError as error:
        if not _was_cancelled(error):
            raise
        return Results(timed_out=True)
    return Results(page=page)


def _was_cancelled(error):
    cause = error.__cause__
    return "57014" in (getattr(cause, "pgcode", None), getattr(cause, "sqlstate", None))
