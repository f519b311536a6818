"""Load-test the site as it runs in production, against a bare Django project in the same run.

Prepares a PostgreSQL database with a large archive, serves it with gunicorn (2 sync workers,
caching off on one server and on on another) and the bare project (bench/bare/: its own
settings, only CommonMiddleware, one view returning 30 KB) with the same gunicorn, drives each
page with wrk (-t2 -c8) after a warm-up, interleaved and repeated, each right after the bare
project, and prints a Markdown table of requests per second, p50/p99 latency, the ratio to the
bare project and the queries each page runs.

    make bench                      # the full run (20,000 articles, 10 s per measurement)
    bench/run.py --quick            # a smoke run: small archive, short measurements
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--database", default="nhe_bench")
    parser.add_argument("--quick", action="store_true", help="small data, 3 s measurements")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.comments, args.duration, args.warmup = 500, 2_000, 3, 1
    return args


def database_url(name):
    base = os.environ.get("DATABASE_URL")
    if not base:
        sys.exit("bench: DATABASE_URL is not set; run it as `make bench` or `make bench-cpu`.")
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), base


def create_database(admin_url, name):
    import psycopg2

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


POSTED_NAME = "Bench reader"


def forget_earlier_posts(url):
    """Delete the comments earlier runs posted, so that every run measures the same data."""
    import psycopg2

    connection = psycopg2.connect(url)
    with connection, connection.cursor() as cursor:
        cursor.execute("DELETE FROM comments_comment WHERE name = %s", [POSTED_NAME])
    connection.close()


def vacuum_analyze(url):
    """Fresh planner statistics after bulk loading, as autovacuum would give a live site."""
    import psycopg2

    connection = psycopg2.connect(url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, application="nhe.wsgi:application", ready_path="/healthz"):
    """gunicorn as the bench runs it for the app and the bare project alike."""
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            application,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    return answering(process, port, "gunicorn", seconds=30, path=ready_path)


def start_nginx(upstream_port, port, env, run_dir):
    """nginx from deploy/nginx.conf.template in front of the cached app server."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    template = (ROOT / "deploy" / "nginx.conf.template").read_text()
    values = {
        "@USER@": os.environ.get("USER") or "root",
        "@RUN_DIR@": str(run_dir),
        "@UPSTREAM@": f"127.0.0.1:{upstream_port}",
        "@LISTEN@": f"127.0.0.1:{port}",
        "@STATIC_ROOT@": str(Path(env["VAR_DIR"]) / "static"),
        "@MEDIA_ROOT@": str(Path(env["VAR_DIR"]) / "media"),
    }
    for placeholder, value in values.items():
        template = template.replace(placeholder, value)
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "nginx.conf").write_text(template)
    process = subprocess.Popen(
        [nginx, "-c", str(run_dir / "nginx.conf"), "-e", str(run_dir / "error.log"),
         "-g", "daemon off;"],
        start_new_session=True,
    )  # fmt: skip
    return answering(process, port, "nginx", seconds=15)


def answering(process, port, name, seconds, path="/healthz"):
    """The process, once its port answers the health check; the bench stops if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"bench: {name} on port {port} did not start")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_PERCENTILE = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
WRK_REQUESTS = re.compile(r"(\d+) requests in")
WRK_ERRORS = re.compile(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, duration, script=None):
    command = ["wrk", "-t2", "-c8", f"-d{duration}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if script:
        command += ["--", str(time.time_ns())]  # this run's mark, for the script's init()
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=duration + 30
    ).stdout
    latencies = {p: float(v) * UNITS[u] for p, v, u in WRK_PERCENTILE.findall(output)}
    errors = WRK_ERRORS.findall(output)
    return {
        "rps": float(WRK_RATE.search(output).group(1)),
        "requests": int(WRK_REQUESTS.search(output).group(1)),
        "p50": latencies.get("50"),
        "p99": latencies.get("99"),
        "errors": bool(errors),
    }


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pick_targets():
    """The pages to measure, found in the seeded database."""
    from django.db.models import Count, Q
    from django.urls import reverse

    from articles.models import Article, Section

    targets = {"front page": "/", "section": Section.objects.get(slug="news").get_absolute_url()}
    from comments import moderation

    public = Article.objects.published()
    discussed = (
        public.annotate(n=Count("comments", filter=Q(comments__status="approved")))
        .filter(n__gte=50)
        .order_by("-n", "-publish_at")
    )
    # The comment POST needs an article still open for comments: a closed one turns every
    # post away, which is not what is being measured. It posts to the last of them, not the
    # measured article, so that the thousands of comments it leaves waiting for moderation
    # do not change the article page measured after it.
    open_for_comments = [
        a
        for a in [*discussed[:200], *public.newest_first()[:200]]
        if moderation.state_of(a, moderation.comment_settings_for(a)) is moderation.State.OPEN
    ]
    if len(open_for_comments) < 2:
        sys.exit("bench: fewer than two public articles are open for comments")
    article, posted_to = open_for_comments[0], open_for_comments[-1]
    targets["article"] = article.get_absolute_url()
    targets["search"] = reverse("articles:search") + "?q=nhs+workforce"
    targets["RSS feed"] = reverse("articles:feed")
    return targets, posted_to


BARE_LABEL = "bare Django project"
LISTING_LABEL = "20-row list, 1 query"

POST_SCRIPT = """
-- Each wrk thread runs its own copy of this script. The run's mark (given on wrk's command
-- line), the thread's number and a counter keep every comment distinct, so that none is
-- refused as a repeat of one posted before.
local threads_made = 0
function setup(thread)
  threads_made = threads_made + 1
  thread:set("thread_number", threads_made)
end

function init(args)
  run_mark = args[1]
end

counter = 0
request = function()
  counter = counter + 1
  local unique = run_mark .. "-" .. tostring(thread_number) .. "-" .. tostring(counter)
  local body = "name=" .. NAME .. "&email=reader" .. unique .. "%40example.org"
    .. "&body=A+benchmark+comment+number+" .. unique .. "&token=" .. TOKEN
  return wrk.format("POST", PATH, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
"""


def comment_post_script(article, directory):
    """A wrk script that posts a new, distinct comment on the article each time."""
    from django.urls import reverse

    from comments import moderation

    script = directory / "post_comment.lua"
    path = reverse("comments:post", args=[article.pk])
    token = urllib.parse.quote(moderation.form_token(article.pk), safe="")
    name = urllib.parse.quote_plus(POSTED_NAME)
    script.write_text(f'PATH = "{path}"\nTOKEN = "{token}"\nNAME = "{name}"\n{POST_SCRIPT}')
    return path, script


def comments_on(article):
    from comments.models import Comment

    return Comment.objects.filter(article=article).count()


def count_queries(targets):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for label, path in targets.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts[label] = len(queries)
    return counts


def app_environment(url):
    """The app's environment in the bench: production settings on its database and cache."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "CONN_MAX_AGE": "500",
        "VAR_DIR": str(ROOT / "var" / "bench"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15"),
        "EMAIL_URL": "dummymail://",
        # The comment POST is measured, not throttled: one client posts thousands.
        "COMMENTS_RATE_PER_IP": "100000000",
        "COMMENTS_RATE_PER_EMAIL": "100000000",
        "COMMENTS_FORM_MIN_SECONDS": "0",
        "SECURE_SSL_REDIRECT": "0",
    }


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench: wrk is missing (Debian: apt-get install wrk)")
    url, admin_url = database_url(args.database)
    create_database(admin_url, args.database)
    env = app_environment(url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo", "--articles", str(args.articles))
    manage(env, "seed_comments", "--comments", str(args.comments), "--per-article", "50")
    manage(env, "update_search_index")
    forget_earlier_posts(url)
    vacuum_analyze(url)
    manage(env, "collectstatic", "--noinput", "-v0")
    setup_django({**env, "PAGE_CACHE_SECONDS": "0"})  # count the queries of a real render
    targets, posted_to = pick_targets()
    from articles.models import Article

    public = Article.objects.published().count()  # earlier, larger runs may have added more
    queries = count_queries({**targets, LISTING_LABEL: "/bench/listing/"})
    RESULTS.mkdir(parents=True, exist_ok=True)
    post_path, post_script = comment_post_script(posted_to, RESULTS)

    import redis

    redis.Redis.from_url(env["CACHE_URL"]).flushdb()
    servers = {}
    # "off": no page cache, the fragment caches warm (steady state); "cold": neither, so each
    # request renders as the first one after a publish does; "on": the page cache.
    for mode, seconds, fragments in (
        ("off", "0", "3600"),
        ("cold", "0", "0"),
        ("on", "300", "3600"),
    ):
        port = free_port()
        app_env = {**env, "PAGE_CACHE_SECONDS": seconds, "FRAGMENT_CACHE_SECONDS": fragments}
        if mode == "cold":  # a cache of its own: nothing the others stored is found
            app_env["CACHE_URL"] = env["CACHE_URL"].rsplit("/", 1)[0] + "/14"
        servers[mode] = (port, start_gunicorn(app_env, port))
    bare_port = free_port()
    bare_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.bare.settings"}
    servers["bare"] = (
        bare_port,
        start_gunicorn(bare_env, bare_port, "bench.bare.wsgi:application", ready_path="/"),
    )
    bare_target = f"http://127.0.0.1:{bare_port}/"
    plan = [(LISTING_LABEL, "off", "/bench/listing/", None)]
    plan += [
        (label, mode, path, None) for mode in ("off", "on") for label, path in targets.items()
    ]
    plan += [(label, "cold", targets[label], None) for label in ("front page", "article")]
    plan += [("comment POST", mode, post_path, post_script) for mode in ("off", "on")]
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        proxy_port = free_port()
        servers["proxy"] = (
            proxy_port,
            start_nginx(servers["on"][0], proxy_port, env, RESULTS / "nginx"),
        )
        plan += [
            (label, "proxy", targets[label], None)
            for label in ("front page", "section", "article")
        ]
    else:
        print("bench: no nginx (apt-get install nginx-light): proxy rows skipped", file=sys.stderr)
    results = {}
    try:
        for round_number in range(args.rounds):
            order = plan if round_number % 2 == 0 else list(reversed(plan))
            for label, mode, path, script in order:
                # The bare project is measured just before each page, so that each ratio
                # compares two neighbouring windows of the same machine load.
                wrk(bare_target, args.warmup)
                bare = wrk(bare_target, args.duration)
                results.setdefault((BARE_LABEL, "bare"), []).append({**bare, "ratio": 1.0})
                target = f"http://127.0.0.1:{servers[mode][0]}{path}"
                wrk(target, args.warmup, script)
                before = comments_on(posted_to) if script else 0
                result = wrk(target, args.duration, script)
                if script:  # a refused comment re-renders the page: say so, do not hide it
                    result["refused"] = result["requests"] - (comments_on(posted_to) - before)
                result["ratio"] = result["rps"] / bare["rps"]
                results.setdefault((label, mode), []).append(result)
                shown = label if mode == "bare" else f"{label} (cache {mode})"
                print(f"  round {round_number + 1}: {shown} done", file=sys.stderr)
    finally:
        for _, process in servers.values():
            stop(process)

    table = render(results, queries, args, public)
    (RESULTS / "latest.md").write_text(table)
    print(table)


def render(results, queries, args, public):
    def median(key, field):
        values = [r[field] for r in results[key] if r[field] is not None]
        return statistics.median(values) if values else float("nan")

    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores; "
        f"{public:,} public articles; gunicorn 2 sync workers for the app and the "
        f"bare project alike; wrk -t2 -c8 -d{args.duration}s after a {args.warmup} s warm-up; "
        f"{args.rounds} interleaved rounds; each page's ratio is the median of its req/s over "
        "the bare project's, measured just before it.",
        "",
        "| page | cache | req/s | ratio to bare Django | p50 ms | p99 ms | queries |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for (label, mode), runs in results.items():
        rps = median((label, mode), "rps")
        errors = " (errors)" if any(r["errors"] for r in runs) else ""
        refused = sum(r.get("refused", 0) for r in runs)
        errors += f" ({refused:,} refused)" if refused > 0 else ""
        shown_mode = "-" if label in (BARE_LABEL, LISTING_LABEL) else mode
        shown_queries = queries.get(label, "-") if mode == "off" else "-"
        ratio, p50, p99 = (median((label, mode), field) for field in ("ratio", "p50", "p99"))
        lines.append(
            f"| {label}{errors} | {shown_mode} | {rps:,.0f} | {ratio:.3f} | {p50:.2f} | "
            f"{p99:.2f} | {shown_queries} |"
        )
    bare = sorted(r["rps"] for r in results[(BARE_LABEL, "bare")])
    lines += [
        "",
        f"The bare project's {len(bare)} measurements ranged from {bare[0]:,.0f} to "
        f"{bare[-1]:,.0f} req/s: how much the machine's load moved during the run.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
