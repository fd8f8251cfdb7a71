"""Adapters: files (PO, glossaries, sources, config) and engines (Argos/CTranslate2).

They translate between the outside world and the pure domain, and they are the only code
that reads or writes files.
"""
