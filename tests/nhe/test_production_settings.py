"""The settings a production process gets from its environment, checked in fresh processes."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "www.nationalhealthexecutive.example",
    "EMAIL_URL": "smtp+tls://newsroom:password@smtp.example.org:587",
}


def run_django(args, **env):
    """Run manage.py in a process that sees only the given environment (and PATH)."""
    clean = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
        "DJANGO_SETTINGS_MODULE": "nhe.settings",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settings_of(*names, **env):
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {list(names)!r}}}, default=str))"
    )
    result = run_django(["shell", "-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_pass_the_deploy_check_with_warnings_as_failures():
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_with_a_redis_cache_the_rate_limit_checks_pass_unsilenced():
    env = {**PRODUCTION, "CACHE_URL": "redis://127.0.0.1:6379/0"}
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_the_deploy_check_fails_when_https_protections_are_switched_off():
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr
    assert "security.W008" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    env = {**PRODUCTION, "ALLOWED_HOSTS": ""}
    result = run_django(["check"], **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set ALLOWED_HOSTS" in result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = run_django(["check"], **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set SECRET_KEY" in result.stderr


def test_production_defaults_are_strict():
    values = settings_of(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "ADMIN_REQUIRE_OTP",
        **PRODUCTION,
    )
    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "ADMIN_REQUIRE_OTP": True,
    }


def test_the_proxy_header_is_trusted_only_when_configured():
    values = settings_of("SECURE_PROXY_SSL_HEADER", TRUST_PROXY_SSL_HEADER="1", **PRODUCTION)
    assert values == {"SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"]}


def test_local_development_works_over_plain_http_without_two_factor():
    values = settings_of(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "ADMIN_REQUIRE_OTP",
        "ALLOWED_HOSTS",
        DEBUG="1",
    )
    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
        "ADMIN_REQUIRE_OTP": False,
        "ALLOWED_HOSTS": ["127.0.0.1", "localhost", "[::1]"],
    }
