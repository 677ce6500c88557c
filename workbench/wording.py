"""How counts read in messages: `1 pair`, `3 pairs`."""


def counted(count: int, noun: str) -> str:
    """The count and its noun, plural unless the count is one (the nouns of the workbench's
    messages, pair, sentence, bead, byte, document, take an s)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
