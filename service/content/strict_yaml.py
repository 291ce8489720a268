"""YAML for curated data files: safe loading that refuses duplicate keys instead of keeping the last."""

from __future__ import annotations

from typing import Any

import yaml

from service.content.yaml_loader import SafeLoader


class _StrictLoader(SafeLoader):
    """SafeLoader that refuses duplicate keys, which PyYAML otherwise silently overwrites."""


def _construct_unique_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    mapping: dict[Any, Any] = loader.construct_mapping(node)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)


def load_strict(text: str) -> Any:
    """Parse YAML as safely as yaml.safe_load, refusing duplicate keys (yaml.YAMLError on failure)."""
    return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: as safe as safe_load
