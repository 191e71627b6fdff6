"""YAML front matter, read safely: no aliases, shallow nesting, dates left as text.

``yaml.safe_load`` builds every alias it meets, so nine lines of anchors (a "billion laughs")
grew past 4 GB; front matter is a few ``key: value`` lines and never needs one. Dates stay text
here and go through :func:`receipts.ingest.normalize.parse_published`, so ``2026-02-30`` is one
clear error instead of a ``ValueError`` from the YAML constructor.
"""

from __future__ import annotations

import yaml

from receipts.errors import ParseError

MAX_DEPTH = 20  # front matter is key: value pairs; a few levels of lists at most
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _FrontMatterYAMLError(yaml.YAMLError):
    """Front matter that the safe loader refuses: an alias, or nesting past MAX_DEPTH."""


class FrontMatterLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses aliases and deep nesting and leaves timestamps as strings.

    Example::

        yaml.load("title: T\\npublished: 2026-06-12", Loader=FrontMatterLoader)
        # {'title': 'T', 'published': '2026-06-12'}
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise _FrontMatterYAMLError(
                f"aliases (*name) are not allowed in front matter, found one at line "
                f"{mark.line + 1} column {mark.column + 1}"
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _FrontMatterYAMLError(f"nested more than {MAX_DEPTH} levels deep at line {mark.line + 1}")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_front_matter(text: str, origin: str) -> dict[str, object]:
    """Parse front matter into a dict.

    :param text: The YAML between the ``---`` lines.
    :param origin: Where it came from, for the error message.
    :returns: The key: value pairs (empty for empty front matter).
    :raises ParseError: When the YAML is malformed, uses aliases, nests too deeply or is not key: value pairs.
    """
    loader = FrontMatterLoader(text)
    try:
        loaded = loader.get_single_data()
    except yaml.YAMLError as exc:
        raise ParseError(f"{origin}: malformed front matter: {exc}") from exc
    except (ValueError, TypeError, RecursionError) as exc:  # a constructor refusing a value
        raise ParseError(f"{origin}: malformed front matter: {exc.__class__.__name__}: {exc}") from exc
    finally:
        loader.dispose()
    if loaded is not None and not isinstance(loaded, dict):
        raise ParseError(f"{origin}: front matter must be key: value pairs")
    return loaded or {}
