"""gunicorn settings for the web role; every value can be set from the environment.

Part of the package, so that `horoscope-service serve` works from any directory after a plain `pip
install` (`gunicorn -c python:service.gunicorn_config`); `serve --gunicorn-config PATH` takes a file of
your own instead. `serve` passes --bind and, when asked, --workers on top of these.
"""

import os

# Two workers per core is the usual start; this service is CPU-light on the hot path.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))

# Slow clients (issue 19 H1): gunicorn's gevent worker with two additions (service/web_worker.py): a
# deadline for request bodies, and problem+json answers for the requests gunicorn itself refuses. Not
# gthread: a thread worker gives a connection a thread from its request's first byte to its answer, so ten
# clients dripping header bytes held all 2 x 4 threads and nobody else was answered. A gevent worker reads
# each connection in a greenlet (a few KB), so slow clients cost sockets, not the service: with 60 of them
# open, readers' p99 stayed at 17 ms (bench/slow_clients.py). A cached read costs the same CPU as under
# gthread (bench/README.md, which also says where gevent's tail latency is worse on a contended machine).
# Production still belongs behind a buffering proxy or CDN (README, "Deploying"): it absorbs slow clients by
# the thousand, which a worker should not have to.
worker_class = "service.web_worker.WebWorker"
# Connections one worker holds at once, slow ones included; more wait in the listen backlog.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "1000"))
# Seconds an idle keep-alive connection stays open, and also the deadline for a request's line and
# headers and, again, for its body: a client slower than that is cut off (a body with 408). Behind a
# load balancer, set it above the balancer's idle timeout so that gunicorn never closes a connection
# the balancer is about to reuse; the balancer then bears the slow clients. Must be above 0.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# gunicorn's limits, stated: longer request lines get 414, more or longer header fields 431 (as problems).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

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


def post_worker_init(worker):  # type: ignore[no-untyped-def]
    """Before a worker takes requests: this year's and next year's festival calendar at the
    configured place, which its first composition would otherwise pay for (about a second)."""
    from service.components import components
    from service.content.festivals import festivals_in
    from service.content.places import place

    with worker.wsgi.app_context():
        publisher = components().publisher
        city, year = place(publisher.config.place), publisher.today().year
    for each in (year, year + 1):
        festivals_in(each, city)


def child_exit(server, worker):  # type: ignore[no-untyped-def]
    """A dead worker's live metrics stop counting."""
    from service import metrics_directory

    metrics_directory.worker_exited(worker.pid)


def on_exit(server):  # type: ignore[no-untyped-def]
    """After the last worker: the metrics directory goes."""
    from service import metrics_directory

    metrics_directory.close_for_server()
