"""Pick one of the project's PO files, with how much work each has left."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from workbench.domain.progress import Progress
from workbench.tui.styles import ComponentStyles


class FilePickerScreen(ComponentStyles, Screen[Path | None]):
    """The project's files, the ones with work left first; Enter opens, Escape quits."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Quit")]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "file-picker--path",
        "file-picker--unreadable",
        "file-picker--todo",
        "file-picker--done",
    }

    def __init__(self, files: list[tuple[Path, Progress | None]]) -> None:
        super().__init__()
        self.files = files

    def compose(self) -> ComposeResult:
        with Vertical(classes="picker"):
            yield Static("Open which file?", classes="dialog-title")
            options = []
            for path, progress in self.files:
                line = Text(str(path), style=self.style("file-picker--path"))
                if progress is None:
                    line.append(
                        "  (missing or unreadable)", style=self.style("file-picker--unreadable")
                    )
                else:
                    todo = progress.needing_work
                    line.append(
                        f"  {todo} of {progress.total} segments need work",
                        style=self.style("file-picker--todo" if todo else "file-picker--done"),
                    )
                options.append(Option(line, disabled=progress is None))
            yield OptionList(*options, id="files")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.files[event.option_index][0])
