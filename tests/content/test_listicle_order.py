"""Order and headings: planning before doing, the strongest item first, headings a sub-editor writes."""

from __future__ import annotations

from datetime import date, timedelta

from service.content.listicles import compose_listicle, load_catalog

CATALOG = load_catalog()
A_YEAR = [date(2026, 1, 1) + timedelta(days=k) for k in range(365)]
ROBOTIC = {
    "Bathe Using Buckets", "Rinse Vegetables Using Bowls", "Mop Using Less Water",
    "Dust Fans Using Pillowcases", "Brighten Rooms Using Mirrors", "Study Using Focused Blocks",
}  # fmt: skip


def headings(topic_id: str, day: date) -> list[str]:
    return [item.heading for item in compose_listicle(topic_id, day).items]


def test_no_robotic_x_using_y_headings() -> None:
    every = {item.heading for topic in CATALOG.values() for item in topic.items}
    assert not every & ROBOTIC


def test_a_myths_list_states_each_myth() -> None:
    for topic in CATALOG.values():
        for item in topic.items:
            assert (item.kind == "myth") == item.heading.startswith("Myth: "), (topic.id, item.heading)
    assert sum(item.kind == "myth" for item in CATALOG["skincare-myths-worth-letting-go"].items) >= 14


def test_deep_cleaning_opens_with_planning() -> None:
    planning = {"Spread The Work Out", "Write Room-Wise Task Lists"}
    for day in A_YEAR:
        shown = headings("deep-cleaning-tips-that-save-time", day)
        assert shown[0] in planning, day  # not "Use Sturdy Ladders Safely", as the review found


def test_the_commute_list_plans_first_and_reflects_last() -> None:
    for day in A_YEAR:
        shown = headings("smart-ideas-that-make-your-commute-count", day)
        if "Reflect While Heading Home" in shown:
            assert shown[-1] == "Reflect While Heading Home", day
        if "Plan Your Day Ahead" in shown:
            assert shown[0] == "Plan Your Day Ahead", day


def test_pinned_strongest_items_lead() -> None:
    for day in A_YEAR[::7]:
        assert headings("calcium-rich-foods", day)[:2] == ["Ragi", "Sesame Seeds (Til)"]
        assert headings("foods-and-drinks-that-help-keep-you-hydrated", day)[0] == "Plain Water"
        assert (
            headings("signs-of-heat-illness-and-what-to-do", day)[0]
            == "Confusion Or Fainting Is An Emergency"
        )
