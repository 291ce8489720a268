"""The jobs' errors; each carries its HTTP status, like every domain error."""

from __future__ import annotations

from service.content.errors import ContentError


class UnknownJob(ContentError):
    """No job has that name."""

    status = 404
    title = "Unknown job"


class RunInProgress(ContentError):
    """Another process holds the lock of that run right now."""

    status = 409
    title = "Run in progress"


class InvalidTarget(ContentError):
    """A target date the job may not run for."""

    status = 422
    title = "Invalid target date"


class JobRunFailed(ContentError):
    """A manual run ran and failed; its record says why."""

    status = 500
    title = "Job run failed"


class LockLost(Exception):
    """The run's lock expired or was taken over: stop, another process may be running it."""
