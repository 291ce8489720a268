"""An edited listicle's title and its item count agree, whichever way the title is written."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError

from schemas.editing import check_title_count


@pytest.mark.parametrize(
    "title",
    [
        "6 Stretches That Help",
        "Stiff From Sitting? 6 Stretches That Help",
        "School's Out: 6 Summer Holiday Ideas For Children",
        "Over 60? 6 Exercises For Better Balance",
        "Cannot Switch Off At Night? Try These 6 Ideas",
        "A Walking Plan For Beginners In 6 Simple Steps",
    ],
)
def test_the_number_a_title_opens_with_must_count_the_items(title: str) -> None:
    check_title_count(title, 6)
    with pytest.raises(ValidationError, match="promises 6 items but the list has 5"):
        check_title_count(title, 5)


@pytest.mark.parametrize(
    "title", ["Foods For Type 2 Diabetes", "Staying Active After 60", "Monsoon Recipes From Our Readers"]
)
def test_a_number_that_is_not_a_count_promises_nothing(title: str) -> None:
    check_title_count(title, 3)


def test_every_catalog_title_states_its_count_where_the_check_reads_it() -> None:
    from service.content.listicles import load_catalog

    for topic in load_catalog().values():
        for variant in topic.variants:
            check_title_count(variant.title, variant.size)
            with pytest.raises(ValidationError):
                check_title_count(variant.title, variant.size - 1)
