"""Check findings as people and CI systems read them: text lines, JSON, GitHub annotations,
SARIF 2.1.0 and JUnit XML.

Pure string building, no printing: the CLI chooses a format and writes the text. Each format
follows its consumer's rules: GitHub workflow commands escape ``%``, CR and LF in messages and
also ``:`` and ``,`` in properties; SARIF carries a rule per check (its docstring title as
``shortDescription``) and waivers as ``suppressions``; JUnit has one ``testsuite`` per PO file
and one ``testcase`` per checked entry, failing when an unwaived finding reaches ``--fail-on``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from workbench.domain.checks import CHECKS, Finding, Severity
from workbench.domain.units import Unit, entry_name

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/workbench/workbench"
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def text_report(
    findings: Sequence[Finding], colors: Mapping[str, tuple[str, str]] | None = None
) -> str:
    """One line per finding, the way compilers write them (editors jump to the line)::

        FILE:LINE: SEVERITY CHECK [MSGCTXT]: MESSAGE (waived: REASON)

    ``colors`` maps a severity label, and ``"waived"``, to the terminal codes that start
    and end its colour; without it the text is plain. A line costs a few string joins, so
    150,000 findings print about as fast as JSON.
    """
    paint = colors or {}
    plain = ("", "")
    dim_start, dim_end = paint.get("waived", plain)
    lines = []
    for f in findings:
        start, end = plain if f.waived else paint.get(f.severity.label, plain)
        entry = f" [{f.unit_id}]" if f.unit_id else ""
        waived = f" (waived: {_one_line(f.waiver_reason)})" if f.waived else ""
        line = (
            f"{f.file}:{f.line}: {start}{f.severity.label}{end} {f.check}{entry}: "
            f"{_one_line(f.message)}{waived}"
        )
        lines.append(f"{dim_start}{line}{dim_end}" if f.waived else line)
    return "\n".join(lines) + ("\n" if lines else "")


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def finding_dict(f: Finding) -> dict[str, Any]:
    """One finding as the JSON report lists it."""
    data: dict[str, Any] = {
        "check": f.check,
        "severity": f.severity.label,
        "file": f.file,
        "line": f.line,
        "msgctxt": f.unit_id,
        "msgid": f.source,
        "msgstr": f.target,
        "message": f.message,
        "term": f.term,
        "waived": f.waived,
    }
    if f.form:
        data["form"] = f.form
    if f.waived:
        data["waiver_reason"] = f.waiver_reason
    return data


def json_report(findings: Sequence[Finding], summary: Mapping[str, object]) -> str:
    """``{"findings": [...], "summary": {...}}``, indented, UTF-8 kept readable."""
    payload = {"findings": [finding_dict(f) for f in findings], "summary": dict(summary)}
    return json.dumps(payload, ensure_ascii=False, indent=2)


# --- GitHub workflow commands ----------------------------------------------------------


def escape_data(text: str) -> str:
    """Escape a workflow command's message (what follows ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command property value (``file=``, ``title=``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(findings: Sequence[Finding]) -> str:
    """One ``::error file=…,line=…,title=…::message`` line per unwaived finding."""
    lines = []
    for f in findings:
        if f.waived:
            continue
        props = [f"file={escape_property(repository_path(f.file) or f.file)}"] if f.file else []
        if f.line:
            props.append(f"line={f.line}")
        title = f"{f.check}: {CHECKS[f.check].title()}" if f.check in CHECKS else f.check
        props.append(f"title={escape_property(title)}")
        message = f"[{f.unit_id}] {f.message}" if f.unit_id else f.message
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


# --- SARIF 2.1.0 --------------------------------------------------------------------------


def repository_path(file: str) -> str | None:
    """``file`` as GitHub resolves a report's paths: relative to the top of the git work
    tree around the current folder (``check`` may run in a subfolder), else to the current
    folder; ``None`` if it lies in neither."""
    here = Path.cwd()
    path = Path(os.path.normpath(here / file))
    for base in (_work_tree_top(here), here):
        if base is not None and path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return None


@cache
def _work_tree_top(folder: Path) -> Path | None:
    """The top of the git work tree around ``folder`` (looked up once per folder, not once
    per finding)."""
    return next((p for p in (folder, *folder.parents) if (p / ".git").exists()), None)


def artifact_uri(file: str) -> str:
    """A SARIF artifact URI: the path :func:`repository_path` gives, else a file:// URI."""
    relative = repository_path(file)
    return relative if relative is not None else Path(file).absolute().as_uri()


def sarif_report(findings: Sequence[Finding], checks: Sequence[str], version: str) -> str:
    """A SARIF 2.1.0 log with one run, a rule per check id, a result per finding."""
    rule_ids = list(dict.fromkeys([*checks, *(f.check for f in findings)]))
    rules = [_sarif_rule(rule_id) for rule_id in rule_ids]
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    results = [_sarif_result(f, index[f.check]) for f in findings]
    log = {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "workbench",
                        "version": version,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _sarif_rule(rule_id: str) -> dict[str, Any]:
    """A check as a SARIF rule: its names, its description and its default level."""
    cls = CHECKS.get(rule_id)
    title = cls.title() if cls else rule_id
    rule: dict[str, Any] = {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in rule_id.split("-")),
        "shortDescription": {"text": title},
        "fullDescription": {"text": cls.description() if cls else title},
        "defaultConfiguration": {"level": _SARIF_LEVEL[cls.severity] if cls else "warning"},
    }
    if cls and (cls.pofilter or cls.weblate):
        rule["properties"] = {"pofilter": list(cls.pofilter), "weblate": list(cls.weblate)}
    return rule


def _sarif_result(f: Finding, rule_index: int) -> dict[str, Any]:
    """A finding as a SARIF result: where (file, line, entry), what, and its waiver."""
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.file)}}
    }
    if f.line > 0:
        location["physicalLocation"]["region"] = {"startLine": f.line}
    if f.unit_id:
        location["logicalLocations"] = [{"name": f.unit_id, "kind": "member"}]
    result: dict[str, Any] = {
        "ruleId": f.check,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {"msgctxt/check/term": sarif_fingerprint(f)},
    }
    if f.waived:
        result["suppressions"] = [{"kind": "inSource", "justification": f.waiver_reason}]
    return result


def sarif_fingerprint(finding: Finding) -> str:
    """What keeps a code-scanning alert the same alert while lines move: entry, check, term.

    GitHub matches the results of one rule in one file by fingerprint and folds results
    with the same one into one alert, so the entry is named the way gettext keys it: by
    msgctxt and msgid together. A msgctxt alone is shared by many entries (GTK's ``keyboard
    label``, ``paper size``) and most gettext entries have none; the msgid goes in as a
    digest, which keeps fingerprints short whatever its length. An entry without msgctxt
    keeps the fingerprint it had before msgctxt came in (``msgid:<digest>``). A finding on
    a plural entry's further form ends in the form (``/msgstr[1]``): the same check may
    fail on several forms.
    """
    entry = "msgid:" + hashlib.sha256(finding.source.encode()).hexdigest()[:16]
    if finding.unit_id:
        entry = f"msgctxt:{finding.unit_id}|{entry}"
    form = f"/msgstr[{finding.form}]" if finding.form else ""
    return f"{entry}/{finding.check}/{finding.term}{form}"


# --- JUnit XML -----------------------------------------------------------------------------


def junit_report(
    findings: Sequence[Finding], units_per_file: Mapping[str, Sequence[Unit]], fail_on: Severity
) -> str:
    """JUnit XML: a testsuite per file, a testcase per checked entry.

    An entry fails when it has an unwaived finding at or above ``fail_on``; all its
    findings (waived ones marked) are listed in the failure text or in ``system-out``.
    """
    import xml.etree.ElementTree as ET  # here: only this report needs XML

    by_unit: dict[tuple[str, str, str], list[Finding]] = {}
    for f in findings:
        by_unit.setdefault((f.file, f.unit_id, f.source), []).append(f)
    root = ET.Element("testsuites", name="workbench check")
    total_tests = total_failures = 0
    for file, units in units_per_file.items():
        suite = ET.SubElement(root, "testsuite", name=file)
        failures = 0
        for unit in units:
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{entry_name(unit.id, unit.source)} (line {unit.line})",
                classname=file,
            )
            case.set("file", file)
            case.set("line", str(unit.line))
            found = by_unit.get((file, unit.id, unit.source), [])
            failing = [f for f in found if not f.waived and f.severity >= fail_on]
            text = "\n".join(_junit_line(f) for f in found)
            if failing:
                failures += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    message="; ".join(f"{f.check}: {f.message}" for f in failing),
                    type=",".join(dict.fromkeys(f.check for f in failing)),
                )
                failure.text = f"{text}\nsource: {unit.source}\ntarget: {unit.target}"
            elif found:
                ET.SubElement(case, "system-out").text = text
        suite.set("tests", str(len(units)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += len(units)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _junit_line(f: Finding) -> str:
    waived = f" (waived: {f.waiver_reason})" if f.waived else ""
    return f"{f.severity.label} {f.check}: {f.message}{waived}"
