"""PO files: gettext's grammar read losslessly, gettext's layout written, one store on top.

- :mod:`.syntax` reads PO text as gettext does (every entry with the span it came from);
- :mod:`.document` decodes a file in its header's charset, checks it as ``msgfmt -c``
  would, and writes entries back over the original text (:meth:`PoDocument.rebuild`);
- :mod:`.layout` writes an entry exactly as ``msgcat`` lays it out (with :mod:`.linebreak`;
  imported by what writes: reading a file needs none of it);
- :mod:`.store` is :class:`PoCatalog`, the one store every service reads and writes PO
  files through.

For entry-level work (merging, comparing) use :func:`read_document`, the entries'
``key``, :func:`.layout.render_entry` and :meth:`PoDocument.rebuild`.
"""

from workbench.adapters.po.document import PoDocument, read_document
from workbench.adapters.po.store import (
    ChangedOnDiskError,
    Fingerprint,
    PoCatalog,
    StagedRead,
    UnitScan,
    read_po_bytes,
    verified_bytes,
)
from workbench.adapters.po.syntax import PoSyntaxError

__all__ = [
    "ChangedOnDiskError",
    "Fingerprint",
    "PoCatalog",
    "PoDocument",
    "PoSyntaxError",
    "StagedRead",
    "UnitScan",
    "read_document",
    "read_po_bytes",
    "verified_bytes",
]
