"""Modal screens: quit confirmation, recovery, conflicts, file picker, filter and help."""
