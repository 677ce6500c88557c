"""The review's one key map. Every key of the alignment screen, the bead list and the pairs screen
is bound here, in groups a translator reads in the help panel; the bottom line shows the keys
marked `show`, and the command palette (ctrl+p) offers every key by its description. A change
that adds a key, a filter or a column adds it here, so that the bottom line, the help and the
palette stay in step and 80x24 keeps working (`footer` drops whole keys, never half a word)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from workbench.model import BeadStatus
from workbench.review import blocks

# How the help and the bottom line name a key (Textual's names are "slash", "question_mark"...).
KEY_NAMES = {"slash": "/", "question_mark": "?", "escape": "esc", "pageup": "pgup", "pagedown": "pgdn",
             "space": "space", "enter": "enter", "tab": "tab", "delete": "del"}

# The bead list's own keys (the cursor's), bound by the list so that they win over scrolling.
MOVES = [
    Binding("down,j", "step(1)", "Next bead", show=False),
    Binding("up,k", "step(-1)", "Previous bead", show=False),
    Binding("pagedown", "page(1)", "Page down", show=False),
    Binding("pageup", "page(-1)", "Page up", show=False),
    Binding("home", "step(-1000000000)", "First bead", show=False),
    Binding("end", "step(1000000000)", "Last bead", show=False),
]

# The alignment screen's keys, in the help panel's groups; `show` puts a key on the bottom line.
GROUPS: list[tuple[str, list[Binding]]] = [
    ("Decide", [
        Binding("space,enter", "confirm", "Confirm", tooltip="Confirm the bead, go to the next"),
        Binding("x", f"status('{BeadStatus.REJECTED}')", "Reject", show=False, tooltip="Reject (a wrong pairing: kept out of exports)"),
        Binding("o", f"status('{BeadStatus.AUTO}')", "Reopen (unconfirm)", show=False),
        Binding("A", "confirm_above", "Confirm all above (asks; skips low and noted)", show=False),
        Binding("C", "confirm_confident", "Confirm all at or above a confidence (asks)", show=False),
    ]),
    ("Fix the alignment", [
        Binding("m", "merge", "Merge", tooltip="Merge with the next bead"),
        Binding("s", "split", "Split", tooltip="Split (asks after how many sentences: ¹ ² number them)"),
        Binding("0", "no_counterpart", "No counterpart: each sentence alone", show=False),
        Binding("u", "move('src', True)", "First English sentence to the bead above", show=False),
        Binding("d", "move('src', False)", "Last English sentence to the bead below", show=False),
        Binding("U", "move('tgt', True)", "First Spanish sentence to the bead above", show=False),
        Binding("D", "move('tgt', False)", "Last Spanish sentence to the bead below", show=False),
    ]),
    ("Text", [
        Binding("e", "edit_text('src')", "Edit the source text", show=False),
        Binding("E", "edit_text('tgt')", "Edit the target text", show=False),
        Binding("N", "note", "Note on the bead", show=False),
        Binding("y", "copy('src')", "Copy the source text", show=False),
        Binding("Y", "copy('tgt')", "Copy the target text", show=False),
    ]),
    ("Find", [
        Binding("slash", "search", "Search", tooltip="Search both languages (enter alone: the next match)"),
        Binding("n", "next('unconfirmed')", "Unconfirmed", tooltip="Next unconfirmed bead"),
        Binding("l", "next('low')", "Next low-confidence", show=False),
        Binding("t", "next('nonone')", "Next bead that is not 1-1", show=False),
        Binding("g", "go_to", "Go to bead number", show=False),
        Binding("f", "filter", "Filter: unconfirmed, low, not 1-1, all", show=False),
        Binding("b", "filter_block", "Filter by block kind (headings...)", show=False),
        Binding("tab", "overview", "Overview strip (arrows, enter jumps)", show=False),
    ]),
    ("Session", [
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo", show=False),
        Binding("R", "realign", "Re-align beads not yet reviewed", show=False),
        Binding("right_square_bracket", "next_pair", "Next pair", show=False),
        Binding("escape", "back", "Back to the pairs", show=False),
        Binding("q", "app.quit", "Quit (every change is saved)", show=False),
        Binding("question_mark", "help", "Help"),
    ]),
]
ALIGNMENT = [binding for _, group in GROUPS for binding in group]

PAIRS = [
    Binding("a", "accept", "Accept and align"),
    Binding("x", "reject", "Reject"),
    Binding("delete", "remove", "Remove (twice)"),
    Binding("question_mark", "help", "Help"),
    Binding("q", "app.quit", "Quit"),
]

# What the help says besides the keys: the columns, the marks and the overview strip.
LEGEND = """Each row is a bead: English sentences beside the Spanish ones that translate them.
Left columns: the bead's shape (1-1: one sentence each side; 2-1: two English for one Spanish;
1-0: no translation), then the aligner's confidence (0 to 1; red under 0.6, yellow under 0.8),
then marks: ✓ confirmed, ✗ rejected, * changed by hand (its confidence is the aligner's from
before), ✎ has a note. In a side of several sentences, ¹ ² ³ number them: "s" splits after so
many English and Spanish sentences.

The strip at the right edge is the whole pair, top to bottom: its first column is green where
every bead is confirmed, red where one is rejected, grey otherwise; its second shows ! where a
bead needs a look (low confidence) and ◆ where one is not 1-1. The shaded part is the screen.

In a question (search, split, note): enter answers, escape cancels, up recalls the last answer.
ctrl+p: the command palette, every action by name. ctrl+c does not copy: y and Y do."""


def key_name(keys: str) -> str:
    """How a binding's keys are written for a person: "space,enter" -> "space/enter"."""
    return "/".join(KEY_NAMES.get(key, key) for key in keys.split(","))


def help_text() -> Text:
    """The alignment screen's help: the keys by group, then the legend of what the screen shows."""
    text = Text()
    for title, group in [("Move", MOVES), *GROUPS]:
        text.append(f"{title}\n", style="bold")
        for binding in group:
            text.append(f"  {key_name(binding.key):<11} ", style="bold")
            text.append(f"{binding.tooltip or binding.description}\n")
        text.append("\n")
    return text + Text(f"{LEGEND}\n\n{blocks.LEGEND}")


def pairs_help_text() -> Text:
    """The pairs screen's help."""
    text = Text("Pairs\n", style="bold")
    text.append("  enter       Open the pair\n")
    for binding in PAIRS:
        text.append(f"  {key_name(binding.key):<11} ", style="bold")
        text.append(f"{binding.description}\n")
    text.append("\nA proposed pair (from pair-collection) is accepted and aligned with a, or rejected with x.\n"
                "Columns: languages, sentences of each side, the share of beads confirmed, how many are\n"
                "low-confidence, whether machine translation helped, the pair's status and score.")
    return text


def footer(bindings: list[Binding], width: int) -> Text:
    """The bottom line: the keys marked `show`, as many whole ones as fit in `width`, the help
    key always last (a key that does not fit is dropped, never cut in the middle)."""
    shown = [b for b in bindings if b.show and b.description]
    help_key = [b for b in shown if b.action == "help"]
    parts = [(key_name(b.key.split(",")[0]), b.description) for b in shown if b not in help_key]
    tail = [(key_name(b.key), b.description) for b in help_key]
    room = width - sum(len(k) + len(d) + 3 for k, d in tail)
    kept = []
    for key, description in parts:
        if len(key) + len(description) + 3 <= room:
            room -= len(key) + len(description) + 3
            kept.append((key, description))
    text = Text(no_wrap=True)
    for key, description in kept + tail:
        text.append(f" {key} ", style="bold")
        text.append(f"{description} ")
    return text
