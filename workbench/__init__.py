"""workbench: a terminal translation and localization workbench.

Importing the package is cheap on purpose: it loads no UI, no PO library and no MT engine.
The layers are ``domain`` (pure rules), ``adapters`` (files and engines), ``services``
(use cases wiring the two) and the faces ``cli`` and ``tui``.
"""

__version__ = "0.1.0"
