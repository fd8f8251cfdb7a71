"""Counts below their bound are usage errors naming the bound (``--samples -5`` used to
become 1 without a word)."""

from __future__ import annotations

import pytest

from workbench.cli import main


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["score", "x.po", "--samples", "-5"], "--samples: must be at least 1, not -5"),
        (["score", "x.po", "--samples", "0"], "--samples: must be at least 1, not 0"),
        (["score", "x.po", "--workers", "0"], "--workers: must be at least 1, not 0"),
        (["score", "x.po", "--segments", "-2"], "--segments: must be at least -1"),
        (["score", "x.po", "--samples", "many"], "'many' is not a whole number"),
        (["draft", "x.po", "--beam", "0"], "--beam: must be at least 1, not 0"),
        (["draft", "x.po", "--hypotheses", "-1"], "--hypotheses: must be at least 1"),
    ],
)
def test_counts_below_their_bound_are_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err
