"""Review UI benchmark with Textual's Pilot on a pair of about 12,000 beads (candide-dev x43):
time to the first screen, and the time of every operation from key press to settled screen
(database write included). Run: python -m benchmarks.review_bench [COPIES]; COPIES (43 by
default) sets the size: 1 is one pair of candide-dev's 259 beads, the size of a long article."""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from benchmarks.common import load_set, require_shared
from workbench import store
from workbench.align import Bead
from workbench.model import Document

DB = Path("/tmp/workbench-review-bench.db")
COPIES = 43
TRIES = 10
KEYS = ("space", "x", "o", "m", "u", "d", "U", "D", "0", "ctrl+z", "ctrl+y", "n", "l", "t", "f",
        "pagedown", "end", "home")
# dialogs: the key that opens one, what is typed into it, what it does
DIALOGS = (("s", "", "split (the suggested point)"), ("N", "checked", "note"),
           ("A", "a", "confirm every bead above the cursor (a: the doubtful ones too)"),
           ("C", "0.85", "confirm every bead at or above 0.85 (all of them; undone after each try)"), ("slash", "Candide", "search"),
           ("e", " Edited.", "correct the source text (same sentence count)"),
           ("E", "\nUna frase nueva.", "split a target sentence in two (renumbers what follows)"))


def build(copies: int) -> int:
    """One pair: candide-dev repeated `copies` times, aligned by its gold beads (repeated)."""
    src, tgt, beads = [], [], []
    for _, s, t, gold in load_set("candide-dev", "en", "es"):
        beads += [Bead(tuple(i + len(src) for i in b.src), tuple(j + len(tgt) for j in b.tgt), 0.9) for b in gold]
        src, tgt = src + s, tgt + t
    all_beads = [Bead(tuple(i + c * len(src) for i in b.src), tuple(j + c * len(tgt) for j in b.tgt), 0.9)
                 for c in range(copies) for b in beads]
    for path in (DB, DB.with_name(DB.name + "-wal"), DB.with_name(DB.name + "-shm")):
        path.unlink(missing_ok=True)
    db = store.open_database(DB)
    docs = [Document("bench", f"candide x{copies}", lang, sents * copies, ["0"] * len(sents) * copies, lang * 8)
            for lang, sents in (("en", src), ("es", tgt))]
    pair = store.add_pair(db, *docs)
    store.save_alignment(db, pair, all_beads, {"aligner_version": "bench"})
    return len(all_beads)


async def measure() -> None:
    from workbench.review.app import ReviewApp
    from workbench.review.screens.alignment import AlignmentScreen
    started = time.perf_counter()
    app = ReviewApp(DB, 1)
    async with app.run_test(size=(160, 50)) as pilot:
        while not isinstance(app.screen, AlignmentScreen):
            await pilot.pause()
        await pilot.pause()
        print(f"first screen: {time.perf_counter() - started:.2f} s ({len(app.session.beads)} beads)")
        await pilot.press("pagedown", "pagedown")
        floor = []
        for _ in range(5):
            t = time.perf_counter()
            await pilot.press("f12")  # bound to nothing: what Pilot itself costs
            await pilot.pause()
            floor.append((time.perf_counter() - t) * 1000)
        print(f"Pilot's own cost of a key press and pause: {statistics.median(floor):.1f} ms")
        print("key        through Pilot (median/max)   action + write + pilot.pause() (median/max)   changed")
        view = app.screen.view
        bindings = [(b, app.screen) for b in app.screen.BINDINGS] + [(b, view) for b in view.BINDINGS]
        for key in KEYS:
            action, target = next((b.action, on) for b, on in bindings if key in b.key.split(","))
            piloted, direct, changed = [], [], 0
            for _ in range(TRIES):
                await _fresh_beads(app, pilot, wrap=key not in ("end", "pagedown"))
                if key == "o":
                    await pilot.press("space", "up")  # something to reopen
                before = (app.session.beads, app.screen.view.cursor, app.screen.view.shown)
                t = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                app.session.flush()
                piloted.append((time.perf_counter() - t) * 1000)
                changed += (app.session.beads, app.screen.view.cursor, app.screen.view.shown) != before
                t = time.perf_counter()
                await target.run_action(action)
                app.session.flush()
                await pilot.pause()
                direct.append((time.perf_counter() - t) * 1000)
            while app.screen.filter_index:  # back to all beads for the next key
                await app.screen.run_action("filter")
            print(f"{key:<10} {statistics.median(piloted):7.1f} / {max(piloted):6.1f} ms"
                  f"            {statistics.median(direct):7.1f} / {max(direct):6.1f} ms                {changed}/{TRIES}")
        await dialogs(app, pilot)
        await screens(app, pilot)
        await realign(app, pilot)


def _fits(key: str, bead) -> bool:
    """Whether the bead can take the dialog's edit: text on the side edited, a bead to split."""
    return {"e": bool(bead.src), "E": bool(bead.tgt), "s": len(bead.src) + len(bead.tgt) > 2}.get(key, True)


async def _fresh_beads(app, pilot, wrap: bool = True) -> None:
    """A page down, to beads no try has touched; near the end of a short pair (with `wrap`),
    back to the first bead."""
    await pilot.press("pagedown")
    if wrap and app.screen.view.cursor > len(app.session.beads) - 20:
        await pilot.press("home")


async def dialogs(app, pilot) -> None:
    """From the key that answers a question or closes the text editor (enter, ctrl+s) to the
    settled screen, write included."""
    from textual.widgets import TextArea
    from workbench.review.widgets.prompt import Prompt
    print("question   answering key to settled screen, write included (median/max)")
    for key, typed, what in DIALOGS:
        times, undone = [], []
        for _ in range(TRIES):
            await _fresh_beads(app, pilot)
            while not _fits(key, app.session.beads[app.screen.view.cursor]):
                await pilot.press("down")
            await pilot.press(key)
            await pilot.pause()
            if key in ("e", "E"):
                area = app.screen.query_one(TextArea)
                area.load_text(area.text + typed)
                t = time.perf_counter()
                area.parent.action_save()
            else:
                prompt = app.screen.query_one(Prompt)
                prompt.text = typed or prompt.text
                t = time.perf_counter()
                prompt.submit()  # what enter does
            await pilot.pause()
            app.session.flush()
            times.append((time.perf_counter() - t) * 1000)
            if key in ("A", "C"):
                t = time.perf_counter()
                await app.screen.run_action("undo")
                await pilot.pause()
                app.session.flush()
                undone.append((time.perf_counter() - t) * 1000)
        print(f"{key:<10} {statistics.median(times):7.1f} / {max(times):6.1f} ms   {what}")
        if undone:
            print(f"{'ctrl+z':<10} {statistics.median(undone):7.1f} / {max(undone):6.1f} ms   undo of that bulk confirmation")


async def screens(app, pilot) -> None:
    """Opening and closing the help screen and the text editor, and a jump from the overview strip."""
    from workbench.review.widgets.text_editor import TextEditor
    from workbench.review.widgets.overview import Overview
    steps = {"? help opens": lambda: app.screen.run_action("help"),
             "help closes": lambda: app.screen.run_action("close_help"),
             "tab: overview entered": lambda: app.screen.run_action("overview"),
             "overview jump (enter)": lambda: app.screen.query_one(Overview).run_action("jump"),
             "e: text editor opens": lambda: app.screen.run_action("edit_text('src')"),
             "escape: editor cancelled": lambda: app.screen.query_one(TextEditor).run_action("close")}
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(TRIES):
        for name, step in steps.items():
            if name == "overview jump (enter)":
                await app.screen.query_one(Overview).run_action("move(7)")
                await pilot.pause()
            t = time.perf_counter()
            await step()
            await pilot.pause()
            times[name].append((time.perf_counter() - t) * 1000)
    for name, values in times.items():
        print(f"{name:<24} {statistics.median(values):7.1f} / {max(values):6.1f} ms")


async def realign(app, pilot, tries: int = 3) -> None:
    """Re-alignment runs in another process: the key settles at once, the result comes later
    (and is undone before the next try)."""
    settled, applied = [], []
    for _ in range(tries):
        t = time.perf_counter()
        await app.screen.run_action("realign")
        await pilot.pause()
        settled.append((time.perf_counter() - t) * 1000)
        while app.screen.query_one("#status").busy:
            await pilot.pause(0.05)
        applied.append(time.perf_counter() - t)
        await app.screen.run_action("undo")
        await pilot.pause()
    print(f"R (re-align everything not confirmed or edited): key to settled screen {statistics.median(settled):.1f} / "
          f"{max(settled):.1f} ms, result applied after {statistics.median(applied):.1f} s")


def main() -> None:
    require_shared()
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    print(f"pair of {build(int(sys.argv[1]) if len(sys.argv) > 1 else COPIES)} beads")
    asyncio.run(measure())


if __name__ == "__main__":
    main()
