"""The fuzz suite: every command against a corpus of bad inputs (see cases.py and runner.py)."""
