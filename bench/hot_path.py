"""Microseconds per request of the hot read paths, calling the WSGI apps directly (no gunicorn, no sockets).

Run by hand: `.venv/bin/python bench/hot_path.py [--profile]`. It isolates what the service adds to a
bare Flask response, which is what `bench/run.py` measures under load; `--profile` prints a
pyinstrument profile of each path (`pip install pyinstrument` into .venv by hand; not a dependency).
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402

from service import create_app  # noqa: E402
from service.config import Config  # noqa: E402
from service.redis_server import RedisServer  # noqa: E402

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Any]


def environ(path: str, query: str = "", headers: dict[str, str] | None = None) -> dict[str, Any]:
    """A WSGI environ of a GET as gunicorn builds it."""
    env = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    env.update({"HTTP_" + k.upper().replace("-", "_"): v for k, v in (headers or {}).items()})
    return env


def call(app: WsgiApp, env: dict[str, Any]) -> tuple[str, bytes]:
    status: list[str] = []
    body = b"".join(app(dict(env), lambda s, h, *a: status.append(s)))
    return status[0], body


def per_request(app: WsgiApp, env: dict[str, Any], seconds: float) -> float:
    """Median over 5 rounds of CPU microseconds per request (CPU time: other processes do not count)."""
    call(app, env)
    rounds = []
    for _ in range(5):
        count, started = 0, time.process_time()
        while time.process_time() - started < seconds / 5:
            for _ in range(100):
                call(app, env)
            count += 100
        rounds.append((time.process_time() - started) / count * 1e6)
    return sorted(rounds)[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per path")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of each path")
    parser.add_argument(
        "--log-level", default="INFO", help="the app's log level (INFO: an access line per request)"
    )
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="horoscope-hot-path-"))
    server = RedisServer(scratch).start()
    try:
        # Default settings, as served; the per-request log lines go to /dev/null instead of stdout.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        app = create_app(Config(redis_url=server.url, log_level=options.log_level))
        sys.stdout = sys.__stdout__
        # The baseline's view inside the service's app: what routing, hooks and extensions cost alone.
        fixed: dict[str, Callable[..., Any]] = {}
        app.add_url_rule("/bench/<sign>/<day>", "bench_fixed", lambda **path: fixed["view"](**path))
        # Flask alone: no cached reads in front of it, and no request accounting around it.
        views: WsgiApp = functools.partial(Flask.wsgi_app, app)
        today = app.extensions["horoscope"].publisher.today().isoformat()
        single = environ(f"/v1/horoscopes/leo/{today}")
        status, body = call(app, single)
        assert status.startswith("200"), (status, body)
        headers: dict[str, str] = {}
        app(dict(single), lambda s, h, *a: headers.update(h))
        slug = json.loads(call(app, environ(f"/v1/listicles/{today}"))[1])["items"][0]["slug"]
        etag = headers["ETag"]

        body_file = scratch / "body"
        body_file.write_bytes(body)
        os.environ["BENCH_BASELINE_BODY"] = str(body_file)
        os.environ["BENCH_BASELINE_HEADERS"] = json.dumps(
            {k: headers[k] for k in ("Content-Type", "ETag", "Last-Modified", "Cache-Control")}
        )
        sys.path.insert(0, str(ROOT / "bench"))
        from baseline_app import app as baseline

        fixed["view"] = baseline.view_functions["fixed"]

        yesterday = (app.extensions["horoscope"].publisher.today() - timedelta(days=1)).isoformat()
        paths = {
            "baseline": (baseline, single),
            "fixed, in app": (app, environ(f"/bench/leo/{today}")),
            "single": (app, single),
            "single, the view": (views, single),
            "single, query": (app, environ(f"/v1/horoscopes/leo/{today}", "period=daily&system=tropical")),
            # An unknown name sends the query through flask-smorest and marshmallow, as every read once did.
            "single, schema": (app, environ(f"/v1/horoscopes/leo/{today}", "period=daily&utm_source=x")),
            "single, alias": (app, environ("/v1/horoscopes/leo/today")),
            "single 304": (app, environ(f"/v1/horoscopes/leo/{today}", headers={"If-None-Match": etag})),
            "all twelve": (app, environ(f"/v1/horoscopes/{yesterday}")),
            "listicle": (app, environ(f"/v1/listicles/{slug}")),
            "listicle, the view": (views, environ(f"/v1/listicles/{slug}")),
        }
        base = None
        for name, (wsgi, env) in paths.items():
            micros = per_request(wsgi, env, options.seconds)
            base = base or micros
            print(f"{name:20} {micros:8.1f} us  {micros / base:5.2f}x baseline")
        if options.profile:
            from pyinstrument import Profiler

            for name, (wsgi, env) in paths.items():
                profiler = Profiler(interval=0.0001)
                with profiler:
                    for _ in range(3000):
                        call(wsgi, env)
                print(f"\n===== {name}")
                print(profiler.output_text(unicode=False, color=False, show_all=False))
    finally:
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
