"""gunicorn settings for the web role; every value can be set from the environment.

`horoscope-service serve` passes --bind and, when asked, --workers on top of these.
"""

import os

# Two workers per core is the usual start; this service is CPU-light on the hot path.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# gthread, not sync: a sync worker closes every connection (no keep-alive) and stalls whole while one
# request waits on Redis or composes a missing entry; gthread keeps idle keep-alive connections in a
# poller and serves the rest meanwhile. Measured (bench/README.md): per-request CPU of a cached read is
# the same with 1, 2, 4 or 8 threads, so 4 only buys headroom for the occasional slow request.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Seconds an idle keep-alive connection stays open; behind a load balancer, set it above the
# balancer's idle timeout so that gunicorn never closes a connection the balancer is about to reuse.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# A request that takes longer is stuck (Redis calls time out after about a second).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# SIGTERM lets in-flight requests finish for this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))

# Recycle workers now and then (a leak's insurance), jittered so they do not all restart at once.
# Rarely: a new worker costs about a second of CPU and starts with an empty cache; at 2,000 req/s
# per worker this is about every eight minutes.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100000"))

# Logs go to stdout/stderr for the container runtime to collect, as JSON lines like the service's own.
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
logger_class = "service.logs.GunicornLogger"

# Workers import the app themselves: no Redis connection or ephemeris is shared across a fork.
preload_app = False

# gunicorn's control socket (for `gunicornc`) defaults to one path per user, $HOME/.gunicorn/gunicorn.ctl,
# which every gunicorn of that user on the host binds again at each worker spawn and removes when it
# stops. Nothing here uses it: off, unless GUNICORN_CONTROL_SOCKET gives this server a path of its own.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket


# Each server's workers write their metrics to a directory of the server's own (service/metrics_directory.py).
def on_starting(server):  # type: ignore[no-untyped-def]
    """Before any worker: this server's metrics directory."""
    from service import metrics_directory

    metrics_directory.open_for_server()


def child_exit(server, worker):  # type: ignore[no-untyped-def]
    """A dead worker's live metrics stop counting."""
    from service import metrics_directory

    metrics_directory.worker_exited(worker.pid)


def on_exit(server):  # type: ignore[no-untyped-def]
    """After the last worker: the metrics directory goes."""
    from service import metrics_directory

    metrics_directory.close_for_server()
