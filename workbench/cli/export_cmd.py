"""``workbench export``: the reviewed result as PO, markdown, a bilingual table or TMX."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    sub.add_parser("export", help="export reviewed translations (being written)")
