import pytest

from service.local_cache import LocalCache
from service.store import StoreUnavailable


class Generation:
    """Stands in for Redis's generation counter: the value, or an outage."""

    def __init__(self) -> None:
        self.value = 0
        self.down = False
        self.reads = 0

    def __call__(self) -> int:
        self.reads += 1
        if self.down:
            raise StoreUnavailable("down")
        return self.value


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def parts() -> tuple[LocalCache[str], Generation, Ticks]:
    generation, ticks = Generation(), Ticks()
    cache: LocalCache[str] = LocalCache(
        generation, size=3, check_interval=1.0, stale_if_error=30.0, monotonic=ticks
    )
    return cache, generation, ticks


def fill(cache: LocalCache[str], *keys: str) -> None:
    """As the publisher does: a get that misses (reading the generation first), then a put."""
    for key in keys:
        assert cache.get(key) is None
        cache.put(key, key.upper())


def test_values_are_served_while_the_generation_holds(parts) -> None:
    cache, _generation, ticks = parts
    fill(cache, "a")
    assert cache.get("a") == "A"
    ticks.now += 5
    assert cache.get("a") == "A"
    assert (cache.hits, cache.misses) == (2, 1)


def test_redis_is_asked_at_most_once_per_interval(parts) -> None:
    cache, generation, ticks = parts
    fill(cache, "a")
    for _ in range(100):
        cache.get("a")
    assert generation.reads == 1
    ticks.now += 1.0
    cache.get("a")
    assert generation.reads == 2


def test_a_write_elsewhere_is_seen_within_the_interval(parts) -> None:
    cache, generation, ticks = parts
    fill(cache, "a")
    cache.get("a")
    generation.value += 1  # another process wrote
    ticks.now += 0.5
    assert cache.get("a") == "A"  # not yet checked: the documented lag
    ticks.now += 0.5
    assert cache.get("a") is None


def test_invalidate_forgets_at_once(parts) -> None:
    cache, _, _ = parts
    fill(cache, "a")
    cache.invalidate()
    assert cache.get("a") is None


def test_outage_serves_recent_values_then_stops(parts) -> None:
    cache, generation, ticks = parts
    fill(cache, "a")
    assert cache.get("a") == "A"
    generation.down = True
    ticks.now += 29
    assert cache.get("a") == "A"
    ticks.now += 2
    assert cache.get("a") is None
    generation.down = False
    ticks.now += 1
    assert cache.get("a") == "A"  # generation unchanged: what it held was never stale


def test_least_recently_used_values_go_first(parts) -> None:
    cache, _, _ = parts
    fill(cache, "a", "b", "c")
    cache.get("a")
    fill(cache, "d")
    assert cache.get("b") is None
    assert [cache.get(key) for key in "acd"] == ["A", "C", "D"]


def test_values_put_before_the_first_check_are_not_trusted(parts) -> None:
    cache, _, _ = parts
    cache.put("a", "A")  # rendered before this process had read the generation
    assert cache.get("a") is None
