"""Benchmarks run by hand, with the same inputs every time: ``python -m bench.<name>``.

Whatever a benchmark segments, drafts or saves stays out of the user's translation memory.
"""

from tests.support.private_data import use_private_data_folder

use_private_data_folder()
