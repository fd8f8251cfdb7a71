"""MT model management for the faces: the Argos package store, reached only through here.

The functions are the adapter's own (``workbench.adapters.argos_packages``); this module is
the use-case boundary the CLI and the TUI import, so the faces never touch adapters.
"""

from __future__ import annotations

from workbench.adapters.argos_packages import (
    ArgosPackage,
    install_archive,
    install_command,
    install_from_index,
    installed_packages,
    mt_extra_missing,
    packages_dir,
    remove_package,
)

__all__ = [
    "ArgosPackage",
    "install_archive",
    "install_command",
    "install_from_index",
    "installed_packages",
    "mt_extra_missing",
    "packages_dir",
    "remove_package",
]
