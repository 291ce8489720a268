"""Fresh picks: apart between signs on a day, no repeat for a sign within the window, no cycle."""

from __future__ import annotations

from collections import Counter

import pytest

from service.content.variety import FRESH_POOL, FRESH_WINDOW, Chooser

START = 739_000  # any period number: the properties hold for every one


def _picks(pool: str, items: list[int], sign: int, periods: range) -> list[int]:
    return [Chooser(0, START + t, sign).fresh(pool, items) for t in periods]


@pytest.mark.parametrize("size", [24, FRESH_POOL, 61, 120, 157])
def test_twelve_signs_get_twelve_different_items_every_period(size: int) -> None:
    items = list(range(size))
    for t in range(0, 400, 7):
        on_one_period = {Chooser(0, START + t, sign).fresh("tips", items) for sign in range(12)}
        assert len(on_one_period) == 12, t


@pytest.mark.parametrize("size", [FRESH_POOL, 61, 120])
def test_no_sign_sees_an_item_again_within_the_window(size: int) -> None:
    items = list(range(size))
    for sign in range(12):
        picks = _picks("tips", items, sign, range(400))
        for t in range(len(picks) - FRESH_WINDOW):
            window = picks[t : t + FRESH_WINDOW + 1]
            assert len(set(window)) == len(window), (sign, t)


def test_the_sequence_has_no_fixed_cycle() -> None:
    picks = _picks("tips", list(range(120)), 3, range(720))
    for period in range(1, 361):
        assert picks[period:] != picks[:-period], period


def test_pools_are_shuffled_independently() -> None:
    items = list(range(120))
    assert _picks("love tips", items, 0, range(60)) != _picks("money tips", items, 0, range(60))


def test_every_item_of_a_pool_is_used_over_a_year() -> None:
    items = list(range(120))
    used = {pick for sign in range(12) for pick in _picks("tips", items, sign, range(365))}
    assert used == set(items)


def test_a_pool_drawn_twice_for_one_entry_is_refused() -> None:
    chooser = Chooser(0, START, 0)
    chooser.fresh("tips", list(range(60)))
    with pytest.raises(ValueError, match="drawn twice"):
        chooser.fresh("tips", list(range(60)))


# --- Deals: rotations spread evenly over a run of periods --------------------------------------


def _deals(pool: str, items: list[int], periods: range) -> dict[tuple[int, int], int]:
    return {(t, sign): Chooser(0, START + t, sign).deal(pool, items) for t in periods for sign in range(12)}


@pytest.mark.parametrize("size", [13, 25, 29])
def test_a_deal_gives_twelve_signs_different_items_every_period(size: int) -> None:
    picks = _deals("lunation", list(range(size)), range(40))
    for t in range(40):
        assert len({picks[t, sign] for sign in range(12)}) == 12, t


@pytest.mark.parametrize("size", [13, 25, 29])
def test_a_year_of_monthly_deals_uses_every_item_equally_often_within_one(size: int) -> None:
    """144 monthly entries over 25 templates: each 5 or 6 times (a rotation can give one 12)."""
    for start in range(0, 60, 7):
        uses = Counter(_deals("lunation", list(range(size)), range(start, start + 12)).values())
        assert set(uses) == set(range(size))
        assert max(uses.values()) - min(uses.values()) <= 1, start
        assert max(uses.values()) == -(-144 // size)


@pytest.mark.parametrize("size", [13, 25, 29])
def test_a_sign_meets_every_dealt_item_before_one_comes_back(size: int) -> None:
    for sign in range(12):
        picks = [Chooser(0, START + t, sign).deal("station", list(range(size))) for t in range(size)]
        assert sorted(picks) == list(range(size)), sign


def test_a_second_deal_of_a_pool_in_one_entry_moves_on() -> None:
    chooser = Chooser(0, START, 5)
    items = list(range(25))
    assert chooser.deal("station", items) != chooser.deal("station", items)
