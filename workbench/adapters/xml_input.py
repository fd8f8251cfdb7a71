"""XML input files (TBX glossaries, TMX memories): their parse errors said to people.

defusedxml refuses entity declarations and external references (billion laughs, XXE); a
malformed file is named with the line the parser stopped at.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import defusedxml  # type: ignore[import-untyped]

from workbench.errors import UserError


@contextmanager
def xml_errors(path: Path, kind: str, fix: str) -> Iterator[None]:
    """Turn the XML errors raised inside the block into a :class:`UserError` about ``path``.

    ``kind`` names the format ("TBX", "TMX"), ``fix`` is the hint for a malformed file.
    """
    try:
        yield
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else 0
        raise UserError(
            f"malformed {kind} (XML): {getattr(exc, 'msg', exc)}",
            f"{path}:{line}" if line else path,
            fix,
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise UserError(
            f"the {kind} declares XML entities or external references, which are refused "
            f"({type(exc).__name__})",
            path,
            "remove the <!ENTITY …> declarations from the DOCTYPE",
        ) from None
