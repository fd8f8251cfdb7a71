"""Colours and text styles come from the stylesheet (``workbench.tcss``) through component
classes, as in toolong's ``LogLines``: a theme or a user's CSS changes them without touching
code. A widget or screen that styles parts of its text lists the classes it uses in
``COMPONENT_CLASSES`` and reads them with :meth:`ComponentStyles.style`.

The classes shared by several widgets (a review state's badge, a QA severity, the words a
diff marks) are named here once; their rules in the stylesheet have no widget in front.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from workbench.domain.checks.base import Severity
from workbench.domain.memory import DiffOp
from workbench.domain.states import ReviewState

#: Component classes for each review state's badge (``state--draft``…).
STATE_CLASSES = {state: f"state--{state.label}" for state in ReviewState}
#: Component classes for each QA severity (``severity--error``…).
SEVERITY_CLASSES = {severity: f"severity--{severity.label}" for severity in Severity}
#: Component classes for the words a diff marks: gone (struck) and new (underlined), the
#: same in the Source panel, the suggestions and the comments dialog.
DIFF_CLASSES = {DiffOp.DELETE: "diff--deleted", DiffOp.INSERT: "diff--inserted"}


class ComponentStyles:
    """For widgets and screens that style their text with component classes: each looked up
    once per theme. (Textual's own cache of them is cleared whenever the widget refreshes,
    which a panel does on every segment; recomputing them then cost more than the panel.)
    Put it before the Textual base class."""

    _styles_by_class: dict[str, Style] | None = None

    def style(self, name: str = "") -> Style:
        """The rich style of component class ``name`` (from the stylesheet); without a
        name, the widget's own (its colours and background)."""
        cache = self._styles_by_class
        if cache is None:
            cache = self._styles_by_class = {}
        found = cache.get(name)
        if found is None:
            found = cache[name] = self._look_up(name)
        return found

    def _look_up(self, name: str) -> Style:
        assert isinstance(self, Widget)
        if not name:
            return self.rich_style
        found = self.get_component_rich_style(name, partial=True)
        styles = self.get_component_styles(name)
        if styles.has_rule("color") and styles.color.a < 1:
            # a translucent colour ($text-muted is the text colour at 60 %): Textual's partial
            # style drops the alpha (muted text came out white); blend it over the background
            # as Textual does for a widget's own text
            found += Style(color=self.get_component_rich_style(name).color)
        return found

    def diff_styles(self, equal: str = "") -> dict[DiffOp, Style]:
        """The styles :func:`~workbench.tui.widgets.panels.diff_text` marks a change with:
        the words both texts have in component class ``equal`` (else unstyled), gone and
        new words in the shared ``diff--…`` classes."""
        styles = {op: self.style(name) for op, name in DIFF_CLASSES.items()}
        styles[DiffOp.EQUAL] = self.style(equal) if equal else Style()
        return styles

    def state_badge(self, state: ReviewState) -> Text:
        """A coloured `` draft ``-style label, styled by the ``state--…`` class."""
        return Text(f" {state.label} ", style=self.style(STATE_CLASSES[state]))

    def forget_styles(self) -> None:
        """Look the styles up again (the theme or a pseudo-class such as focus changed)."""
        self._styles_by_class = None

    def notify_style_update(self) -> None:
        self.forget_styles()
        assert isinstance(self, Widget)
        super().notify_style_update()  # type: ignore[misc]
