"""Whole archives: pairing two folders of articles, and batch alignment in worker processes and on
a Dask cluster (a LocalCluster this test starts) with the same beads as one process."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import CORPORA, dump
from workbench import matching, store
from workbench.align.mt import apertium_modes
from workbench.align.collection import LexiconPool, group_of
from workbench.jobs.alignment import StoredPairs, align_pairs, archive_words, realign_pair
from workbench.review.app import ReviewApp
from workbench.review.screens.pairs import PairsScreen

ARCHIVE = CORPORA / "archive"


def heading(path: str) -> str:
    """`Article 3` / `Artículo 3` -> `3`: the number that says which article a file holds."""
    return Path(path).read_text(encoding="utf-8").split()[1]


def beads_of(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select pair_id, position, src_start, src_end, tgt_start, tgt_end, confidence, status "
                            "from beads order by pair_id, position").fetchall()


def copy_db(db: Path, to: Path) -> None:
    """A consistent copy of a database in WAL mode (its latest writes may be in the -wal file)."""
    with sqlite3.connect(db) as source, sqlite3.connect(to) as target:
        source.backup(target)


def statuses(db: Path) -> Counter[str]:
    with sqlite3.connect(db) as conn:
        return Counter(r[0] for r in conn.execute("select status from pairs"))


@pytest.mark.parametrize("mt", [True, False], ids=["mt", "no-mt"])
def test_pair_collection_finds_the_pairs_and_leaves_the_decoys(cli, db, mt) -> None:
    if mt and not apertium_modes():
        pytest.skip("Apertium is not installed (CI installs it)")
    code, out, err = cli("pair-collection", ARCHIVE / "en", ARCHIVE / "es", "--tsv", *([] if mt else ["--no-mt"]))
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == 8 and all(len(r) == 3 for r in rows)
    assert all(heading(s) == heading(t) and 0.5 <= float(score) <= 1 for s, t, score in rows)
    unpaired = sorted(heading(line.split(": ", 1)[1]) for line in err.splitlines() if line.startswith("unpaired: "))
    assert unpaired == ["10", "11", "12", "9"]
    assert statuses(db) == {"proposed": 8}
    assert ("MT is off" in err) != mt


def test_proposed_pairs_wait_for_a_reviewer(cli, db) -> None:
    cli("pair-collection", ARCHIVE / "en", ARCHIVE / "es", "--no-mt")
    assert cli("align", "--all", "--no-mt")[0] == 0
    assert beads_of(db) == []  # nothing accepted, nothing aligned
    code, _, err = cli("align", "1", "--no-mt")
    assert code == 2 and "pair 1 is proposed" in err
    with sqlite3.connect(db) as conn:
        conn.execute("update pairs set status = 'rejected' where id = 1")
        rejected = conn.execute("select src_doc, tgt_doc from pairs where id = 1").fetchone()
        conn.execute("delete from pairs where id = 2")
    code, _, _ = cli("pair-collection", ARCHIVE / "en", ARCHIVE / "es", "--no-mt")
    assert code == 0
    with sqlite3.connect(db) as conn:
        pairs = conn.execute("select src_doc, tgt_doc, status from pairs").fetchall()
    assert (*rejected, "rejected") in pairs and len(pairs) == 8  # pair 2 proposed again, pair 1 not
    assert sum(1 for r in pairs if (r[0], r[1]) == rejected) == 1


def test_bad_file_in_a_collection_changes_nothing(cli, db, tmp_path: Path) -> None:
    cli("pair-collection", ARCHIVE / "en", ARCHIVE / "es", "--no-mt")
    before = dump(db)
    folder = tmp_path / "es"
    shutil.copytree(ARCHIVE / "es", folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 1000)
    code, out, err = cli("pair-collection", ARCHIVE / "en", folder, "--no-mt")
    assert code == 2 and out == ""
    assert [line for line in err.splitlines() if line.strip()] == [
        next(line for line in err.splitlines() if "broken.txt" in line)]
    assert dump(db) == before


def test_workers_and_dask_cluster_give_the_same_beads_and_resume(cli, db, tmp_path: Path) -> None:
    """`align` and `pair-collection`'s verification on worker processes and on a cluster."""
    distributed = pytest.importorskip("distributed")
    code, proposed, _ = cli("pair-collection", ARCHIVE / "en", ARCHIVE / "es", "--accept", "--tsv", "--explain")
    assert code == 0
    code, _, err = cli("align", "1", "2")  # an earlier, interrupted run got this far
    assert code == 0
    partial = tmp_path / "partial.db"
    copy_db(db, partial)
    with sqlite3.connect(db) as conn:
        first_runs = conn.execute("select id, pair_id from runs").fetchall()
    code, _, err = cli("align", "--all", "--workers", "2")
    assert code == 0 and "aligned 6 pairs" in err and "low-confidence" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("select id, pair_id from runs where pair_id in (1, 2)").fetchall() == first_runs
        # each pair aligned alone, then with the lexicon of the six: see align_pairs
        rounds = conn.execute("select pair_id, json_extract(params, '$.collection_pairs') from runs "
                              "where pair_id > 2 order by id").fetchall()
    assert [n for _, n in rounds] == [0] * 6 + [6] * 6 and {p for p, _ in rounds} == set(range(3, 9))
    two_workers = beads_of(db)
    assert len({b[0] for b in two_workers}) == 8
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        cluster_db = tmp_path / "cluster.db"
        copy_db(partial, cluster_db)
        code, _, err = cli.__class__(cluster_db, cli.capsys)("align", "--all", "--dask-scheduler",
                                                              cluster.scheduler_address)
        for where in (["--workers", "2"], ["--dask-scheduler", cluster.scheduler_address]):
            paired = cli.__class__(tmp_path / f"{where[0]}.db", cli.capsys)(
                "pair-collection", ARCHIVE / "en", ARCHIVE / "es", "--tsv", "--explain", *where)
            assert paired[:2] == (0, proposed)
    assert code == 0 and "aligned 6 pairs" in err
    assert beads_of(cluster_db) == two_workers
    with sqlite3.connect(cluster_db) as conn, sqlite3.connect(db) as other:
        assert conn.execute("select count(*) from mt_cache").fetchone() == other.execute(
            "select count(*) from mt_cache").fetchone()


def collection_pairs(db: Path, pair_id: int) -> list[int]:
    """How many pairs lent their beads to the lexicon of each run of a pair (see align_pairs)."""
    with sqlite3.connect(db) as conn:
        return [n for n, in conn.execute("select json_extract(params, '$.collection_pairs') from runs "
                                         "where pair_id = ? order by id", [pair_id])]


def test_a_pair_aligned_alone_learns_from_the_rest_of_the_archive(cli, db) -> None:
    """Without MT, one pair pools the stored beads of the archive's other pairs of its languages
    into its lexicon (rejected beads left out), and is aligned again with its own beads added;
    with MT, it is aligned once, alone."""
    assert cli("import-dir", CORPORA / "candide", "--presplit")[0] == 0
    assert cli("align", "1", "2", "3", "--no-mt")[0] == 0
    assert collection_pairs(db, 1) == [0, 3]  # nothing else aligned yet; then the run's three pairs
    code, _, err = cli("align", "4", "--no-mt")
    assert code == 0 and "aligned 1 pair, " in err
    assert collection_pairs(db, 4) == [3, 4]
    connection = store.open_database(db)
    assert realign_pair(str(db), 4, [], no_mt=True) == store.beads(connection, 4)  # the review's R: the same
    words, pairs = archive_words(connection, "en", "es", {4})
    assert pairs == 3 and len(words) == sum(1 for p in (1, 2, 3) for b in store.beads(connection, p) if b.src and b.tgt)
    with sqlite3.connect(db) as conn:
        conn.execute("update beads set status = 'rejected' where id = (select min(id) from beads where "
                     "pair_id = 1 and src_start is not null and tgt_start is not null)")
    assert len(archive_words(connection, "en", "es", {4})[0]) == len(words) - 1
    with sqlite3.connect(db) as conn:
        conn.execute("update pairs set status = 'rejected' where id = 2")  # not translations after all
    assert archive_words(connection, "en", "es", {4})[1] == 2
    assert archive_words(connection, "en", "fr", set()) == ([], 0)
    if apertium_modes():
        assert cli("align", "4", "--realign")[0] == 0
        assert collection_pairs(db, 4) == [3, 4, 0]
    def pool(no_mt: bool, run: set[int]) -> LexiconPool:
        return LexiconPool(StoredPairs(connection, no_mt, lambda pid: [], run), Counter({("en", "es"): len(run)}))

    def collects(no_mt: bool, run: set[int]) -> bool:  # whether pair 4's first round keeps its bead words
        return pool(no_mt, run).task(4, group_of(("en", "es"), no_mt), first_round=True).collect
    assert collects(True, {4}) and collects(False, {3, 4})  # the archive lends words; a run of two pools
    assert collects(False, {4}) != bool(apertium_modes())  # alone with MT: aligned once, no words wanted
    assert not pool(True, {4}).task(4, group_of(("en", "es"), True), first_round=False).collect  # a second round
    calls: list[int] = []  # the progress bar's steps: two a pair, whether its second round is needed or not
    for no_mt in (True, False):
        align_pairs(connection, [4], no_mt=no_mt, on_done=calls.append)
    assert calls == [4] * 4


def test_unreachable_cluster_is_one_error_line(cli, db) -> None:
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    cli("pair-collection", ARCHIVE / "en", ARCHIVE / "es", "--accept", "--no-mt")
    before = dump(db)
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        code, _, err = cli("align", "--all", "--no-mt", "--dask-scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and err.strip().splitlines()[-1].startswith("workbench: error:")
    assert dump(db) == before


def proposal(src: int, tgt: int, score: float, rank: float) -> matching.Proposal:
    candidate = matching.Candidate(src, tgt, 0.5, rank, 1.0, 0.0, rank, True)
    return matching.Proposal(src, tgt, score, score, score, candidate)


def test_competitive_linking_is_one_to_one_and_respects_exclusions() -> None:
    verified = [proposal(0, 1, 0.9, 2.0), proposal(1, 0, 0.8, 3.0), proposal(0, 0, 0.7, 4.0), proposal(2, 2, 0.01, 5.0)]
    found = matching.link(verified, 3, 3)
    assert [(p.src, p.tgt) for p in found.proposals] == [(0, 1), (1, 0)]  # sure pairs first, by aligned share
    assert found.unpaired_src == [2] and found.unpaired_tgt == [2]  # (2, 2) linked, then left out: under the threshold
    again = matching.link(verified, 3, 3, exclude={(0, 1)})
    assert [(p.src, p.tgt) for p in again.proposals] == [(1, 0)]  # (0, 0) loses to (1, 0): target 0 is taken
    partial = [proposal(0, 0, 0.2, 3.0), proposal(1, 0, 0.4, 1.5)]  # neither mostly aligned: rank decides
    assert [(p.src, p.tgt) for p in matching.link(partial, 2, 1).proposals] == [(0, 0)]
    assert matching.link([], 0, 3).unpaired_tgt == [0, 1, 2]


def words(*tokens: str) -> Counter[str]:
    return Counter({t: 1 for t in tokens})


def candidates(src: list[Counter[str]], tgt: list[Counter[str]], src_sizes: list[int],
               tgt_sizes: list[int]) -> list[matching.Candidate]:
    vocabulary = matching.Vocabulary()
    return matching.candidates(vocabulary.bags(zip(src, src_sizes)), vocabulary.bags(zip(tgt, tgt_sizes)))


def test_a_margin_leaves_the_candidate_out_and_numbers_that_disagree_lower_it() -> None:
    src = [words("#26", " righ", " educ", " free"), words(" vote", " parl")]
    same = candidates(src, [words("#26", " righ", " educ", " free"), words(" vote", " parl")], [50, 50], [50, 50])
    other = candidates(src, [words("#25", " righ", " educ", " free"), words(" vote", " parl")], [50, 50], [50, 50])
    first = next(c for c in same if (c.src, c.tgt) == (0, 0))
    assert first.margin > 1 and first.mutual  # over the other neighbour only, not over its own cosine
    assert first.margin > next(c for c in other if (c.src, c.tgt) == (0, 0)).margin


def test_the_length_prior_is_learnt_from_likely_pairs_not_from_the_totals() -> None:
    """Ten pairs whose target is 20% longer, and ten long source decoys: the totals' ratio is
    far from the pairs' ratio, which the likely pairs give."""
    src = [words(f" a{k}", f" b{k}", f" c{k}") for k in range(10)] + [words(f" z{k}") for k in range(10)]
    tgt = [words(f" a{k}", f" b{k}", f" c{k}") for k in range(10)]
    found = candidates(src, tgt, [100] * 10 + [1000] * 10, [120] * 10)
    pairs = [c for c in found if c.src == c.tgt]
    assert all(c.mutual and abs(c.length_ratio - 1.2) < 1e-6 and c.length_deviation < 1e-6 for c in pairs)
    assert matching.typical_length([]) == (0.0, matching.LENGTH_SPREAD)
    assert matching.length_prior(100.0) == matching.LENGTH_FLOOR  # a far ratio halves a rank, never more


def test_code_lines_count_once_and_shared_tokens_weigh_nothing() -> None:
    code = "import { useState } from 'react';\n}\n"
    found = matching.bag(["Hola mundo.", code], ["paragraph", "code"], ["Hello world.", code])
    assert found["`import { useState } from 'react';"] == 1 and "`}" not in found
    assert not any(t in found for t in (" imp", "reac"))  # code is not prose
    assert " hol" in found and " hel" in found  # the prose and its translation
    vocabulary = matching.Vocabulary()
    xs, xt = matching._tfidf(vocabulary.bags([(words(" all", " one"), 1)]).counts,
                             vocabulary.bags([(words(" all", " two"), 1)]).counts)
    assert (xs @ xt.T).toarray()[0, 0] == 0.0  # " all" is in every document


def test_a_bead_agrees_when_its_sides_share_more_than_chance_and_no_number_parts_them() -> None:
    test = matching.Agreement({"": 1.0}, chance=0.3)
    assert test.agrees("Everyone has the right to education.", "Everyone has the right to education.")
    assert not test.agrees("Article 5", "Article 4")
    assert not test.agrees("Everyone has the right to education.", "The vote takes place tomorrow.")
    prose = [["Everyone has the right to life."], ["The vote takes place tomorrow at noon."]]
    assert matching.agreement(prose, prose, {(0, 0), (1, 1)}, True).chance >= matching.CHANCE_FLOOR[True]


async def test_pairs_screen_accepts_and_aligns_a_proposed_pair_and_rejects_another(cli, db) -> None:
    cli("pair-collection", ARCHIVE / "en", ARCHIVE / "es", "--no-mt")
    app = ReviewApp(db)
    async with app.run_test(size=(130, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PairsScreen)
        await pilot.press("enter")  # a proposed pair does not open
        assert isinstance(app.screen, PairsScreen)
        await pilot.press("a")
        for _ in range(600):
            await pilot.pause(0.1)
            if not app.screen.aligning:
                break
        await pilot.press("down", "x")
        await pilot.pause()
        with sqlite3.connect(db) as conn:
            rows = dict(conn.execute("select id, status from pairs where id in (1, 2)").fetchall())
            aligned = conn.execute("select count(*) from beads where pair_id = 1").fetchone()[0]
        assert rows == {1: "accepted", 2: "rejected"} and aligned > 0
        await pilot.press("up", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, PairsScreen)  # the aligned pair opens


def test_pair_collection_names_every_refused_article_and_can_skip_them(cli, db, tmp_path) -> None:
    for lang in ("en", "es"):
        shutil.copytree(CORPORA / "archive" / lang, tmp_path / lang)
    (tmp_path / "es" / "empty.txt").write_text("")
    (tmp_path / "en" / "binary.txt").write_bytes(bytes(range(256)) * 4)
    code, out, err = cli("pair-collection", tmp_path / "en", tmp_path / "es", "--no-mt")
    assert code == 2 and out == "" and not db.exists()
    assert "refused: " in err and "empty.txt: no text" in err and "binary.txt: binary" in err
    assert err.strip().endswith("2 of 22 articles refused, nothing imported (--skip-bad imports the others)")
    code, out, err = cli("pair-collection", tmp_path / "en", tmp_path / "es", "--no-mt", "--skip-bad")
    assert code == 1 and err.count("skipped: ") == 2 and len(out.splitlines()) >= 8


def test_pair_collection_tsv_escapes_file_names_reversibly(cli, db, tmp_path) -> None:
    from workbench.display import uncell
    hostile = ["tab\there", "new\nline", "esc \x1b[31mred", "rtl \u202eevil", "back\\slash", "c1 \x85 and \\x85"]
    for lang in ("en", "es"):
        shutil.copytree(ARCHIVE / lang, tmp_path / lang)
        for k, path in enumerate(sorted((tmp_path / lang).iterdir())[:len(hostile)]):
            path.rename(path.with_name(f"{hostile[k]} {lang}.txt"))
    code, out, err = cli("pair-collection", tmp_path / "en", tmp_path / "es", "--tsv", "--no-mt")
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == 8 and all(len(r) == 3 and all(field.isprintable() for field in r) for r in rows)
    paths = [Path(uncell(name)) for s, t, _ in rows for name in (s, t)]
    assert all(path.exists() for path in paths)
    assert sum(any(h in path.name for h in hostile) for path in paths) >= 6


def test_pair_collection_says_in_one_line_how_many_articles_were_too_short_to_check(cli) -> None:
    code, _, err = cli("pair-collection", ARCHIVE / "en", ARCHIVE / "es", "--no-mt")
    short = [line for line in err.splitlines() if "too short to check" in line]
    assert code == 0 and short == ["12 files too short to check their language; taken as declared"]
