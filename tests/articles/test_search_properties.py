"""Properties of the search box that must hold for anything a reader (or a robot) types."""

import re
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles import search
from articles.forms import SearchForm
from tests.factories import ArticleFactory

SEARCH = reverse("articles:search")
OPERATORS = [
    "&", "|", "!", ":*", "<->", "<1>", "<-1>", "(", ")", "'", '"', "-", "--", "or", "OR",
    "and", "not", "\\", ":", "*", "&&", "||", "!!", "''", "'\\''", ":A", ":*AB", "%", "_",
    "\x00", "\x01", "\x02", "\x03", "\x1f", "\x7f", "\t", "\n", "\r", "\u00a0", "\u200b",
    "\u202e", "nurse", "strike", "NHS", "😷", "北京", "ß", "ǅ", "x" * 300,
]  # fmt: skip
CONTROL = re.compile(r"[\x00-\x1f\x7f]")

query_text = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.one_of(st.sampled_from(OPERATORS), st.text(max_size=6)),
        max_size=40,
    ).map(" ".join),
    st.lists(st.sampled_from(OPERATORS), max_size=40).map("".join),
)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@given(query_text)
@example("& | ! :* <-> ( ) '")
@example("!(nurse & strike) | 'ward':* <-> -")
@example("\x00\x02\x03")
def test_any_text_becomes_a_bounded_query_without_control_characters(raw):
    query = search.Query.from_input(raw)
    assert len(query.text) <= search.MAX_QUERY_LENGTH
    assert len(query.text.split()) <= search.MAX_QUERY_WORDS
    assert not CONTROL.search(query.text)
    assert query.text == query.text.strip()
    assert isinstance(query.words, list)
    assert all(word in query.text for word in query.words)


@given(query_text)
@example('0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 "')  # the cut drops the only quote
def test_a_query_read_twice_reads_the_same(raw):
    once = search.Query.from_input(raw)
    assert search.Query.from_input(once.text).text == once.text


@pytest.mark.django_db
@given(
    q=query_text,
    section=st.text(max_size=20),
    dates=st.tuples(st.text(max_size=12), st.text(max_size=12)),
)
@example(q="nurse", section="news", dates=("2024-02-30", "1-1-1"))
@example(q="", section="", dates=("9999-12-31", "0001-01-01"))
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_search_form_accepts_or_explains_anything(q, section, dates):
    form = SearchForm({"q": q, "section": section, "from_date": dates[0], "to_date": dates[1]})
    if form.is_valid():
        assert len(form.query().text) <= search.MAX_QUERY_LENGTH
    else:
        assert form.errors and all(form.errors.values())


class Marks(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


@given(
    st.lists(
        st.one_of(
            st.sampled_from([search.START, search.STOP, "<b>", "&amp;", "<mark>"]),
            st.text(max_size=8),
        ),
        max_size=20,
    ).map("".join)
)
def test_highlighted_text_is_escaped_with_only_mark_tags_added(marked):
    html = search.highlighted(marked)
    parsed = Marks(html)
    assert all(tag == "mark" and attrs == [] for tag, attrs in parsed.tags), html
    visible = "".join(search.MARKERS.sub("", marked).split())
    assert "".join("".join(parsed.text).split()) == visible


@pytest.fixture
def searchable(db, default_sections):
    ArticleFactory(title="Nurse strike ballot opens", body="<p>Ward staff vote on action.</p>")


@pytest.mark.django_db
@given(query_text)
@example("& | ! :* <-> ( ) '")
@example("'''")
@example("nurse:* & !strike")
@FUZZ
def test_any_search_through_the_page_answers_with_a_page(searchable, raw):
    response = Client(raise_request_exception=False).get(SEARCH, {"q": raw})
    assert response.status_code == 200
    assert 'role="search"' in response.text or 'name="q"' in response.text
    assert "<script>alert" not in response.text


@pytest.mark.django_db
@given(st.binary(max_size=60))
@example(b"\xed\xa0\x80")
@example(b"\xff\xfe\x00")
@FUZZ
def test_any_bytes_in_the_query_string_answer_with_a_page(searchable, raw):
    response = Client(raise_request_exception=False).get(f"{SEARCH}?q={quote_from_bytes(raw)}")
    assert response.status_code == 200
