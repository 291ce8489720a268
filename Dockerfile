# One image for both roles: `docker run IMAGE web` (default) or `docker run IMAGE scheduler`.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p service schemas jobs \
    && touch service/__init__.py schemas/__init__.py jobs/__init__.py \
    && pip install . \
    && pip uninstall --yes horoscope-service \
    && rm -rf service schemas jobs build *.egg-info

COPY service ./service
COPY schemas ./schemas
COPY jobs ./jobs
COPY gunicorn.conf.py docker-entrypoint.sh ./
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 horoscope \
    && mkdir -p /app/var \
    && chown horoscope /app/var

USER horoscope
EXPOSE 8000
VOLUME ["/app/var"]

HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/healthz', timeout=2)"

ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["web"]
