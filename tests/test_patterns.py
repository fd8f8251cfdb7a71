"""Patterns made with ``when_used`` are compiled at their first use, once."""

from __future__ import annotations

import re

import pytest

from workbench.domain.patterns import when_used


def test_a_pattern_is_compiled_at_its_first_use_and_kept() -> None:
    broken = when_used(r"(unclosed")  # nothing is compiled yet: no error here
    with pytest.raises(re.error):
        broken()
    month = when_used(r"\bmay\b", re.IGNORECASE)
    assert month() is month()
    assert month().search("In May 2020") is not None
    assert month().flags & re.IGNORECASE
