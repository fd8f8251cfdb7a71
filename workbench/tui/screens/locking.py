"""The file is open in another workbench: view it read-only, open it anyway, or quit.

Shown at start when another editor holds the PO file's advisory lock (see
:mod:`workbench.services.locking`). Opening anyway edits with this window's own journal;
when both save, a segment both changed is kept with both texts side by side.
"""

from __future__ import annotations

from typing import ClassVar

from workbench.tui.screens.dialogs import ChoiceScreen


class OpenElsewhereScreen(ChoiceScreen):
    """Another workbench has this file open: how to go on."""

    title_text = "The file is open in another workbench"
    choices: ClassVar[list[tuple[str, str, str]]] = [
        ("view", "v", "Read-only view"),
        ("edit", "e", "Open for editing anyway"),
        ("quit", "q", "Quit"),
    ]

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"{reason}.\n\nA read-only view shows it without touching it. Opening it for "
            "editing anyway keeps your unsaved edits in this window's own journal; when both "
            "windows save, a segment both changed keeps both texts, side by side."
        )
