"""Articles as the page's short lists of links show them: title, address, date and section.

Most read and related reading are on every article page, so their queries are prepared
(nhe/prepared.py); these turn a prepared query's rows into the instances that
select_related("section").only(...) would have made.
"""

from django.db import connection

from nhe.prepared import in_model_order

from .models import Article, Section

ARTICLE_FIELDS = in_model_order(Article, {"id", "title", "slug", "publish_at", "section_id"})
SECTION_FIELDS = in_model_order(Section, {"id", "name", "slug"})
COLUMNS = (*ARTICLE_FIELDS, *(f"section__{name}" for name in SECTION_FIELDS))


def link_columns(articles):
    """The queryset as rows for links_from_rows()."""
    return articles.values_list(*COLUMNS)


def links_from_rows(rows):
    split = len(ARTICLE_FIELDS)
    links = []
    for row in rows:
        article = Article.from_db(connection.alias, ARTICLE_FIELDS, row[:split])
        article.section = Section.from_db(connection.alias, SECTION_FIELDS, row[split:])
        links.append(article)
    return links
