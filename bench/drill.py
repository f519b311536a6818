"""A failure drill: mixed load through the shipped nginx stack while Redis and PostgreSQL fail.

Fills a database (`nhe_drill`) with the demo content and 200 archive articles, starts a Redis
server of its own on a free port and the production stack with scripts/serve (gunicorn
behind nginx, as `make serve` runs it) on that Redis, then for --minutes keeps up:

- readers fetching the 200 article pages (and the front page) through nginx;
- readers posting comments, each with a body of its own;
- an editor publishing a new article every --publish-every seconds (through the ORM).

Along the way Redis is stopped (at 20 % of the run) and started again (at 45 %), and every
database connection is killed with pg_terminate_backend twice (at 60 % and 80 %).

Passes when no response is a 5xx or a broken connection while Redis is away, the only 5xx
at any time are 503s of requests in flight at a database kill, and every comment answered
as saved is stored exactly once (and none answered otherwise is stored). Prints p50/p99
latency per phase, for reads and for comment posts; exits 1 when the drill fails.

    make drill                              # ten minutes
    python -m bench.drill --minutes 1       # a smoke run
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bench.run import create_database, database_url, free_port, manage, setup_django

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTED_NAME = "Drill reader"
DRILL_SLUG = "drill-"
# How long after pg_terminate_backend() returns a request may still meet its dying backend.
KILL_GRACE_SECONDS = 1.0

# (fraction of the run, what happens)
TIMELINE = [(0.20, "stop redis"), (0.45, "start redis"), (0.60, "kill db"), (0.80, "kill db")]
PHASES = ["steady", "redis away", "redis back", "after db kill 1", "after db kill 2"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--database", default="nhe_drill")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--readers", type=int, default=4, help="reading threads")
    parser.add_argument("--posters", type=int, default=1, help="comment-posting threads")
    parser.add_argument("--post-pause", type=float, default=0.5, help="seconds between posts")
    parser.add_argument("--publish-every", type=float, default=30)
    return parser.parse_args()


@dataclass
class Result:
    kind: str  # "read", "post", or "app" (gunicorn's access log)
    phase: str
    started: float
    ended: float
    status: int  # 0: the connection broke
    body: str = ""

    @property
    def ms(self):
        return (self.ended - self.started) * 1000


class Drill:
    def __init__(self, args, admin_url, url):
        self.args = args
        self.admin_url = admin_url
        self.url = url
        self.results = []
        self.kills = []  # (when pg_terminate_backend was sent, when it returned)
        self.publishes = []  # (slug, error or "")
        self.phase = PHASES[0]
        self.phase_changes = [(0.0, PHASES[0])]  # (wall-clock time, phase from then on)
        self.stopping = threading.Event()
        self.run_mark = str(time.time_ns())
        self.redis_port = free_port()
        self.serve_port = free_port()
        self.redis = None

    # The pieces --------------------------------------------------------------------------

    def environment(self):
        """Production settings on the drill's database and Redis, behind one nginx."""
        return {
            **os.environ,
            "DATABASE_URL": self.url,
            "DJANGO_SETTINGS_MODULE": "nhe.settings",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "drill-only-secret-key-" + "x" * 40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "ADMIN_REQUIRE_OTP": "0",
            "TRUSTED_PROXY_COUNT": "1",
            "LOG_FORMAT": "json",  # app_answers() reads gunicorn's access log
            "VAR_DIR": str(ROOT / "var" / "drill"),
            "CACHE_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "EMAIL_URL": "dummymail://",
            "SERVE_PORT": str(self.serve_port),
            "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
            "BIN": str(Path(PYTHON).parent),
            # Load from one address: counted, not throttled; and every article open for
            # comments, the 60-day-old archive included.
            "COMMENTS_RATE_PER_IP": "100000000",
            "COMMENTS_RATE_PER_EMAIL": "100000000",
            "COMMENTS_FORM_MIN_SECONDS": "0",
            "COMMENTS_CLOSE_AFTER_DAYS": "36500",
        }

    def start_redis(self):
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.redis_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        sys.exit("drill: redis-server did not start")

    def stop_redis(self):
        self.redis.terminate()
        self.redis.wait(timeout=10)

    def kill_database_connections(self):
        import psycopg2

        connection = psycopg2.connect(self.admin_url)
        connection.autocommit = True
        sent = time.time()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.args.database],
            )
            killed = cursor.fetchone()[0]
        self.kills.append((sent, time.time()))
        connection.close()
        return killed

    def serve(self, env):
        log = open(ROOT / "var" / "drill" / "serve.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [str(ROOT / "scripts" / "serve")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.serve_port}/healthz", timeout=2)
                return process
            except OSError:
                if process.poll() is not None:
                    break
                time.sleep(0.3)
        stop(process)
        sys.exit("drill: scripts/serve did not answer; see var/drill/serve.log")

    # The load ----------------------------------------------------------------------------

    def request(self, connection, method, path, body=None):
        headers = {"Host": "127.0.0.1"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status

    def timed(self, kind, method, path, body=None, connection=None, note=""):
        started = time.time()
        phase = self.phase
        try:
            status = self.request(connection, method, path, body)
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()  # http.client opens a new one on the next request
        self.results.append(Result(kind, phase, started, time.time(), status, note))

    def reader(self, paths):
        connection = http.client.HTTPConnection("127.0.0.1", self.serve_port, timeout=30)
        rng = random.Random()
        while not self.stopping.is_set():
            self.timed("read", "GET", rng.choice(paths), connection=connection)
            time.sleep(0.02)

    def poster(self, number, targets):
        connection = http.client.HTTPConnection("127.0.0.1", self.serve_port, timeout=30)
        sent = 0
        while not self.stopping.is_set():
            sent += 1
            path, token = targets[sent % len(targets)]
            body = f"Drill comment {self.run_mark}-{number}-{sent}, on how the wards coped."
            form = urllib.parse.urlencode(
                {
                    "name": POSTED_NAME,
                    "email": f"drill{number}-{sent}@example.org",
                    "body": body,
                    "token": token,
                }
            )
            self.timed("post", "POST", path, form, connection=connection, note=body)
            time.sleep(self.args.post_pause)

    def editor(self):
        """Publish a new article now and then, as an editor would; retry once after a kill."""
        from django.db import DatabaseError, close_old_connections
        from django.utils import timezone

        from articles.models import Article, Section

        number = 0
        while not self.stopping.wait(self.args.publish_every):
            number += 1
            slug = f"{DRILL_SLUG}{self.run_mark}-{number}"
            error = ""
            for _attempt in range(2):
                try:
                    Article.objects.create(
                        title=f"Drill bulletin {number}: trusts report on winter pressures",
                        slug=slug,
                        standfirst="Published during the failure drill.",
                        body="<p>Published while the drill ran.</p>",
                        section=Section.objects.get(slug="news"),
                        status=Article.Status.PUBLISHED,
                        publish_at=timezone.now(),
                    )
                    error = ""
                    break
                except DatabaseError as failure:
                    error = str(failure).splitlines()[0]
                    close_old_connections()
            self.publishes.append((slug, error))

    def timeline(self, seconds):
        started = time.monotonic()
        for (fraction, event), phase in zip(TIMELINE, PHASES[1:], strict=True):
            if self.stopping.wait(max(0, started + fraction * seconds - time.monotonic())):
                return
            if event == "stop redis":
                self.stop_redis()
            elif event == "start redis":
                self.start_redis()
            else:
                killed = self.kill_database_connections()
                print(f"drill: killed {killed} database connections", file=sys.stderr)
            self.phase = phase
            self.phase_changes.append((time.time(), phase))
            print(f"drill: {event} at {time.monotonic() - started:.0f} s", file=sys.stderr)

    # The run -----------------------------------------------------------------------------

    def prepare(self, env):
        (ROOT / "var" / "drill").mkdir(parents=True, exist_ok=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_demo", "--articles", str(self.args.articles))
        setup_django(env)
        from articles.models import Article
        from comments.models import Comment

        Comment.objects.filter(name=POSTED_NAME).delete()
        Article.objects.filter(slug__startswith=DRILL_SLUG).delete()

    def targets(self):
        from django.urls import reverse

        from articles.models import Article
        from comments import moderation

        articles = list(Article.objects.published().newest_first()[: self.args.articles])
        reads = ["/", *(a.get_absolute_url() for a in articles)]
        # Only articles open for comments: a closed one answers with the same redirect.
        open_ones = [
            a
            for a in articles
            if moderation.state_of(a, moderation.comment_settings_for(a)) is moderation.State.OPEN
        ]
        posts = [
            (reverse("comments:post", args=[a.pk]), moderation.form_token(a.pk))
            for a in open_ones[:20]
        ]
        if not posts:
            sys.exit("drill: no article is open for comments")
        return reads, posts

    def run(self):
        env = self.environment()
        self.start_redis()
        self.prepare(env)
        reads, posts = self.targets()
        server = self.serve(env)
        seconds = self.args.minutes * 60
        threads = [
            threading.Thread(target=self.reader, args=(reads,)) for _ in range(self.args.readers)
        ]
        threads += [
            threading.Thread(target=self.poster, args=(n, posts)) for n in range(self.args.posters)
        ]
        threads += [threading.Thread(target=self.editor)]
        clock = threading.Thread(target=self.timeline, args=(seconds,))
        print(
            f"drill: {seconds:.0f} s of load on http://127.0.0.1:{self.serve_port}/, "
            f"Redis on port {self.redis_port}",
            file=sys.stderr,
        )
        try:
            for thread in [*threads, clock]:
                thread.start()
            time.sleep(seconds)
        finally:
            self.stopping.set()
            for thread in [*threads, clock]:
                thread.join(timeout=60)
            stop(server)
            if self.redis.poll() is None:
                self.stop_redis()
        return self.verdict()

    # The verdict -------------------------------------------------------------------------

    def phase_at(self, when):
        return [phase for changed, phase in self.phase_changes if changed <= when][-1]

    def app_answers(self):
        """What gunicorn answered, from its access log: (phase, Result) for each request.

        nginx may hide an app's 5xx behind a stale copy (proxy_cache_use_stale); the app's
        own answers show whether pages were really served uncached while Redis was away.
        """
        for line in (ROOT / "var" / "drill" / "serve.log").read_text().splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("logger") != "gunicorn.access":
                continue
            _method, path, status, _size, ms, *_ = entry["message"].split()
            ended = datetime.fromisoformat(entry["time"]).timestamp()
            started = ended - int(ms.removesuffix("ms")) / 1000
            yield Result("app", self.phase_at(started), started, ended, int(status), path)

    def in_flight_at_a_kill(self, result):
        return any(
            result.started <= returned + KILL_GRACE_SECONDS and result.ended >= sent
            for sent, returned in self.kills
        )

    def verdict(self):
        from django.db import close_old_connections

        from comments.models import Comment

        close_old_connections()
        failures = []
        app_answers = list(self.app_answers())
        for result in [*self.results, *app_answers]:
            if result.status and result.status < 500:
                continue
            what = f"{result.kind} answered {result.status or 'a broken connection'}"
            if result.phase == "redis away":
                failures.append(f"{what} while Redis was away")
            elif not (result.status == 503 and self.in_flight_at_a_kill(result)):
                failures.append(f"{what} in phase {result.phase!r}")

        stored = Counter(
            Comment.objects.filter(name=POSTED_NAME).values_list("body", flat=True).iterator()
        )
        posts = [r for r in self.results if r.kind == "post"]
        saved = [r for r in posts if is_saved(r)]
        for post in posts:
            copies = stored[post.body]
            if copies > 1:
                failures.append(f"comment stored {copies} times: {post.body}")
            elif is_saved(post) and copies == 0:
                failures.append(f"comment answered as saved but lost: {post.body}")
            elif not is_saved(post) and copies == 1:
                failures.append(f"comment stored but answered {post.status}: {post.body}")
        failed_publishes = [f"publish {slug} failed: {error}" for slug, error in self.publishes]
        failures += [line for line in failed_publishes if not line.endswith("failed: ")]

        print(self.table(posts, saved, stored))
        app_statuses = Counter(r.status for r in app_answers)
        print(
            "App (gunicorn) answers: "
            + ", ".join(f"{s}: {n}" for s, n in sorted(app_statuses.items()))
        )
        if failures:
            print(f"\nFAIL: {len(failures)} finding(s)")
            for line, count in Counter(failures).most_common(20):
                print(f"- {line}" + (f" (x{count})" if count > 1 else ""))
            return 1
        print("\nPASS")
        return 0

    def table(self, posts, saved, stored):
        lines = [
            "| phase | reads | read p50 ms | read p99 ms | posts | post p50 ms | post p99 ms "
            "| statuses |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for phase in PHASES:
            reads = [r for r in self.results if r.phase == phase and r.kind == "read"]
            phase_posts = [r for r in posts if r.phase == phase]
            statuses = Counter(r.status for r in self.results if r.phase == phase)
            shown = ", ".join(f"{s or 'broken'}: {n}" for s, n in sorted(statuses.items()))
            lines.append(
                f"| {phase} | {len(reads)} | {percentile(reads, 50)} | {percentile(reads, 99)} "
                f"| {len(phase_posts)} | {percentile(phase_posts, 50)} "
                f"| {percentile(phase_posts, 99)} | {shown} |"
            )
        published = sum(1 for _, error in self.publishes if not error)
        lines += [
            "",
            f"Comments: {len(posts)} posted, {len(saved)} answered as saved, "
            f"{sum(stored.values())} stored ({len(stored)} distinct).",
            f"Editor: {published} of {len(self.publishes)} articles published.",
            f"Database kills: {len(self.kills)}.",
        ]
        return "\n".join(lines)


def stop(process):
    """Stop a process started in a session of its own, with everything it started."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    process.wait(timeout=30)


def is_saved(post):
    """A comment the reader was told is saved: redirected back to the article."""
    return post.status in (302, 303)


def percentile(results, p):
    if not results:
        return "-"
    ordered = sorted(r.ms for r in results)
    return f"{ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]:.0f}"


def main():
    args = parse_args()
    url, admin_url = database_url(args.database)
    create_database(admin_url, args.database)
    sys.exit(Drill(args, admin_url, url).run())


if __name__ == "__main__":
    main()
