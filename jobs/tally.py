"""What a job run did, entry by entry: the counts it records and the hook it reports each step to."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from service.publishing import Outcome


@dataclass(frozen=True, slots=True)
class Counts:
    """Entries a run published, refreshed, left to an override, found present, or removed, and
    history records it trimmed."""

    published: int = 0
    refreshed: int = 0
    overridden: int = 0
    present: int = 0
    removed: int = 0
    trimmed: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts by name, as recorded."""
        return asdict(self)

    @classmethod
    def from_dict(cls, counts: dict[str, int]) -> Counts:
        """Counts as recorded (names a newer release added read as zero)."""
        return cls(**{name: int(counts.get(name, 0)) for name in cls.__dataclass_fields__})


class Tally:
    """Counts outcomes as a job goes, calling `step` after each (where a run that lost its lock stops)."""

    def __init__(self, step: Callable[[], None] = lambda: None) -> None:
        self._step = step
        self._counts: dict[str, int] = dict.fromkeys(Counts.__dataclass_fields__, 0)

    def add(self, outcome: Outcome) -> None:
        """Count one entry's outcome."""
        self._counts[outcome.value] += 1
        self._step()

    def add_all(self, outcomes: Iterable[Outcome]) -> None:
        """Count several entries' outcomes."""
        for outcome in outcomes:
            self.add(outcome)

    def removed(self, count: int) -> None:
        """Count entries a prune deleted."""
        self._counts["removed"] += count
        self._step()

    def trimmed(self, count: int) -> None:
        """Count history records a prune dropped."""
        self._counts["trimmed"] += count
        self._step()

    @property
    def counts(self) -> Counts:
        """The counts so far."""
        return Counts(**self._counts)
