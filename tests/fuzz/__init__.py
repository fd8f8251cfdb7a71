"""The fuzz suite: every command against a corpus of bad inputs (see cases.py and runner.py).

Run by hand (``python -m tests.fuzz.runner``/``killtour``), it keeps its generated files out
of the user's translation memory, as pytest's fixture does for the test.
"""

from tests.support.private_data import use_private_data_folder

use_private_data_folder()
