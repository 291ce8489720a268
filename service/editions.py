"""Which edition a request names: its language, and the zodiac system that language is written in.

English has both systems, tropical unless `system` says otherwise. Hindi is the Vedic edition only
(Moon sign, Lahiri ayanamsa), as Hindi portals print it: without `system` it is sidereal, and a
tropical Hindi reading, which nobody writes, is a 400 problem rather than a Vedic answer under a
tropical URL.
"""

from __future__ import annotations

from typing import Any

from schemas.language import HINDI
from service.content.errors import ContentError
from service.content.zodiac import System


class HindiIsVedicOnly(ContentError):
    """lang=hi with system=tropical."""

    status = 400
    title = "Bad Request"

    def __init__(self) -> None:
        super().__init__(
            "The Hindi edition is Vedic only (Moon sign, Lahiri ayanamsa): leave `system` out with "
            "lang=hi, or ask for system=sidereal (or vedic). The tropical (Western) edition is in "
            "English only."
        )

    def members(self) -> dict[str, Any]:
        return {"errors": {"query": {"system": [self.detail]}}}


def edition_system(lang: str, system: str | None) -> System:
    """The system of an answer in `lang` when the request said `system` (None: it did not)."""
    if lang != HINDI:
        return System.TROPICAL if system is None else System(system)
    if system is not None and System(system) is not System.SIDEREAL:
        raise HindiIsVedicOnly()
    return System.SIDEREAL
