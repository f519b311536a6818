"""Lighthouse scores of every public page type, on the production stack, outside the suite.

Seeds a PostgreSQL database with the demo content, serves it as production does (DEBUG off,
collectstatic with whitenoise's compressed manifest, gunicorn behind nginx from deploy/),
runs Lighthouse 12 (bench/lighthouse/package-lock.json pins it; mobile, the default form
factor) three times on each page, and prints the median score of each category per page
and, for every score under its floor, the audits that cost points.

    make lighthouse                              # every page, three runs each
    python -m bench.lighthouse --runs 1 --only "front page"   # one quick look

Floors: accessibility, best practices and SEO 100, performance 95. Pages that tell search
engines not to index them (search results, the applicant's private status page) are not held
to the SEO floor: their SEO score is shown but not counted. The 404 page is left out:
Lighthouse scores no page that answers with an error status.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.run import (
    ROOT,
    create_database,
    database_url,
    free_port,
    manage,
    start_gunicorn,
    start_nginx,
    stop,
)

LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLOORS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
NOINDEX = {"search", "pitch status"}
PITCH_EMAIL = "lighthouse.applicant@example.org"
SITE_PAGE = "/about/"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--database", default="nhe_lighthouse")
    parser.add_argument("--only", action="append", help="measure only the page(s) named")
    parser.add_argument("--json", type=Path, help="also write the medians and audits here")
    return parser.parse_args()


def environment(url, var_dir):
    """Production settings on the Lighthouse database, with its own files and cache."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "nhe.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "lighthouse-only-secret-key-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "VAR_DIR": str(var_dir),
        "CACHE_URL": f"filecache://{var_dir / 'cache'}",
        "EMAIL_URL": "dummymail://",
        "TASKS_BACKEND": "immediate",
    }


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pitch_status_path():
    """The status page of a pitch made for this run (the demo content makes none)."""
    from django.utils import timezone

    from columnists.models import Pitch, ReferenceSequence, duplicate_key

    title = "Notes from a community hospital"
    pitch = Pitch.objects.filter(email=PITCH_EMAIL).first() or Pitch.objects.create(
        reference=ReferenceSequence.next_reference(timezone.localdate().year),
        name="Jo Marsh",
        email=PITCH_EMAIL,
        job_title="Matron",
        organisation="Northshire Community Health NHS Trust",
        pitch_title=title,
        synopsis="A monthly column about running wards outside the big hospitals.",
        sample_text="The night shift starts with a handover in the corridor.",
        consented_at=timezone.now(),
        duplicate_key=duplicate_key(PITCH_EMAIL, title),
    )
    return pitch.get_status_url()


def pick_pages():
    """One page of each public type, found in the seeded database: {label: path}."""
    from django.test import Client
    from django.urls import reverse
    from taggit.models import Tag

    from articles.models import Article, Author, Section

    public = Article.objects.published().newest_first()
    pages = {
        "front page": "/",
        "news list": reverse("articles:news"),
        "section": Section.objects.get(slug="news").get_absolute_url(),
    }
    kinds = {
        "news article": "news",
        "column": "columnists",
        "last word Q&A": "last-word",
        "NHE TV video": "nhe-tv",
        "Scalpel blog post": "the-scalpel",
    }
    for label, slug in kinds.items():
        article = public.filter(section__slug=slug)
        if slug == "nhe-tv":
            article = article.exclude(video_url="")
        article = article.first()
        if article:
            pages[label] = article.get_absolute_url()
    columnist = Author.objects.filter(is_columnist=True).order_by("name").first()
    if columnist:
        pages["author"] = columnist.get_absolute_url()
    tag = Tag.objects.filter(taggit_taggeditem_items__isnull=False).order_by("name").first()
    if tag:
        pages["tag"] = reverse("articles:tag", args=[tag.slug])
    pages["search"] = reverse("articles:search") + "?q=nhs+workforce"
    pages["columnists directory"] = reverse("columnists:directory")
    pages["pitch form"] = reverse("columnists:apply")
    pages["pitch status"] = pitch_status_path()
    if Client(HTTP_HOST="127.0.0.1").get(SITE_PAGE).status_code == 200:
        pages["site page"] = SITE_PAGE
    else:
        print(f"lighthouse: no site page at {SITE_PAGE} in this build: skipped", file=sys.stderr)
    # No 404 page: Lighthouse scores no page answered with an error status (it stops with
    # ERRORED_DOCUMENT_REQUEST); the suite's checks (tests/e2e/test_quality.py) cover it.
    return pages


def lighthouse(url):
    """One Lighthouse run's report (mobile, the four categories) as a dict."""
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless=new --no-sandbox",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    try:
        report = json.loads(finished.stdout)
    except ValueError:
        raise RunFailed(finished.stderr.strip()[-500:] or "no report") from None
    if report.get("runtimeError"):
        raise RunFailed(report["runtimeError"].get("message", "runtime error"))
    return report


class RunFailed(Exception):
    """Lighthouse gave no scores for a page (it could not load it, or it crashed)."""


def located(item):
    """Where an audit's table row points: an element's selector, a URL, or what it says."""
    if not isinstance(item, dict):
        return ""
    parts = []
    for key in ("node", "source", "url"):
        value = item.get(key)
        if isinstance(value, dict):
            value = value.get("selector") or value.get("url") or value.get("snippet")
        if value and isinstance(value, str | int | float):
            parts.append(str(value))
            break
    if isinstance(item.get("description"), str):
        parts.append(item["description"])
    return " ".join(parts)[:200]


def failing_audits(report, category):
    """{audit id: description} for the audits of a category that did not score full marks."""
    audits = report["audits"]
    failing = {}
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if audit.get("scoreDisplayMode") in ("notApplicable", "informative", "manual", "error"):
            continue
        if audit.get("score") is None or audit["score"] >= 1:
            continue
        if category == "performance" and ref.get("weight", 0) == 0 and audit["score"] >= 0.9:
            continue  # a passing diagnostic, not a lost point
        detail = audit.get("displayValue") or ""
        items = (audit.get("details") or {}).get("items") or []
        where = [text for text in map(located, items[:4]) if text]
        failing[ref["id"]] = (
            f"{audit['title']}"
            + (f" ({detail})" if detail else "")
            + (f" at {'; '.join(where)}" if where else "")
        )
    return failing


def measure(base_url, pages, runs):
    results = {}
    for label, path in pages.items():
        reports, errors = [], []
        for run in range(runs):
            print(f"  {label}: run {run + 1} of {runs}", file=sys.stderr)
            # Lighthouse now and then fails to record a trace on a busy machine (NO_NAVSTART):
            # such a run is tried once more before it counts as failed.
            for attempt in (1, 2):
                try:
                    reports.append(lighthouse(base_url + path))
                    break
                except RunFailed as error:
                    print(f"  {label}: run {run + 1} failed: {error}", file=sys.stderr)
                    if attempt == 2:
                        errors.append(str(error))
        if not reports:
            results[label] = {"path": path, "scores": None, "audits": {}, "errors": errors}
            continue
        scores = {
            category: statistics.median(
                round(100 * (report["categories"][category]["score"] or 0)) for report in reports
            )
            for category in CATEGORIES
        }
        audits = {}
        for category in CATEGORIES:
            if scores[category] >= FLOORS[category]:
                continue
            seen = {}
            for report in reports:
                for audit_id, text in failing_audits(report, category).items():
                    seen.setdefault(audit_id, [text, 0])[1] += 1
            audits[category] = {
                key: f"{text} [{n}/{len(reports)} runs]" for key, (text, n) in seen.items()
            }
        results[label] = {"path": path, "scores": scores, "audits": audits, "errors": errors}
    return results


def render(results, runs):
    lines = [
        f"Lighthouse 12 (mobile), median of {runs} run(s), measured "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC on the production stack "
        "(DEBUG off, gunicorn behind nginx) with the demo content.",
        "",
        "| page | performance | accessibility | best practices | SEO |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    below = []
    for label, result in results.items():
        if result["scores"] is None:
            lines.append(f"| {label} | no scores: {result['errors'][0]} | | | |")
            continue
        cells = []
        for category in CATEGORIES:
            score = result["scores"][category]
            mark = ""
            if category == "seo" and label in NOINDEX:
                mark = " (noindex)"
            elif score < FLOORS[category]:
                mark = " ✗"
            cells.append(f"{score:g}{mark}")
        failed = f" ({len(result['errors'])} run(s) failed)" if result["errors"] else ""
        lines.append(f"| {label}{failed} | " + " | ".join(cells) + " |")
        for category, audits in result["audits"].items():
            if category == "seo" and label in NOINDEX:
                continue
            below.append(f"- **{label}** ({result['path']}), {category}:")
            below += [f"    - `{audit_id}`: {text}" for audit_id, text in audits.items()]
    if below:
        lines += ["", "Audits that cost points where a score is under its floor:", "", *below]
    return "\n".join(lines) + "\n"


def main():
    args = parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"lighthouse: not installed; run `npm ci` in {LIGHTHOUSE_DIR}")
    if not shutil.which("node"):
        sys.exit("lighthouse: Node.js is missing (Debian: apt-get install nodejs)")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        sys.exit(f"lighthouse: no Chromium at {chrome} (Debian: apt-get install chromium)")
    url, admin_url = database_url(args.database)
    create_database(admin_url, args.database)
    var_dir = ROOT / "var" / "lighthouse"
    env = environment(url, var_dir)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo")
    manage(env, "seed_comments")
    manage(env, "collectstatic", "--noinput", "-v0")
    shutil.rmtree(var_dir / "cache", ignore_errors=True)
    setup_django(env)
    pages = pick_pages()
    if args.only:
        pages = {label: path for label, path in pages.items() if label in args.only}
    app_port, proxy_port = free_port(), free_port()
    app = start_gunicorn(env, app_port)
    servers = [app]
    try:
        if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
            run_dir = Path(tempfile.mkdtemp(prefix="nhe-lighthouse-"))
            servers.append(start_nginx(app_port, proxy_port, env, run_dir))
            base_url = f"http://127.0.0.1:{proxy_port}"
        else:
            print("lighthouse: no nginx; measuring gunicorn alone", file=sys.stderr)
            base_url = f"http://127.0.0.1:{app_port}"
        results = measure(base_url, pages, args.runs)
    finally:
        for process in servers:
            stop(process)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(render(results, args.runs))


if __name__ == "__main__":
    main()
