"""Log lines as JSON, one object a line, for every process of the service: workers, the scheduler,
`serve`, and gunicorn's master (through `GunicornLogger`, named in gunicorn.conf.py).

Standard library and gunicorn only: gunicorn's master imports this before its workers exist, and
must not import prometheus-client before it has chosen the workers' metrics directory.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

from gunicorn.glogging import Logger


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with whatever a log call passed in `extra={"fields": {...}}`."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(level: str) -> None:
    """JSON lines on stdout for every logger of the process."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    # Replace only our own handler (an app built twice must not log twice); leave others be.
    root.handlers[:] = [h for h in root.handlers if not isinstance(h.formatter, JsonFormatter)] + [handler]
    root.setLevel(level)


class GunicornLogger(Logger):  # type: ignore[misc]  # gunicorn has no type hints
    """gunicorn's own lines (start, workers booting and exiting, errors) as JSON lines too.

    gunicorn's settings still decide where they go (`errorlog`, `accesslog`) and from which level.
    """

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for handler in (*self.error_log.handlers, *self.access_log.handlers):
            handler.setFormatter(JsonFormatter())


class ReportedAsDebug(logging.Filter):
    """A logger's INFO lines are reported at DEBUG: for routine lines a library logs at INFO."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO:
            return True
        record.levelno, record.levelname = logging.DEBUG, logging.getLevelName(logging.DEBUG)
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
