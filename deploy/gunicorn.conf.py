"""gunicorn settings for production: sync workers sized to the cores, recycled now and then."""

import multiprocessing
import os

# Only nginx may reach gunicorn: a client that could would write its own X-Forwarded-For.
# Best a Unix socket that only nginx's user can open (scripts/serve: unix:RUN_DIR/gunicorn.sock,
# nginx: `server unix:...;`); a loopback port trusts every process on the host.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# The app stands behind one proxy of ours, deploy/nginx.conf.template, which writes the
# client's address into X-Forwarded-For; the client address is the one it saw. With a load
# balancer or CDN in front of nginx as well, keep this at 1 and let nginx's real-IP lines
# (in the template) take the client's address from that balancer's header.
os.environ.setdefault("TRUSTED_PROXY_COUNT", "1")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
worker_class = "sync"
# Requests are short; a request that takes longer than this is stuck and its worker recycled.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle workers now and then so that a slow leak in any library cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
# Load the app before forking: faster worker start and shared memory for the code.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Behind nginx on the same host: trust its X-Forwarded-* headers only from loopback.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
# Access lines without the query string (it can carry a reader's search words), with the
# request id nginx gave the request, which the app's own log lines carry too.
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms %({x-request-id}i)s"
# gunicorn's own lines as JSON objects too, like the app's (LOG_FORMAT, nhe/settings.py).
if os.environ.get("LOG_FORMAT", "json") == "json":
    _json = {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "timestamp": "time",
        "fmt": ["levelname", "name", "message"],
        "rename_fields": {"levelname": "level", "name": "logger", "exc_info": "exception"},
    }
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": _json},
        "handlers": {
            "error": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            },
        },
        "root": {"handlers": ["error"], "level": loglevel.upper()},
        "loggers": {
            "gunicorn.error": {
                "handlers": ["error"],
                "level": loglevel.upper(),
                "propagate": False,
            },
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
