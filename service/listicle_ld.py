"""The parts of a listicle's schema.org JSON-LD beyond its items: its help note and its sources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def listicle_extras(entry: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-LD properties for what a stored listicle carries besides its items (none for older records)."""
    parts = [help_note(entry["help"])] if entry.get("help") else []
    parts += [source(s) for s in entry.get("sources", ())]
    return {"subjectOf": parts} if parts else {}


def source(cited: Mapping[str, Any]) -> dict[str, Any]:
    """A cited publication as a schema.org CreativeWork."""
    work = {
        "@type": "CreativeWork",
        "name": cited["name"],
        "publisher": {"@type": "Organization", "name": cited["publisher"]},
        "datePublished": str(cited["year"]),
    }
    if cited.get("url"):
        work["url"] = cited["url"]
    return work


def help_note(note: Mapping[str, Any]) -> dict[str, Any]:
    """A help note as a schema.org WebPageElement naming each helpline as an Organization to call."""
    signs = "; ".join(sign[0].lower() + sign[1:] for sign in note["warning_signs"])
    return {
        "@type": "WebPageElement",
        "name": note["heading"],
        "text": f"{note['text']} Warning signs: {signs}. {note['urgent']}",
        "mentions": [
            {
                "@type": "Organization",
                "name": contact["name"],
                "telephone": contact["numbers"][0],
                **({"url": contact["url"]} if contact.get("url") else {}),
                "contactPoint": [
                    {
                        "@type": "ContactPoint",
                        "telephone": number,
                        "hoursAvailable": contact["hours"],
                        "areaServed": "IN",
                    }
                    for number in contact["numbers"]
                ],
            }
            for contact in note["contacts"]
        ],
    }
