"""Every public form and query parameter, fed generated hostile input through the test client:
never a 500, and a submission is either stored whole or not at all."""

import itertools
import struct
import zlib
from urllib.parse import quote_plus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import composite

from columnists.antispam import issue_timestamp
from columnists.models import Pitch, PitchEmail
from comments.models import Comment, Report
from tests.columnists.factories import PDF_BYTES, docx_bytes, started_ago
from tests.comments.factories import CommentFactory, form_token
from tests.factories import ArticleFactory, DraftFactory, image_bytes

from .test_fuzz_public_urls import HOSTILE_VALUES

pytestmark = pytest.mark.django_db

# Few examples, always the same ones: a few seconds per form, and a stable CI run.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

hostile = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=40))
# Multipart bodies are built by the test client, which cannot encode lone surrogates;
# urlencoded bodies below carry them.
hostile_encodable = st.one_of(
    st.sampled_from([v for v in HOSTILE_VALUES if v != "%ED%A0%80"]),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
)
SAME_SITE = "http://testserver"
# Mostly what browsers send from our own pages, so most requests reach the code behind the
# origin check; the rest are what other sites' pages and odd clients send.
request_headers = st.sampled_from(
    [
        {}, {}, {"Origin": SAME_SITE}, {"Sec-Fetch-Site": "same-origin"},
        {"Origin": SAME_SITE, "Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"},
        {"Origin": "https://evil.example"}, {"Origin": "null"}, {"Origin": ""},
        {"Sec-Fetch-Site": "cross-site"}, {"Origin": SAME_SITE, "Sec-Fetch-Site": "same-site"},
    ]
    + [{"Origin": SAME_SITE, "Sec-Fetch-Site": "same-origin"}] * 4
)  # fmt: skip


def urlencoded(data):
    """A form body that can carry whatever a hostile client sends, lone surrogates too."""
    return "&".join(
        f"{quote_plus(key)}={quote_plus(value.encode('utf-8', 'surrogatepass'))}"
        for key, value in data.items()
    )


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture(autouse=True)
def _generous_limits(settings, tmp_path):
    settings.COMMENTS_RATE_PER_IP = 10**6
    settings.COMMENTS_RATE_PER_EMAIL = 10**6
    settings.COMMENTS_RATE_REPORTS_PER_IP = 10**6
    settings.COMMENTS_PREMODERATE = False
    settings.PITCH_RATE_LIMIT = 10**6
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


# Comments ------------------------------------------------------------------------------------


@pytest.fixture
def discussion(default_sections):
    """An open article with a thread, a closed one, and a draft nobody may comment on."""
    article = ArticleFactory()
    thread = CommentFactory(article=article)
    return {
        "open": article,
        "closed": ArticleFactory(comments_open=False),
        "draft": DraftFactory(),
        "thread": thread,
        "reply": CommentFactory(article=article, parent=thread),
        "pending": CommentFactory(article=article, status=Comment.Status.PENDING),
        "elsewhere": CommentFactory(),
    }


VALID_COMMENT = {"name": "Priya Shah", "email": "priya@example.org", "body": "A fair point.",
                 "token": "valid", "website": "", "reply_to": ""}  # fmt: skip
COMMENT_FIELD_VALUES = {
    "name": hostile,
    "email": st.emails() | hostile,
    "body": hostile | st.text(min_size=1, max_size=400),
    "token": st.sampled_from(["stale", "other article", ""]) | hostile,
    "website": st.sampled_from(["https://spam.example", "x"]),
    "reply_to": st.sampled_from(["thread", "reply", "pending", "elsewhere", "-1"]) | hostile,
    "notify_replies": st.sampled_from(["on", "1", "false", "<x>"]),
    # fields of the model that the form must never take from a reader
    "status": st.sampled_from(["approved", "spam"]) | hostile,
    "article": hostile,
    "is_public": hostile,
    "ip_hash": hostile,
}


@composite
def comment_posts(draw):
    """A valid comment with a few fields made hostile, so most requests get as far as saving."""
    target = draw(st.sampled_from(["open"] * 6 + ["closed", "draft", "missing"]))
    names = st.sampled_from(sorted(COMMENT_FIELD_VALUES))
    changed = draw(st.lists(names, max_size=3, unique=True))
    fields = VALID_COMMENT | {name: draw(COMMENT_FIELD_VALUES[name]) for name in changed}
    return target, fields, draw(request_headers)


SERIAL = itertools.count()


def unique_address(email, usual):
    """The usual address made unique per example, so it is not refused as a repeat."""
    return email.replace("@", f"+{next(SERIAL)}@") if email in usual else email


def resolve_comment_fields(fields, discussion, article):
    resolved = dict(fields)
    resolved["email"] = unique_address(fields["email"], {VALID_COMMENT["email"]})
    tokens = {
        "valid": form_token(article),
        "stale": form_token(article, age=10**6),
        "other article": form_token(discussion["elsewhere"].article),
        "": "",
    }
    resolved["token"] = tokens.get(fields["token"], fields["token"])
    if fields["reply_to"] in discussion:
        resolved["reply_to"] = str(discussion[fields["reply_to"]].pk)
    return resolved


@given(post=comment_posts())
@example(post=("open", VALID_COMMENT, {}))
@example(post=("open", VALID_COMMENT | {"reply_to": "reply"}, {"Origin": SAME_SITE}))
@example(post=("open", VALID_COMMENT | {"body": "<script>x</script>\x00"}, {}))
@FUZZ
def test_the_comment_form_stores_a_whole_comment_or_nothing_and_never_errs(
    client, discussion, post
):
    target, fields, headers = post
    article = discussion.get(target)
    article_id = article.pk if article else 10**9
    data = resolve_comment_fields(fields, discussion, article or discussion["open"])
    before = set(Comment.objects.values_list("pk", flat=True))

    response = client.post(
        reverse("comments:post", args=[article_id]),
        urlencoded(data),
        content_type="application/x-www-form-urlencoded",
        headers=headers,
    )
    event(f"comment {response.status_code} {Comment.objects.exclude(pk__in=before).count()}")

    assert response.status_code in {200, 302, 403, 404, 429}, response.status_code
    new = Comment.objects.exclude(pk__in=before)
    if response.status_code == 200:
        assert "There is a problem with your comment" in response.text
    if response.status_code == 403:
        assert "This form came from elsewhere" in response.text
    if response.status_code != 302:
        assert not new.exists()
        return
    assert new.count() <= 1
    comment = new.first()
    if comment is not None:
        assert comment.article_id == article_id == discussion["open"].pk
        assert comment.body == data["body"].strip()
        assert comment.name == data["name"].strip()
        assert comment.status in {Comment.Status.APPROVED, Comment.Status.PENDING, "spam"}
        assert comment.ip_hash and comment.ip_hash != data.get("ip_hash")
        if comment.parent is not None:
            assert comment.parent.article_id == article_id
            assert comment.parent.parent_id is None


@given(
    target=st.sampled_from(["thread", "reply", "pending", "missing"]),
    reason=st.one_of(st.sampled_from([*Report.Reason.values, ""]), hostile),  # half valid
    address=st.ip_addresses().map(str),
    headers=request_headers,
)
@example(target="thread", reason="abuse", address="192.0.2.1", headers={})
@FUZZ
def test_the_report_form_files_whole_reports_or_nothing_and_never_errs(
    client, discussion, target, reason, address, headers
):
    # A fresh comment each time: earlier examples' reports may have hidden the others.
    if target == "thread":
        comment = CommentFactory(article=discussion["open"])
    elif target == "reply":
        comment = CommentFactory(article=discussion["open"], parent=discussion["thread"])
    else:
        comment = discussion.get(target)
    response = client.post(
        reverse("comments:report", args=[comment.pk if comment else 10**9]),
        urlencoded({"reason": reason}),
        content_type="application/x-www-form-urlencoded",
        headers=headers,
        REMOTE_ADDR=address,
    )
    event(f"report {response.status_code} {Report.objects.count()}")
    assert response.status_code in {200, 302, 403, 404, 429}, response.status_code
    if response.status_code == 200:  # the report page again, saying what was wrong
        assert "There is a problem with your report" in response.text
        assert not Report.objects.filter(comment=comment).exists()
    assert set(Report.objects.values_list("reason", flat=True)) <= set(Report.Reason.values)
    for each in Comment.objects.all():
        assert each.report_count == each.reports.filter(resolved=False).count()
    assert not Report.objects.filter(comment=discussion["pending"]).exists()


# Pitches -------------------------------------------------------------------------------------


def pixel_bomb():
    """A tiny PNG that declares 50,000 × 50,000 pixels."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


FILE_CONTENTS = [
    PDF_BYTES, PDF_BYTES[:40], docx_bytes(), docx_bytes(extra=[("../../evil.py", b"print(1)")]),
    b"", b"MZ\x90\x00" + b"\x00" * 200, b"<html><script>alert(1)</script>",
    b"PK\x03\x04" + b"\x00" * 60, image_bytes("JPEG", size=(300, 300)),
    image_bytes("PNG", size=(40, 40)) + b"<script>x</script>", image_bytes("GIF"), pixel_bomb(),
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
]  # fmt: skip
FILE_NAMES = [
    "sample.pdf", "sample.docx", "me.jpg", "me.png", "../../etc/passwd.pdf", "shell.php",
    "x.html", "a" * 300 + ".pdf", "cv\u202egpj.exe", "<script>alert(1)</script>.pdf",
    "no-extension", ".pdf", "sample.PDF", "😀.docx",
]  # fmt: skip

uploads = st.builds(
    lambda data, name, content_type: SimpleUploadedFile(name, data, content_type),
    st.one_of(st.sampled_from(FILE_CONTENTS), st.binary(max_size=300)),
    st.one_of(st.sampled_from(FILE_NAMES), hostile_encodable.map(lambda name: name or "unnamed")),
    st.sampled_from(["application/pdf", "image/jpeg", "text/html", "application/x-msdownload"]),
)


def good_sample():
    return SimpleUploadedFile("My column.pdf", PDF_BYTES, "application/pdf")


def good_headshot():
    return SimpleUploadedFile("me.jpg", image_bytes("JPEG", size=(300, 300)), "image/jpeg")


VALID_PITCH = {
    "name": "Dr Amira Patel",
    "email": "amira.patel@example.org",
    "job_title": "Consultant geriatrician",
    "organisation": "Northshire Hospitals NHS Foundation Trust",
    "pitch_title": "Frailty at the front door",
    "synopsis": "A monthly column on frail older people in emergency departments.",
    "sample_text": "The first hour decides most of what follows for a frail patient.",
    "links": "https://example.org/blog",
    "conflicts": "",
    "consent": "on",
    "leave_blank": "",
}


@composite
def pitch_posts(draw):
    valid = VALID_PITCH
    # A valid pitch with a few fields made hostile, so most requests get as far as storing.
    changed = draw(st.dictionaries(st.sampled_from(sorted(valid)), hostile_encodable, max_size=2))
    data = valid | changed
    data["started"] = draw(
        st.sampled_from(["recent"] * 6 + ["just now", "forged", "", "long ago"])
    )
    for name, good in (("sample_file", good_sample), ("headshot", good_headshot)):
        choice = draw(st.sampled_from(["none", "none", "good", "good", "one", "two"]))
        if choice == "good":
            data[name] = good()
        elif choice == "one":
            data[name] = draw(uploads)
        elif choice == "two":
            data[name] = [draw(uploads), draw(uploads)]
    return data


STARTED = {
    "recent": lambda: started_ago(120),
    "just now": lambda: issue_timestamp(),
    "long ago": lambda: started_ago(10 * 24 * 3600),
    "forged": lambda: "1700000000:forged",
    "": lambda: "",
}


def private_files(root):
    if not root.exists():
        return set()
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def referenced_files():
    names = set()
    for sample, headshot in Pitch.objects.values_list("sample_file", "headshot"):
        names |= {name for name in (sample, headshot) if name}
    return names


@given(data=pitch_posts())
@example(data=VALID_PITCH | {"started": "recent"})
@example(data=VALID_PITCH | {"started": "recent", "sample_file": "good", "headshot": "good"})
@FUZZ
def test_the_pitch_form_stores_a_whole_pitch_or_nothing_and_never_errs(
    client, settings, default_sections, data
):
    data["started"] = STARTED[data["started"]]()
    data["email"] = unique_address(data["email"], {VALID_PITCH["email"]})
    for name, good in (("sample_file", good_sample), ("headshot", good_headshot)):
        if data.get(name) == "good":
            data[name] = good()
    before = Pitch.objects.count()

    response = client.post("/columnists/apply/", data)
    event(f"pitch {response.status_code}")

    assert response.status_code in {200, 302, 413, 429}, response.status_code
    after = Pitch.objects.count()
    assert after == before + (1 if response.status_code == 302 else 0)
    assert private_files(settings.PRIVATE_MEDIA_ROOT) == referenced_files()
    assert PitchEmail.objects.count() == 2 * after


# Search and the query parameters of public pages ----------------------------------------------


@pytest.fixture
def public_pages(discussion):
    article = discussion["open"]
    article.tags.add("waiting lists")
    return {
        "search": reverse("articles:search"),
        "article": article.get_absolute_url(),
        "news": "/news/",
        "section": article.section.get_absolute_url(),
        "tag": "/tags/waiting-lists/",
        "home": "/",
    }


parameter_values = st.one_of(
    hostile,
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates().map(str),
    st.sampled_from(["news", "columnists", "2024-02-30", "31/12/2024", "last", "1"]),
)


@given(
    page=st.sampled_from(["search", "article", "news", "section", "tag", "home"]),
    params=st.dictionaries(
        st.sampled_from(["q", "page", "section", "from_date", "to_date", "reply_to", "comments"]),
        st.one_of(parameter_values, st.lists(parameter_values, min_size=2, max_size=3)),
        min_size=1,
    ),
)
@FUZZ
def test_any_query_parameters_on_public_pages_give_the_page(client, public_pages, page, params):
    response = client.get(public_pages[page], params)
    assert response.status_code == 200, (page, params)
    if page == "search":
        assert 'name="q"' in response.text
