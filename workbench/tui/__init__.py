"""The translator's Textual app: segment list, editor, suggestions, glossary and live QA.

Importing this package is cheap; the app itself lives in :mod:`workbench.tui.app` and is
built by :func:`workbench.tui.app.make_app`, shared by ``workbench open`` and the tests.
"""
