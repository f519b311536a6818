import pytest

from articles.models import Author
from tests.factories import AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_writer_without_a_byline_gets_one_made_from_their_name_and_linked():
    writer = UserFactory(first_name="Priya", last_name="Shah")
    AuthorFactory(name="Priya Shah", slug="priya-shah")

    author = Author.objects.for_writer(writer)

    assert author.name == "Priya Shah"
    assert author.slug == "priya-shah-2"
    assert author.user == writer
    assert Author.objects.for_writer(writer) == author


def test_a_writer_already_linked_keeps_their_byline():
    writer = UserFactory(username="tomw")
    linked = AuthorFactory(name="Tom Wright", user=writer)

    assert Author.objects.for_writer(writer) == linked
    assert Author.objects.count() == 1


def test_a_writer_with_no_name_is_bylined_by_username():
    writer = UserFactory(username="desk7", first_name="", last_name="")

    assert Author.objects.for_writer(writer).name == "desk7"
