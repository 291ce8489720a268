"""Cache tags: short portable keys naming what an answer holds, so one purge evicts every copy of it.

Every tag is `<prefix><name>` in lowercase `a-z 0-9 . -`, at most 128 characters: the set that Akamai
(no ':', case-sensitive, 128 at most), Cloudflare and CloudFront (case-insensitive), Fastly (printable
ASCII) and Varnish xkey (space or comma separated) all accept unchanged.

- `<p>horoscope.tropical.daily.leo.2026-02-05`, `<p>listicle.<topic>.2026-02-05`,
  `<p>listicle-plan.2026-02-05`: one stored entry (its id, ':' read as '.'), on every answer showing it;
  an edit purges the tags of the entries it changed.
- `<p>date.2026-02-05`: every answer of that date (what the midnight rollover purges).
- `<p>horoscope`, `<p>listicle`, `<p>feed`, `<p>topics`, `<p>panchang`, ...: the kind of answer.
- `<p>alias.today` (`tomorrow`, `yesterday`): answers reached through a day word.
- `<p>all`: every content answer (a release that changes the JSON: `horoscope-service purge <p>all`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date

TAG = re.compile(r"[a-z0-9.-]{1,128}")
MAX_LENGTH = 128


class EdgeTags:
    """The tag names of one deployment (its prefix)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.all = f"{prefix}all"
        self.feed = f"{prefix}feed"

    def entry(self, entry_id: str) -> str:
        """The tag of a stored entry; a digest of the id when it would be too long or not portable."""
        tag = f"{self.prefix}{entry_id.replace(':', '.')}"
        if TAG.fullmatch(tag):
            return tag
        kind = entry_id.partition(":")[0]
        digest = hashlib.blake2b(entry_id.encode(), digest_size=10).hexdigest()
        return f"{self.prefix}{kind[:40]}.h-{digest}"

    def entries(self, entry_ids: Iterable[str]) -> list[str]:
        return [self.entry(entry_id) for entry_id in entry_ids]

    def kind(self, kind: str) -> str:
        return f"{self.prefix}{kind}"

    def date(self, day: date) -> str:
        return f"{self.prefix}date.{day.isoformat()}"

    def alias(self, word: str) -> str:
        return f"{self.prefix}alias.{word}"

    def is_ours(self, tag: str) -> bool:
        """Whether `tag` is a well-formed tag of this deployment (what purges may name)."""
        return tag.startswith(self.prefix) and TAG.fullmatch(tag) is not None


def joined(header: str, tags: Iterable[str]) -> str:
    """A tag header's value: spaces for xkey and Surrogate-Key, commas for Cache-Tag and Edge-Cache-Tag."""
    separator = " " if header in ("xkey", "Surrogate-Key") else ","
    return separator.join(tags)
