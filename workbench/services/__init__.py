"""Use cases: thin functions that wire the pure domain to the file and engine adapters.

Each module is one use case (segment, status, check, draft, score, export). The faces
(``cli``, ``tui``) call these and nothing below them.
"""
