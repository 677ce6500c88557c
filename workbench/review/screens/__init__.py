"""The review's two screens, one a file: the pairs list, and the alignment of one pair."""
