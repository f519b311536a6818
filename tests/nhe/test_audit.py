"""`make audit`'s dependency step, driven by a stand-in pip-audit that writes a set report."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR, "scripts", "audit-dependencies")
DJANGO_ADVISORY = {"id": "PYSEC-0000-1", "fix_versions": ["6.1.4"], "aliases": []}


def run_audit(tmp_path, report, mode=None):
    fake = tmp_path / "pip-audit"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"report = {json.dumps(report)!r}\n"
        "open(sys.argv[sys.argv.index('--output') + 1], 'w').write(report)\n"
        "sys.exit(1 if '\"vulns\": [{' in report else 0)\n"
    )
    fake.chmod(0o755)
    env = {"PATH": os.environ["PATH"]}
    if mode:
        env["AUDIT_DEPENDENCIES"] = mode
    return subprocess.run(
        [sys.executable, SCRIPT, str(fake)], env=env, capture_output=True, text=True, check=False
    )


def test_a_clean_report_passes(tmp_path):
    report = {"dependencies": [{"name": "django", "version": "6.1.3", "vulns": []}]}
    result = run_audit(tmp_path, report)
    assert result.returncode == 0
    assert "no known vulnerabilities" in result.stdout


@pytest.mark.parametrize("mode", [None, "best-effort"])
def test_a_known_vulnerability_fails_whatever_the_mode(tmp_path, mode):
    report = {"dependencies": [{"name": "django", "version": "6.1.3", "vulns": [DJANGO_ADVISORY]}]}
    result = run_audit(tmp_path, report, mode)
    assert result.returncode == 1
    assert "django 6.1.3: PYSEC-0000-1 (fixed in 6.1.4)" in result.stdout


def test_an_audit_that_could_not_check_its_packages_fails_loudly(tmp_path):
    report = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}
    result = run_audit(tmp_path, report)
    assert result.returncode == 1
    assert "DEPENDENCY AUDIT INCOMPLETE" in result.stderr


def test_best_effort_mode_only_warns_when_packages_could_not_be_checked(tmp_path):
    report = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}
    result = run_audit(tmp_path, report, "best-effort")
    assert result.returncode == 0
    assert "DEPENDENCY AUDIT INCOMPLETE" in result.stderr
