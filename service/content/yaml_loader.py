"""The safe YAML loader the content data is read with: libyaml's when PyYAML has it.

libyaml parses the phrase banks and the catalog about 14 times faster than the pure-Python parser
(0.3 s of every process's start, measured in bench/README.md), with the same results.
"""

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # a PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

__all__ = ["SafeLoader"]
