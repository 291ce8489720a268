"""The baseline: the cheapest Flask response, the same bytes and headers as one horoscope.

`bench/run.py` serves it under the project's gunicorn.conf.py, with the body and headers of a real
single-sign response captured in the same run (BENCH_BASELINE_BODY: a file; BENCH_BASELINE_HEADERS:
JSON), so the only difference left is the service's own work.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from flask import Flask, Response

BODY = Path(os.environ["BENCH_BASELINE_BODY"]).read_bytes()
HEADERS: dict[str, str] = json.loads(os.environ["BENCH_BASELINE_HEADERS"])

app = Flask(__name__)


@app.get("/v1/horoscopes/<sign>/<day>")
def fixed(sign: str, day: str) -> Response:
    """Fixed bytes; the route has the service's shape so routing costs the same."""
    return Response(BODY, headers=HEADERS)
