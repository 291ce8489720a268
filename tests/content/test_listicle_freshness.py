"""A topic's next run reads fresh: it shares few items with its previous run (issue 13's freshness)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise

from service.content.listicle_draw import FreshDraws
from service.content.listicles import (
    Listicle,
    Topic,
    TopicItem,
    Variant,
    compose_listicle,
    daily_plan,
    load_catalog,
    pick_items,
)

CATALOG = load_catalog()
A_YEAR = [date(2026, 1, 1) + timedelta(days=k) for k in range(365)]


def runs_by_topic() -> dict[str, list[Listicle]]:
    runs: dict[str, list[Listicle]] = defaultdict(list)
    for day in A_YEAR:
        for topic_id in daily_plan(day):
            runs[topic_id].append(compose_listicle(topic_id, day))
    return runs


RUNS = runs_by_topic()


def shared(before: Listicle, after: Listicle) -> float:
    return len({i.heading for i in before.items} & {i.heading for i in after.items}) / len(after.items)


def abouts(listicle: Listicle) -> set[str]:
    pool = {item.heading: item.about for item in CATALOG[listicle.topic_id].items}
    return {pool[item.heading] for item in listicle.items}


def test_a_year_of_runs_shares_a_quarter_of_items_on_average_and_never_more_than_half() -> None:
    shares = [shared(a, b) for runs in RUNS.values() for a, b in pairwise(runs)]
    assert len(shares) > 900
    assert sum(shares) / len(shares) <= 0.25
    assert max(shares) <= 0.5


def test_a_run_repeats_only_pinned_abouts_when_the_pool_has_room_for_two_runs() -> None:
    checked = 0
    for topic_id, runs in RUNS.items():
        topic = CATALOG[topic_id]
        free = len({item.about for item in topic.items} - set(topic.pinned))
        for before, after in pairwise(runs):
            if free >= len(before.items) + len(after.items) - 2 * len(topic.pinned):
                assert abouts(before) & abouts(after) <= set(topic.pinned), (topic_id, after.date)
                checked += 1
    assert checked > 600


def test_every_run_holds_its_pinned_abouts_and_as_many_items_as_its_title_says() -> None:
    for topic_id, runs in RUNS.items():
        for listicle in runs:
            assert set(CATALOG[topic_id].pinned) <= abouts(listicle)
            assert listicle.title.count(str(len(listicle.items))) >= 1
            assert len(abouts(listicle)) == len(listicle.items)


def test_a_day_the_plan_does_not_run_a_topic_keeps_the_dates_rotation() -> None:
    day = A_YEAR[40]
    topic = next(t for t in CATALOG.values() if t.id not in daily_plan(day))
    listicle = compose_listicle(topic.id, day)
    variant = next(v for v in topic.variants if v.title == listicle.title)
    assert [i.heading for i in listicle.items] == [
        topic.items[i].heading for i in pick_items(topic, day, variant.size)
    ]


def _topic(pool: int, pinned: tuple[str, ...] = (), size: int = 5) -> Topic:
    items = tuple(
        TopicItem(f"Item {n}", f"Body {n}. More.", (), f"about-{n // 2 if n < 4 else n}") for n in range(pool)
    )  # items 0-1 share an about, and so do items 2-3
    variants = tuple(Variant(f"{{n}} Things {k}", f"Teaser {k}.", size) for k in range(3))
    return Topic("fresh-sample", "sleep", variants, ("tag",), size, None, items, pinned=pinned)


def test_fresh_draws_take_the_abouts_shown_least_recently_and_rotate_within_an_about() -> None:
    topic = _topic(pool=14, pinned=("about-0",))
    draws = FreshDraws(topic)
    sizes = [5] * 6
    picks = [draws.run(k, sizes) for k in range(6)]
    about = {i: item.about for i, item in enumerate(topic.items)}
    for before, after in pairwise(picks):
        assert {about[i] for i in before} & {about[i] for i in after} == {"about-0"}
    # The pinned about shows its two items by turns.
    assert [min(p) for p in picks] == [0, 1, 0, 1, 0, 1]
    assert draws.run(3, sizes) == picks[3]  # computed once, the same when asked again
    assert FreshDraws(topic).run(5, sizes) == picks[5]  # and the same in a fresh process


def test_fresh_draws_overlap_only_as_much_as_a_small_pool_forces() -> None:
    topic = _topic(pool=10, size=7)  # 8 abouts, 7 places: consecutive runs share 6
    draws = FreshDraws(topic)
    about = {i: item.about for i, item in enumerate(topic.items)}
    picks = [draws.run(k, [7] * 4) for k in range(4)]
    for before, after in pairwise(picks):
        assert len({about[i] for i in before} & {about[i] for i in after}) == 6
