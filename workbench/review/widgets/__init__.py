"""The alignment screen's widgets, one a file, with what only they use (the bead list's row layout)."""
