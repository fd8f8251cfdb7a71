"""The pure domain: segments, review states, glossary matching, QA checks and scoring rules.

Nothing here touches files, terminals, PO libraries or MT engines, so every rule can be
tested with plain values and reused by the CLI, the TUI and CI alike.
"""
