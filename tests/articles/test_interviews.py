"""Q&A pieces: answers in basic rich text, turns in the desk's order, the interviewee named."""

import pytest

from articles.models import Article, InterviewQuestion, Section
from tests.articles.admin_forms import article_form_data, change_url
from tests.articles.test_metadata import structured_data
from tests.factories import ArticleFactory, InterviewQuestionFactory, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def interview():
    return ArticleFactory(
        title="The Last Word: a chief executive on winter",
        section=Section.objects.get(slug="last-word"),
        interviewee_name="Dr Amara Okafor",
        interviewee_role="chief executive of Northfield NHS Trust",
    )


def turns_data(article, turns):
    """The Q&A inline as the form posts it: (id or None, position, question, answer)."""
    data = {
        "questions-TOTAL_FORMS": str(len(turns)),
        "questions-INITIAL_FORMS": str(sum(1 for turn in turns if turn[0])),
    }
    for n, (pk, position, question, answer) in enumerate(turns):
        data.update(
            {
                f"questions-{n}-id": str(pk or ""),
                f"questions-{n}-article": str(article.pk),
                f"questions-{n}-position": str(position),
                f"questions-{n}-question": question,
                f"questions-{n}-answer": answer,
            }
        )
    return data


def save_form(client, article, turns, **overrides):
    article.refresh_from_db()
    data = article_form_data(article, **overrides)
    data.update(turns_data(article, turns))
    data["_continue"] = "Save"
    return client.post(change_url(article), data)


def test_the_page_names_the_interviewee_and_their_role(client, interview):
    page = client.get(interview.get_absolute_url()).content.decode()
    assert (
        "Last word with <strong>Dr Amara Okafor</strong>, chief executive of Northfield NHS Trust"
        in page
    )


def test_a_piece_without_an_interviewee_says_nothing_of_one(client):
    article = ArticleFactory(section=Section.objects.get(slug="last-word"))
    assert "article__interviewee" not in client.get(article.get_absolute_url()).content.decode()


def test_structured_data_says_whom_the_interview_is_about(client, interview):
    node = structured_data(client, interview.get_absolute_url())["NewsArticle"]
    assert node["about"] == {
        "@type": "Person",
        "name": "Dr Amara Okafor",
        "jobTitle": "chief executive of Northfield NHS Trust",
    }


def test_an_editor_sets_the_interviewee_on_the_article_form(client, interview):
    client.force_login(editor())
    page = client.get(change_url(interview)).content.decode()
    assert "Interviewee" in page and "Interviewee’s role" in page
    response = save_form(
        client, interview, [], interviewee_name="Prof Sam Reid", interviewee_role="dean"
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.interviewee_name, interview.interviewee_role) == ("Prof Sam Reid", "dean")


def test_too_long_an_interviewee_name_is_refused_and_kept(client, interview):
    client.force_login(editor())
    name = "N" * 121
    response = save_form(client, interview, [], interviewee_name=name)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ensure this value has at most 120 characters" in page
    assert name in page


def test_answers_keep_bold_italic_links_and_paragraphs(client, interview):
    client.force_login(editor())
    answer = (
        '<p><strong>Yes</strong>, and <em>quickly</em>; see <a href="https://example.org/plan">'
        "the plan</a>.</p><p>Second paragraph.</p>"
    )
    assert save_form(client, interview, [(None, 1, "Will it work?", answer)]).status_code == 302
    stored = InterviewQuestion.objects.get(article=interview).answer
    assert "<strong>Yes</strong>" in stored and "<em>quickly</em>" in stored
    assert '<a href="https://example.org/plan" rel="noopener noreferrer">the plan</a>' in stored
    assert stored.endswith("<p>Second paragraph.</p>")
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "<strong>Yes</strong>" in page


def test_hostile_answers_are_cleaned_before_they_are_stored(client, interview):
    client.force_login(editor())
    hostile = (
        '<p onclick="steal()">Hi<script>alert(1)</script> <a href="javascript:alert(2)">x</a>'
        '</p><h2>Heading</h2><img src=x onerror="alert(3)"><ul><li>item</li></ul>'
    )
    assert save_form(client, interview, [(None, 1, "Safe?", hostile)]).status_code == 302
    stored = InterviewQuestion.objects.get(article=interview).answer
    for gone in ("script", "onclick", "javascript:", "<h2", "<img", "onerror", "<ul", "<li"):
        assert gone not in stored
    assert "Hi" in stored and "Heading" in stored and "item" in stored
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "alert(1)" not in page and "javascript:alert" not in page


def test_an_empty_answer_is_refused_with_the_question_kept(client, interview):
    client.force_login(editor())
    response = save_form(client, interview, [(None, 1, "Left unanswered?", "")])
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert "Left unanswered?" in page
    assert not InterviewQuestion.objects.filter(article=interview).exists()


def test_the_order_saved_from_the_form_is_the_order_readers_see(client, interview):
    first = InterviewQuestionFactory(article=interview, position=1, question="Asked first?")
    second = InterviewQuestionFactory(article=interview, position=2, question="Asked second?")
    client.force_login(editor())
    response = save_form(
        client,
        interview,
        [
            (first.pk, 2, first.question, first.answer),
            (second.pk, 1, second.question, second.answer),
        ],
    )
    assert response.status_code == 302
    page = client.get(interview.get_absolute_url()).content.decode()
    assert page.index("Asked second?") < page.index("Asked first?")


def test_the_q_and_a_inline_offers_reordering_and_the_small_editor(client, interview):
    InterviewQuestionFactory(article=interview)
    client.force_login(editor())
    page = client.get(change_url(interview)).content.decode()
    assert "articles/reorder" in page
    assert 'name="questions-0-position"' in page and "data-position" in page
    assert Article.objects.get(pk=interview.pk).interviewee_name == "Dr Amara Okafor"


def test_a_hostile_interviewee_name_is_shown_as_text(client):
    article = ArticleFactory(
        section=Section.objects.get(slug="last-word"),
        interviewee_name="<script>alert(1)</script>",
        interviewee_role='"><img src=x onerror=alert(2)>',
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    node = structured_data(client, article.get_absolute_url())["NewsArticle"]
    assert node["about"]["name"] == "<script>alert(1)</script>"
