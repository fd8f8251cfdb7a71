"""Markdown round trip on real German documents: the workbench against Translate Toolkit's
md2po/po2md and mdpo, on the same documents, with an identity translation.

Every document is extracted to PO, each msgstr set to its msgid, and turned back into
Markdown. Per tool it counts:

- documents whose export has the same markdown-it token stream as the source (soft line
  breaks read as spaces, so re-flowed paragraphs count as the same) and those whose
  bytes are identical;
- words lost: words of the source (text, code, alt texts, titles) missing from the export;
- segments that show Markdown syntax to the translator: a PO msgid that, with the
  workbench's own tags removed, parses as anything but plain text, or starts with block
  syntax (``>``, ``|``, ``#``, a list marker).

The documents are tests/data/real_documents.toml's (fetched from the registries and
cached) plus any files given with ``--extra`` (a held-out set). The other tools run from
their own virtual environments (their command names clash):

    python -m bench.documents                                  # the workbench only
    python -m bench.documents --translate-toolkit /tmp/tt/bin --mdpo /tmp/mdpo/bin
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

import polib

from tests.support.registry import fetch, member_text
from tests.test_real_documents import real_documents
from workbench.adapters.markdown import parser, structure, tokens
from workbench.cli import main as workbench_main
from workbench.domain.tags import INLINE_TAG

_BLOCK_START = re.compile(r"^(?:>|\||#{1,6}\s|[-*+]\s)")
_WORD = re.compile(r"\w+")
_PLAIN = {"text", "softbreak", "text_special"}


class Outcome(NamedTuple):
    """One tool on one document."""

    same_structure: bool
    same_bytes: bool
    words_lost: int
    segments: int
    raw_segments: int
    failed: str = ""


def words(markdown: str) -> Counter[str]:
    """Every word a reader (or a code block) has in a document, as a multiset."""
    found: Counter[str] = Counter()
    for token in tokens(markdown):
        found.update(_WORD.findall(token.content if token.type != "inline" else ""))
        for child in token.children or []:
            texts = [child.content] + [c.content for c in child.children or []]
            texts += [str(v) for k, v in child.attrs.items() if k == "title"]
            for text in texts:
                found.update(_WORD.findall(text))
    return found


def shows_markup(msgid: str) -> bool:
    """Whether a msgid puts Markdown syntax in front of the translator."""
    bare = INLINE_TAG.sub("X", msgid).strip()
    if _BLOCK_START.match(bare):
        return True
    children = parser().parseInline(bare)[0].children or []
    return any(c.type not in _PLAIN for c in children)


def identity(po: Path) -> list[str]:
    """Set every msgstr to its msgid; return the msgids."""
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.save()
    return [e.msgid for e in catalog if e.msgid]


def run_workbench(source: Path, work: Path) -> tuple[str, list[str]]:
    po, out = work / "wb.po", work / "wb.md"
    if workbench_main(["segment", str(source), "-o", str(po)]) != 0:
        raise RuntimeError("segment failed")
    msgids = identity(po)
    args = ["export", str(po), "-f", "md", "--unreviewed", "keep", "-o", str(out)]
    if workbench_main(args) != 0:
        raise RuntimeError("export failed")
    return out.read_bytes().decode("utf-8"), msgids


def tool_runner(kind: str, bindir: Path) -> Callable[[Path, Path], tuple[str, list[str]]]:
    def run(source: Path, work: Path) -> tuple[str, list[str]]:
        po, out = work / f"{kind}.po", work / f"{kind}.md"
        if kind == "tt":
            _call([bindir / "md2po", "-i", source, "-o", po])
            msgids = identity(po)
            _call([bindir / "po2md", "-m", "0", "-t", source, "-i", po, "-o", out])
        else:
            _call([bindir / "md2po", source, "--save", "--po-filepath", po])
            msgids = identity(po)
            _call([bindir / "po2md", source, "--pofiles", po, "--save", out])
        return out.read_bytes().decode("utf-8"), msgids

    return run


def _call(args: Iterable[object]) -> None:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip()[-300:] or f"exit {result.returncode}")


def measure(run: Callable[[Path, Path], tuple[str, list[str]]], text: str) -> Outcome:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "source.de.md"
        source.write_text(text, encoding="utf-8", newline="")
        try:
            out, msgids = run(source, work)
        except (RuntimeError, OSError, ValueError) as exc:
            return Outcome(False, False, sum(words(text).values()), 0, 0, str(exc)[:120])
    lost = sum((words(text) - words(out)).values())
    same = structure(tokens(out)) == structure(tokens(text))
    raw = sum(1 for m in msgids if shows_markup(m))
    return Outcome(same, out == text, lost, len(msgids), raw)


def documents(extra: list[Path]) -> list[tuple[str, str]]:
    docs = [(d.name, member_text(fetch(d.url, d.sha256), d.path)) for d in real_documents()]
    docs += [(str(p), p.read_bytes().decode("utf-8")) for p in extra]
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--translate-toolkit", type=Path, help="bin folder with its md2po/po2md")
    ap.add_argument("--mdpo", type=Path, help="bin folder with mdpo's md2po/po2md")
    ap.add_argument("--extra", type=Path, nargs="*", default=[], help="more documents")
    ap.add_argument("--details", action="store_true", help="one line per document and tool")
    args = ap.parse_args(argv)
    tools: dict[str, Callable[[Path, Path], tuple[str, list[str]]]] = {"workbench": run_workbench}
    if args.translate_toolkit:
        tools["md2po/po2md -m 0"] = tool_runner("tt", args.translate_toolkit)
    if args.mdpo:
        tools["mdpo"] = tool_runner("mdpo", args.mdpo)
    docs = documents(args.extra)
    total_words = sum(sum(words(t).values()) for _, t in docs)
    print(f"{len(docs)} documents, {total_words:,} words\n")
    print("| tool | same structure | same bytes | words lost | segments with raw markup |")
    print("|---|---:|---:|---:|---:|")
    for name, run in tools.items():
        results = [(doc, measure(run, text)) for doc, text in docs]
        outcomes = [o for _, o in results]
        segs = sum(o.segments for o in outcomes)
        raw = sum(o.raw_segments for o in outcomes)
        print(
            f"| {name} | {sum(o.same_structure for o in outcomes)} of {len(docs)} "
            f"| {sum(o.same_bytes for o in outcomes)} of {len(docs)} "
            f"| {sum(o.words_lost for o in outcomes):,} "
            f"| {raw:,} of {segs:,} ({100 * raw / max(segs, 1):.0f}%) |"
        )
        if args.details:
            for doc, o in results:
                print(f"    {name} {doc}: {o}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
