"""The bulletin's email as a reader's mail client gets it: headers, both parts, links."""

import re
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from articles.models import Article
from newsletter import links
from newsletter.emails import Edition
from tests.factories import ArticleFactory, ImageFactory

from .factories import IssueFactory, IssueItemFactory, SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bulletin_site")]


def parsed(message):
    """The message as bytes on the wire, parsed back: what a mail client reads."""
    return message_from_bytes(message.message().as_bytes(), policy=policy.default)


def parts(message):
    wire = parsed(message)
    return (
        wire.get_body(("plain",)).get_content(),
        wire.get_body(("html",)).get_content(),
        wire,
    )


def test_the_headers_carry_the_subscribers_own_one_click_unsubscribe(issue):
    reader = SubscriberFactory(email="amira@example.org")
    text, html, wire = parts(Edition(issue).message_for(reader))

    assert wire["To"] == "amira@example.org"
    assert wire["From"] == "NHE bulletin <bulletin@nhe.example>"
    assert wire["Subject"] == "Waiting lists fall for a third month"
    assert wire["List-Unsubscribe"] == f"<{links.unsubscribe_url(reader)}>"
    assert wire["List-Unsubscribe"].startswith("<https://www.nhe.example/newsletter/unsubscribe/")
    assert wire["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert wire["List-Id"] == "National Health Executive Daily bulletin <daily.nhe.example>"
    assert re.fullmatch(r"<[^@>\s]+@nhe\.example>", wire["Message-ID"])
    assert wire["Precedence"] is None
    assert links.unsubscribe_url(reader) in text and links.unsubscribe_url(reader) in html
    assert links.preferences_url(reader) in text and links.preferences_url(reader) in html


def test_the_unsubscribe_header_goes_on_the_wire_as_a_plain_url_on_one_line(issue):
    """As the SMTP mailer writes it: a header folded into RFC 2047 encoded words would not
    be read as a URL by mail programs, so one-click unsubscribe would not be offered."""
    reader = SubscriberFactory(email="amira@example.org")
    wire = Edition(issue).message_for(reader).message(policy=policy.SMTP).as_bytes()

    unsubscribe = links.unsubscribe_url(reader).encode()
    assert len(unsubscribe) > 78
    assert b"\r\nList-Unsubscribe: <" + unsubscribe + b">\r\n" in wire
    assert b"=?utf-8?" not in wire.split(b"\r\n\r\n", 1)[0]


def test_each_reader_gets_their_own_links_from_one_rendering(issue):
    edition = Edition(issue)
    first, second = SubscriberFactory(), SubscriberFactory()
    first_text, first_html, _ = parts(edition.message_for(first))
    second_text, second_html, _ = parts(edition.message_for(second))

    assert len(edition.variants) == 1
    assert links.unsubscribe_url(first) in first_html
    assert links.unsubscribe_url(first) not in second_html
    assert links.unsubscribe_url(second) in second_text
    assert "newsletter.invalid" not in first_html + first_text + second_html + second_text


def test_a_mailto_unsubscribe_is_offered_when_configured(issue, settings):
    settings.NEWSLETTER_UNSUBSCRIBE_MAILTO = "unsubscribe@nhe.example"
    reader = SubscriberFactory()
    _, _, wire = parts(Edition(issue).message_for(reader))
    assert wire["List-Unsubscribe"] == (
        f"<{links.unsubscribe_url(reader)}>, <mailto:unsubscribe@nhe.example?subject=unsubscribe>"
    )


def test_every_link_is_absolute_and_the_web_archive_is_linked(issue):
    text, html, _ = parts(Edition(issue).message_for(SubscriberFactory()))
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(href.startswith("https://www.nhe.example/") for href in hrefs)
    archive = f"https://www.nhe.example/newsletter/archive/{issue.pk}/"
    assert archive in hrefs and archive in text
    top = Article.objects.get(title="Waiting lists fall")
    assert f"https://www.nhe.example{top.get_absolute_url()}" in text


def test_both_parts_hold_the_intro_and_every_public_block_and_never_the_pulled_piece(issue):
    text, html, _ = parts(Edition(issue).message_for(SubscriberFactory()))
    for part in (text, html):
        assert "Three stories to start your day." in part
        assert "Waiting lists fall" in part and "The first fall in years." in part
        assert "Trust merger agreed" in part
        assert "Interview with a chief nurse" in part
        assert "Why rotas matter" in part
        assert "Pulled story" not in part
    assert text.index("TOP STORY") < text.index("NEWS") < text.index("NHE TV")
    assert "<" not in text  # plain text, not markup


def test_a_reader_gets_only_the_sections_they_chose_after_the_top_story(issue, sections):
    reader = SubscriberFactory(sections=[sections["nhe-tv"]])
    text, html, _ = parts(Edition(issue).message_for(reader, [sections["nhe-tv"].pk]))
    assert "Waiting lists fall" in html  # the top story leads every variant
    assert "Interview with a chief nurse" in html and "Interview with a chief nurse" in text
    assert "Trust merger agreed" not in html and "Trust merger agreed" not in text
    assert "Why rotas matter" not in text


def test_the_html_works_with_images_off_in_dark_mode_and_tracks_nobody(issue, sections):
    picture = ImageFactory(alt_text="A ward at night")
    lead = ArticleFactory(title="A picture story", lead_image=picture, section=sections["news"])
    issue.items.filter(slot="top").update(article=lead)
    _, html, _ = parts(Edition(issue).message_for(SubscriberFactory()))

    assert '<meta name="color-scheme" content="light dark">' in html
    assert "prefers-color-scheme: dark" in html
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 1
    assert 'alt="A ward at night"' in images[0]
    assert re.search(r'src="https?://', images[0])  # absolute, even from local media
    assert "background-color" in images[0]
    assert not re.search(r'width="?1"?[ />]', html)  # no pixel
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "@font-face" not in html and "fonts.googleapis" not in html
    assert 'bgcolor="#ffffff"' in html and 'role="presentation"' in html
    # Nothing is said only in a picture: every headline is text.
    assert "A picture story</a>" in html


def test_the_preheader_starts_with_the_intro(issue):
    _, html, _ = parts(Edition(issue).message_for(SubscriberFactory()))
    preheader = re.search(r'<div style="display:none[^>]*>([^&]*)', html).group(1)
    assert preheader == "Good morning."


def test_hostile_text_from_editors_is_escaped_in_html_and_a_line_break_makes_no_header(sections):
    issue = IssueFactory(
        subject="Injected\r\nBcc: victim@example.org", intro='<script>alert("x")</script>'
    )
    IssueItemFactory(
        issue=issue,
        article=ArticleFactory(title="<img src=x onerror=alert(1)>", section=sections["news"]),
    )
    text, html, wire = parts(Edition(issue).message_for(SubscriberFactory()))

    assert wire["Bcc"] is None
    assert wire["Subject"] == "Injected Bcc: victim@example.org"
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert '<script>alert("x")</script>' in text  # plain text shows what was typed


def test_an_issue_subject_with_a_line_break_is_refused_by_its_form():
    issue = IssueFactory.build(subject="Two\nlines")
    with pytest.raises(ValidationError) as refused:
        issue.full_clean()
    assert refused.value.message_dict["subject"] == ["The subject must be one line."]
    IssueFactory.build(subject="One line").full_clean()


def test_a_test_copy_goes_to_the_editor_with_the_subscribers_content(issue, sections):
    reader = SubscriberFactory(sections=[sections["news"]])
    message = Edition(issue).message_for(reader, [sections["news"].pk], to="editor@nhe.example")
    message.send()
    (sent,) = mail.outbox
    assert sent.to == ["editor@nhe.example"]
    assert "Trust merger agreed" in sent.body and "Interview with a chief nurse" not in sent.body


def test_the_postal_line_appears_when_configured(issue, settings):
    settings.NEWSLETTER_SENDER_ADDRESS = "NHE Ltd, 1 High Street, Leeds LS1 1AA"
    text, html, _ = parts(Edition(issue).message_for(SubscriberFactory()))
    assert "NHE Ltd, 1 High Street, Leeds LS1 1AA" in text and "1 High Street" in html
