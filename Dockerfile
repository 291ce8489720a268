# One image for both roles: `docker run IMAGE web` (default) or `docker run IMAGE scheduler`.
# README, "Deploying", says how to run it: a stop timeout above 20 s, --read-only --tmpfs /tmp.
#
# The base, pinned by digest: the index digest (every platform keeps its own image) of
# python:3.11-slim-bookworm as built on 2026-09-19 (Python 3.11.16), as the Docker Official Images'
# repo-info records it. A pin also freezes Debian's security fixes: take a new digest monthly, with
# `docker buildx imagetools inspect python:3.11-slim-bookworm` (README, "Deploying").
# Python 3.12 (README, "Python version"): --build-arg PYTHON_IMAGE=python:3.12-slim-bookworm@sha256:
# 392307d22300de8b5986851a12d9176dfc0fc073e65bf6523ebd7dcbeb23564e (3.12.14, the same day's build).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm@sha256:a36c24f9cbdf4fd0f52d67f0823eeac19c2028c637cecc392d97f980d4fec56b

# The package's wheel, built in a stage of its own: no source, build/ or egg-info reaches the image.
FROM ${PYTHON_IMAGE} AS wheel
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
COPY deploy/build-requirements.lock ./
RUN python -m pip install --quiet --require-hashes --no-deps -r build-requirements.lock
# The context is what .dockerignore lets in: pyproject.toml, README.md, the packages, the deploy files.
COPY . ./
RUN python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir /wheels .

FROM ${PYTHON_IMAGE}
# What scanners and registries read: which base this image is made from. Up here, with the steps a
# code change keeps: each step after the code's costs a rebuild time (a copy of the image with vfs).
ARG PYTHON_IMAGE
LABEL org.opencontainers.image.title="horoscope-service" \
      org.opencontainers.image.description="Daily, weekly and monthly horoscopes composed from the real sky; web or scheduler role" \
      org.opencontainers.image.base.name="${PYTHON_IMAGE}"
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    HOROSCOPE_DATA_DIR=/app/var \
    HOROSCOPE_METRICS_DIR=/tmp/horoscope-metrics \
    PORT=8000
# Writable: /app/var for the embedded Redis's data (unused with HOROSCOPE_REDIS_URL), and /tmp for
# gunicorn's worker files, the metrics files and the role the entrypoint records.
RUN useradd --system --uid 10001 --user-group --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin horoscope \
    && install -d -o horoscope -g horoscope -m 0750 /app/var
WORKDIR /app
VOLUME ["/app/var"]
EXPOSE 8000
# `serve` passes SIGTERM to gunicorn, which lets requests finish for GUNICORN_GRACEFUL_TIMEOUT (20 s):
# give the container a stop timeout above that (compose: stop_grace_period: 30s; docker run --stop-timeout 30).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD /app/docker-entrypoint.sh health
ENTRYPOINT ["dumb-init", "--single-child", "--", "/app/docker-entrypoint.sh"]
CMD ["web"]

# Dependencies first, from the lock alone: exact versions, hashes checked, wheels only (no compiler
# here). A code or README change keeps this layer; only the few steps below run again.
COPY deploy/requirements.lock /usr/local/share/horoscope-service/requirements.lock
RUN python -m pip install --require-hashes --no-deps --only-binary :all: \
        -r /usr/local/share/horoscope-service/requirements.lock \
    && python -m pip check
COPY gunicorn.conf.py docker-entrypoint.sh ./

# The package itself, from its wheel: what runs is what is installed (nothing to import from /app).
# Copied, not bind-mounted: buildah (podman build) reuses a RUN whose mount's stage changed.
COPY --from=wheel /wheels /tmp/wheels
RUN python -m pip install --quiet --no-deps --no-index /tmp/wheels/*.whl && rm -rf /tmp/wheels

USER 10001:10001
