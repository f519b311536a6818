"""The shipped nginx (deploy/nginx.conf.template) started in front of a stand-in app, for
tests of its caching rules."""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def nginx_in_front_of(upstream_port, run_dir):
    """nginx from the template, passing to 127.0.0.1:`upstream_port`; yields the port it
    listens on once it accepts connections. Skips without nginx, except in CI."""
    if not os.path.exists(NGINX):
        if os.environ.get("CI"):
            pytest.fail("nginx must be installed in CI (.ci/run installs it)")
        pytest.skip("nginx is not installed (Debian: apt-get install nginx-light)")
    port = free_port()
    values = {
        "USER": subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip(),
        "RUN_DIR": str(run_dir),
        "UPSTREAM": f"127.0.0.1:{upstream_port}",
        "LISTEN": f"127.0.0.1:{port}",
        "STATIC_ROOT": str(run_dir / "static"),
        "MEDIA_ROOT": str(run_dir / "media"),
    }
    config = TEMPLATE.read_text()
    for name, value in values.items():
        config = config.replace(f"@{name}@", value)
    (run_dir / "nginx.conf").write_text(config)
    nginx = subprocess.Popen(
        [NGINX, "-c", str(run_dir / "nginx.conf"), "-e", str(run_dir / "error.log"),
         "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert nginx.poll() is None, nginx.stderr.read().decode()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.05)
    try:
        yield port
    finally:
        nginx.terminate()
        nginx.wait(10)
