"""Running QA checks: on one unit as the translator types, or over a project's PO files for CI.

The glossary is loaded and its matcher built once per :class:`CheckContext`; the editor keeps
one context and calls :func:`check_unit` on every change, CI calls :func:`check_files`. Waivers
are written back to the PO the way every other workbench metadata is: a translator comment
(``# wb:waive {...}``), which gettext tools keep.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypedDict

from workbench.adapters.config import ProjectConfig
from workbench.adapters.glossary_files import load_glossaries
from workbench.adapters.po import PoCatalog, UnitScan
from workbench.adapters.spelling import HunspellSpeller, add_words, read_words
from workbench.domain.checks import (
    CHECKS,
    DEFAULT_CHECKS,
    CheckContext,
    CheckSuite,
    Finding,
    Severity,
    resolve_check_ids,
)
from workbench.domain.checks.base import LocatedUnit, conflict_finding
from workbench.domain.checks.plurals import Plurals, header_finding
from workbench.domain.collector import gc_paused
from workbench.domain.glossary.matching import GlossaryMatcher
from workbench.domain.patterns import when_used
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit, Waiver
from workbench.errors import UserError
from workbench.services.identity import translator_name
from workbench.services.project import project_config

#: Which entries are checked unless told otherwise: a person has confirmed them.
DEFAULT_STATES: tuple[ReviewState, ...] = (ReviewState.TRANSLATED, ReviewState.REVIEWED)


class CheckSummary(TypedDict):
    """The counts of a check run, as the JSON report's ``summary`` carries them."""

    files: int
    units_checked: int
    states: list[str]
    checks: list[str]
    #: unwaived findings per severity label, most severe first
    by_severity: dict[str, int]
    #: unwaived findings per check id, sorted by id
    by_check: dict[str, int]
    waived: int
    total: int


@dataclass
class CheckReport:
    """What a check run found, and over what."""

    findings: list[Finding]
    files: list[Path]
    units_checked: int
    checks: tuple[str, ...]
    states: tuple[ReviewState, ...] = DEFAULT_STATES
    units_per_file: dict[str, list[Unit]] = field(default_factory=dict)
    #: Problems that did not stop the check (unreadable ``wb:`` comments, a spelling
    #: dictionary that is not installed), with file:line where there is one.
    warnings: list[str] = field(default_factory=list)

    def active(self) -> list[Finding]:
        """Findings nobody waived."""
        return [f for f in self.findings if not f.waived]

    def failing(self, fail_on: Severity) -> list[Finding]:
        """Unwaived findings at or above ``fail_on``: these make the build fail."""
        return [f for f in self.active() if f.severity >= fail_on]

    def exit_code(self, fail_on: Severity) -> int:
        """0 when clean at this threshold, 1 when something fails it."""
        return 1 if self.failing(fail_on) else 0

    def summary(self) -> CheckSummary:
        """Counts by severity and by check (waived counted apart), files and units checked."""
        by_severity = {s.label: 0 for s in sorted(Severity, reverse=True)}
        by_check: dict[str, int] = {}
        for f in self.active():
            by_severity[f.severity.label] += 1
            by_check[f.check] = by_check.get(f.check, 0) + 1
        return CheckSummary(
            files=len(self.files),
            units_checked=self.units_checked,
            states=[s.label for s in self.states],
            checks=list(self.checks),
            by_severity=by_severity,
            by_check=dict(sorted(by_check.items())),
            waived=sum(1 for f in self.findings if f.waived),
            total=len(self.active()),
        )


@dataclass(frozen=True)
class SpellingSetup:
    """Where the spelling check's dictionary and word list come from.

    ``variety``: ``en-US``, ``en-GB`` or ``en`` (either spelling); ``words``: the project's
    word list (a missing file is an empty list).
    """

    variety: str = "en"
    words: Path | None = None

    @classmethod
    def of_project(cls, config: ProjectConfig | None = None) -> SpellingSetup:
        """The project's ``[check] variety`` and ``words`` (defaults: the variety of
        ``[project] target_language``, ``glossaries/words.txt``); defaults without a project."""
        if config is None:
            config = project_config(required=False)
        if config is None:
            return cls()
        variety = config.value("check", "variety") or _variety_of(config.target_language)
        words = config.value("check", "words") or config.root / DEFAULT_WORDS
        return cls(variety, Path(words))


#: The project's word list when ``[check] words`` does not name one.
DEFAULT_WORDS = Path("glossaries") / "words.txt"


def _variety_of(language: str) -> str:
    """``en-GB`` for en-GB/en_GB, ``en-US`` for en-US, else ``en`` (either spelling)."""
    tag = language.replace("_", "-").lower()
    return {"en-gb": "en-GB", "en-us": "en-US"}.get(tag, "en")


def build_context(
    glossary_paths: Sequence[Path] = (),
    source_language: str = "de",
    target_language: str = "en",
    spelling: SpellingSetup | None = None,
    braces: bool = False,
) -> CheckContext:
    """A check context with the glossaries loaded and matched once (bad glossary → UserError)
    and, with ``spelling``, the dictionary and word list (missing dictionary → UserError);
    ``braces``: ``{name}`` is a placeholder in every entry (the project's ``[check] braces``)."""
    matcher = None
    if glossary_paths:
        glossary = load_glossaries(
            [Path(p) for p in glossary_paths], source_language, target_language
        )
        matcher = GlossaryMatcher(glossary)
    speller = None
    words: frozenset[str] = frozenset()
    if spelling is not None:
        words = frozenset(read_words(spelling.words)) if spelling.words else frozenset()
        speller = HunspellSpeller(spelling.variety, words)
    return CheckContext(matcher=matcher, speller=speller, words=words, braces=braces)


#: The checks that consult the spelling dictionary (:attr:`BaseCheck.uses_speller`).
SPELLING_CHECKS = frozenset(id for id, check in CHECKS.items() if check.uses_speller)

#: The checks that judge the translation as English or against the German→English glossary
#: (:attr:`BaseCheck.english_target`): skipped, with one warning, for a catalogue whose
#: ``Language`` header names another language.
TARGET_LANGUAGE_CHECKS = frozenset(id for id, check in CHECKS.items() if check.english_target)


_SUITES: dict[tuple[str, ...], CheckSuite] = {}


def suite(checks: Sequence[str] | None = None) -> CheckSuite:
    """The (cached) suite for a selection of check ids; unknown ids raise :class:`UserError`."""
    try:
        ids = resolve_check_ids(checks) if checks else DEFAULT_CHECKS
    except ValueError as exc:
        raise UserError(str(exc), None, "see `workbench check --list-checks`") from None
    cached = _SUITES.get(ids)
    if cached is None:
        cached = _SUITES[ids] = CheckSuite(ids)
    return cached


def check_unit(
    unit: Unit, context: CheckContext, checks: Sequence[str] | None = None
) -> list[Finding]:
    """Findings on one unit (per-unit checks only; waivers applied). Fast enough per keystroke."""
    return suite(checks).check_unit(unit, context)


def parse_states(names: Iterable[str]) -> tuple[ReviewState, ...]:
    """Review states from names users type (comma lists allowed); unknown → UserError."""
    states: list[ReviewState] = []
    for raw in names:
        for name in raw.split(","):
            if not name.strip():
                continue
            try:
                states.append(ReviewState.parse(name))
            except ValueError as exc:
                raise UserError(str(exc)) from None
    return tuple(dict.fromkeys(states)) or DEFAULT_STATES


def check_files(
    paths: Sequence[Path],
    glossary_paths: Sequence[Path] = (),
    states: Sequence[ReviewState] = DEFAULT_STATES,
    checks: Sequence[str] | None = None,
    context: CheckContext | None = None,
    *,
    spelling: SpellingSetup | None = None,
) -> CheckReport:
    """Check the selected entries of every file, per unit and across all of them.

    Entries a git merge left in conflict are reported as errors whatever their state, so a
    CI gate fails until a person settles them; plural entries with a form left empty are
    checked whatever their state (unless fuzzy: what ``msgfmt`` compiles). A missing or
    malformed PO or glossary raises :class:`UserError` before anything is reported. Findings
    carry the file as given and the PO line of the entry. The spelling dictionary
    (``spelling``, default the project's) is loaded only when a check that needs it runs;
    when it is missing and the spelling check was not asked for by name, the report's
    ``warnings`` say so and the other checks run.
    """
    chosen = suite(checks)
    notes: list[str] = []
    config = project_config(required=False)
    with gc_paused():
        ctx = context
        if ctx is None:
            braces = bool(config.value("check", "braces")) if config else False
            ctx = build_context(glossary_paths, braces=braces)
            if SPELLING_CHECKS & set(chosen.ids):
                ctx.speller, ctx.words, notes = _speller(spelling, asked=bool(checks))
        selection = _Selection(chosen, states, config.target_language if config else "en")
        for path in paths:
            selection.read(Path(path))
        findings = selection.check(ctx)
    order = {name: i for i, name in enumerate(selection.per_file)}
    findings.sort(key=lambda f: (order.get(f.file, 0), f.line, CHECKS_ORDER.get(f.check, 99)))
    return CheckReport(
        findings,
        [Path(p) for p in paths],
        len(selection.located) + len(selection.foreign),
        chosen.ids,
        tuple(states),
        selection.per_file,
        selection.warnings + notes,
    )


class _Selection:
    """The entries :func:`check_files` checks, file by file: those in the project's target
    language, and those of a catalogue in another language (only the checks that do not
    judge the English run on them); with the findings reading a file gives by itself
    (merge conflicts, the plural header) and the warnings reading gave."""

    def __init__(
        self, chosen: CheckSuite, states: Sequence[ReviewState], target_language: str
    ) -> None:
        self.chosen = chosen
        self.wanted = set(states)
        self.target_language = target_language
        self.located: list[LocatedUnit] = []
        self.foreign: list[LocatedUnit] = []
        self.per_file: dict[str, list[Unit]] = {}
        self.file_findings: list[Finding] = []
        self.warnings: list[str] = []

    def read(self, path: Path) -> None:
        header: dict[str, str] = {}
        every = load_units(path, self.warnings, header)
        # a partly translated plural entry is checked whatever the states: gettext
        # compiles it (msgfmt skips only fuzzy entries and an empty msgstr[0])
        units = [
            u
            for u in every
            if (u.state in self.wanted or (u.missing_forms and not u.fuzzy)) and u.source
        ]
        label = file_label(path)
        self.per_file[label] = units
        other = _other_language(header.get("Language", ""), self.target_language)
        if other:
            self.warnings.append(self._language_warning(label, other))
        (self.foreign if other else self.located).extend((label, u) for u in units)
        self.file_findings.extend(conflict_finding(u, label) for u in every if u.conflict)
        if Plurals.id in self.chosen.ids:
            missing = header_finding(every, header.get("Plural-Forms", ""), label)
            self.file_findings.extend([missing] if missing is not None else [])

    def _language_warning(self, label: str, other: str) -> str:
        language = self.target_language
        return (
            f"{label}: the catalogue's Language header is {other!r}, not the "
            f"project's target language {language!r}: its translations are "
            f"not checked as {language!r} ("
            + ", ".join(sorted(TARGET_LANGUAGE_CHECKS & set(self.chosen.ids)))
            + " skipped); the other checks ran"
        )

    def check(self, ctx: CheckContext) -> list[Finding]:
        findings = self.chosen.check_units(self.located, ctx) + self.file_findings
        rest = [i for i in self.chosen.ids if i not in TARGET_LANGUAGE_CHECKS]
        if self.foreign and rest:
            findings += suite(rest).check_units(self.foreign, ctx)
        return findings


def _speller(
    spelling: SpellingSetup | None, asked: bool
) -> tuple[HunspellSpeller | None, frozenset[str], list[str]]:
    """The dictionary and word list for a run; a missing dictionary is an error only when
    the spelling check was asked for by name, else a note."""
    setup = spelling if spelling is not None else SpellingSetup.of_project()
    words = frozenset(read_words(setup.words)) if setup.words else frozenset()
    try:
        return HunspellSpeller(setup.variety, words), words, []
    except UserError as exc:
        if asked:
            raise
        return None, words, [f"spelling not checked: {exc}"]


def add_project_words(
    words: Sequence[str], spelling: SpellingSetup | None = None
) -> tuple[Path, list[str]]:
    """Add words to the project's word list (``[check] words``); returns its path and the
    words that were not in it yet.

    Outside a project there is no list to add to (:class:`UserError`).
    """
    setup = spelling if spelling is not None else SpellingSetup.of_project()
    if setup.words is None:
        raise UserError(
            "there is no project word list to add to",
            None,
            "run this inside a project (workbench.toml), where [check] words names the list "
            f"(default {DEFAULT_WORDS})",
        )
    return setup.words, add_words(setup.words, words)


CHECKS_ORDER = {name: i for i, name in enumerate(CHECKS)}


def load_units(
    path: Path, warnings: list[str] | None = None, header: dict[str, str] | None = None
) -> list[Unit]:
    """The non-obsolete units of one PO file, read in one pass (checking never writes).

    A malformed file raises :class:`UserError` with file:line; warnings about unreadable
    ``wb:`` comments go to ``warnings``; the header's fields to ``header``.
    """
    scan = UnitScan(path)
    units = [unit for unit in scan if not unit.obsolete]
    if warnings is not None:
        warnings.extend(scan.warnings)
    if header is not None:
        header.update(scan.header)
    return units


def _other_language(language: str, target_language: str) -> str:
    """``language`` when a catalogue's Language header names another language than the
    project's target (``de`` for an ``en`` project; ``en_GB`` is English), else ``""``."""
    primary = language.strip().replace("-", "_").split("_")[0].split("@")[0].lower()
    wanted = target_language.replace("-", "_").split("_")[0].lower()
    return language.strip() if primary and wanted and primary != wanted else ""


def file_label(path: Path) -> str:
    """How reports name a file: relative to the current folder when inside it (CI annotations
    and SARIF need repository-relative paths), else as given."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(path)
    return str(path)


#: How ``--entry`` may name an entry, for messages.
ENTRY_FORMS = "its msgctxt, its line as `check` prints it (FILE.po:LINE or LINE), or its msgid"


def add_waiver(path: Path, entry: str, check: str, reason: str, term: str = "") -> Unit:
    """Silence one check on one entry with a reason, written into the PO.

    The entry is named by its msgctxt, its line (``FILE.po:LINE`` as ``check`` prints it,
    or ``LINE``: the entry that starts there or holds that line) or its msgid
    (:func:`find_entry`). A waiver needs a reason; the check must exist and the entry must
    be in the file. An existing waiver for the same check and term is replaced. The save is
    atomic and refuses if the file changed on disk meanwhile.
    """
    if not reason.strip():
        raise UserError("a waiver needs a reason", None, 'add --reason "why this finding is fine"')
    try:
        ids = resolve_check_ids([check])
    except ValueError as exc:
        raise UserError(str(exc), None, "see `workbench check --list-checks`") from None
    if len(ids) != 1:
        raise UserError(f"a waiver names one check, not {check!r}")
    check_id = ids[0]
    catalog = PoCatalog.load(Path(path))
    unit = find_entry(catalog.units(), entry, Path(path))
    kept = tuple(w for w in unit.waivers if not (w.check == check_id and w.term == term))
    updated = replace(unit, waivers=(*kept, Waiver(check_id, reason.strip(), term)))
    catalog.apply(updated)
    catalog.save(translator=translator_name())
    return updated


_LINE = when_used(r"(?:(?P<file>.+):)?(?P<line>\d+)")


def find_entry(units: Sequence[Unit], entry: str, path: Path) -> Unit:
    """The unit ``entry`` names in the PO file at ``path``: a msgctxt first (the form of
    documents' catalogues), else a line (``FILE.po:LINE`` or ``LINE``; the entry starting at
    or last before it), else a msgid. Nothing or more than one → :class:`UserError` that says
    which forms are accepted."""
    live = [u for u in units if not u.obsolete]
    by_context = [u for u in live if u.id and u.id == entry]
    if by_context:
        return _only(by_context, f"the msgctxt {entry!r}", path)
    at = _LINE().fullmatch(entry.strip())
    if at is not None and live and _same_file(at.group("file"), path):
        line = int(at.group("line"))
        before = [u for u in live if 0 < u.line <= line]
        if before:
            return max(before, key=lambda u: u.line)
    by_source = [u for u in live if u.source == entry]
    if by_source:
        return _only(by_source, f"the msgid {entry!r}", path)
    raise UserError(
        f"no entry {entry!r} in this file",
        path,
        f"name the entry by {ENTRY_FORMS}",
    )


def _only(found: Sequence[Unit], what: str, path: Path) -> Unit:
    """The one unit in ``found``; more than one → :class:`UserError` naming their lines
    (software catalogues share a msgctxt such as "unit-symbols" among a hundred entries)."""
    if len(found) == 1:
        return found[0]
    lines = ", ".join(f"{path}:{u.line}" for u in found)
    raise UserError(
        f"{len(found)} entries have {what} (at {lines})",
        path,
        "name one by its line: --entry FILE.po:LINE",
    )


def _same_file(named: str | None, path: Path) -> bool:
    """Whether the file part of ``FILE.po:LINE`` (None: no file part) names ``path``."""
    if named is None:
        return True
    try:
        return Path(named).resolve() == path.resolve() or Path(named).name == path.name
    except OSError:
        return False


__all__ = [
    "CHECKS",
    "DEFAULT_STATES",
    "ENTRY_FORMS",
    "CheckReport",
    "CheckSummary",
    "SpellingSetup",
    "add_project_words",
    "add_waiver",
    "build_context",
    "check_files",
    "check_unit",
    "find_entry",
    "gc_paused",
    "parse_states",
    "suite",
]
