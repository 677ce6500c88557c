"""The pure aligner: invariants (hypothesis), signals, search, gold documents, MT, evaluation."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.align import AlignOptions, Bead, Side, align_sentences, coverage_error, parse_beads
from workbench.align.collection import AlignTask, align_documents, collection_lexicon
from workbench.align.features import WITH_MT, WITHOUT_MT, encode, fold, is_debris, learn_lexicon, tokens
from workbench.align.mt import Apertium, apertium_modes
from workbench.align import search as search_module
from workbench.metrics import boundary_fixes, score
from tests.conftest import CORPORA, REPO, run_process

GOLD = REPO / "alignments" / "candide"
HAS_APERTIUM = "spa-eng" in apertium_modes()
WORD = st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáé", min_size=1, max_size=9)
SENTENCES = st.lists(st.lists(WORD, min_size=1, max_size=10).map(" ".join), max_size=25)


def _evidence(bead_side: tuple[int, ...], sentences: list[str]) -> int:
    """How many sentences of a bead's side are not debris (debris inside a bead's span joins it,
    as in the Text+Berg gold's 1-5 beads, so only the others are bounded by the bead types)."""
    return sum(not is_debris(sentences[k]) for k in bead_side)


@settings(max_examples=60, deadline=None)
@given(SENTENCES, SENTENCES)
@example(["aa"], ["aa", "a", "a", "a", "aa"])
def test_beads_cover_both_sides_in_order_and_are_deterministic(src: list[str], tgt: list[str]) -> None:
    beads = align_sentences(Side(src, "en"), Side(tgt, "es"))
    assert coverage_error(beads, len(src), len(tgt)) is None
    assert all(_evidence(b.src, src) <= 4 and _evidence(b.tgt, tgt) <= 4 for b in beads)
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)
    assert align_sentences(Side(src, "en"), Side(tgt, "es")) == beads


@settings(max_examples=40, deadline=None)
@given(SENTENCES, SENTENCES, st.data())
def test_anchors_are_kept(src: list[str], tgt: list[str], data: st.DataObject) -> None:
    first = align_sentences(Side(src, "en"), Side(tgt, "es"))
    anchors = [b for b in first if data.draw(st.booleans())]
    anchors = [Bead(b.src, b.tgt, 1.0) for b in anchors]
    again = align_sentences(Side(src, "en"), Side(list(reversed(tgt)), "es"), anchors=anchors)
    assert coverage_error(again, len(src), len(tgt)) is None
    for anchor in anchors:
        assert anchor in again


def test_tokens_survive_translation() -> None:
    assert fold("Número ÁRBOL") == "numero arbol"
    assert {"#1631", "#2084"} <= tokens("1,631 sorties on 2.084 targets")
    assert tokens("Kartapolov dijo") & tokens("Kartapolov said") == {"cart"}
    assert tokens("Sektion Physik") == tokens("section physique")
    assert "?" in tokens("¿Hay alguna observación?") and '"' in tokens("«basta»")
    assert tokens("the army", {"army": ["ejercito"]}) == {"te", "ejer"}
    assert tokens("the army", {"army": ["ejercito", "tropa"]}, keep_own=True) == {"te", "armi", "ejer", "trop"}
    assert tokens("the army") == {"te", "armi"}


def test_lexicon_learnt_from_cooccurrence() -> None:
    src = [["house", "red"], ["house", "big"], ["dog", "red"], ["dog", "small"]]
    tgt = [["casa", "roja"], ["casa", "grande"], ["perro", "rojo"], ["perro", "pequeno"]]
    lexicon = learn_lexicon(src, tgt, [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3])])
    assert lexicon["casa"] == ["house"] and lexicon["perro"] == ["dog"]
    assert "grande" not in lexicon


def test_lexicon_keeps_two_translations_without_mt() -> None:
    src = [["red", "car"], ["red", "house"], ["crimson", "boat"], ["crimson", "tree"]]
    tgt = [["rojo", "coche"], ["rojo", "casa"], ["rojo", "barco"], ["rojo", "arbol"]]
    pairs = [([k], [k]) for k in range(4)]
    assert learn_lexicon(src, tgt, pairs, WITHOUT_MT) == {"rojo": ["crimson", "red"]}
    assert learn_lexicon(src, tgt, pairs, WITH_MT) == {"rojo": ["crimson"]}


def test_a_collection_learns_what_each_document_sees_too_rarely() -> None:
    """One bead per document holds gipfel/sommet: alone, a single co-occurrence is noise; over
    three documents of the collection it is a translation."""
    documents = [[(["gipfel", w], ["sommet", w.upper()])] for w in ("eins", "zwei", "drei")]
    alone = [learn_lexicon([s], [t], [([0], [0])], WITHOUT_MT) for (s, t), in documents]
    assert all("sommet" not in lexicon for lexicon in alone)
    pooled = collection_lexicon([(frozenset(s), frozenset(t)) for (s, t), in documents], translated=False)
    assert pooled["sommet"] == ["gipfel"]


def test_a_collection_entry_steers_only_where_its_translations_occur() -> None:
    """With MT a mapped word loses its own token: an entry learnt from other documents (Europarl's
    assembly -> house) must not hide the exact match of a document that never says `house`."""
    en = ["Whereas a common understanding of these rights and freedoms is of the greatest importance for the full "
          "realization of this pledge,", "Now, therefore,", "The General Assembly",
          "Proclaims this Universal Declaration of Human Rights as a common standard of achievement for all peoples."]
    es = ["Considerando que una concepción común de estos derechos y libertades es de la mayor importancia para el "
          "pleno cumplimiento de dicho compromiso,", "La Asamblea General",
          "Proclama la presente Declaración Universal de Derechos Humanos como ideal común de todos los pueblos."]

    def pairs(lexicon: dict[str, list[str]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        opts = AlignOptions(translator=Apertium(), lexicon=lexicon)
        return [(b.src, b.tgt) for b in align_sentences(Side(en, "en"), Side(es, "es"), opts)]

    assert pairs({"general": ["comprehensive", "whole"], "assembly": ["house", "members"]}) == pairs({})
    assert pairs({"assembly": ["now"], "general": ["therefore"]}) != pairs({})  # both words are in `en`


def test_align_collection_groups_language_pairs_and_relearns() -> None:
    src, tgt = _synthetic(30)
    de = [f"Bericht {k}: Gipfel, Gletscher und Hütte Nummer {k}." for k in range(12)]
    fr = [f"Rapport {k} : sommet, glacier et cabane numéro {k}." for k in range(12)]
    documents = [(Side(src, "en"), Side(tgt, "es")), (Side(de[:6], "de"), Side(fr[:6], "fr")),
                 (Side(de[6:], "de"), Side(fr[6:], "fr"))]
    done: list[int] = []
    out = align_documents(documents, no_mt=True, on_done=done.append)
    assert out[0] == align_sentences(*documents[0])  # the only English-Spanish document: aligned alone
    assert sorted(done) == [0, 0, 1, 1, 2, 2]  # two steps a document, aligned once or twice
    assert all(coverage_error(beads, len(s.sentences), len(t.sentences)) is None
               for beads, (s, t) in zip(out, documents))
    assert align_documents(documents, no_mt=True) == out
    alone = [align_documents([documents[k]], no_mt=True)[0] for k in (1, 2)]
    assert alone == [align_sentences(*documents[k]) for k in (1, 2)]  # the German-French pair relearns together


def test_debris_is_left_unaligned() -> None:
    """Lines with no word and no number (OCR specks, rules of dots) show nothing to align by."""
    src = ["The house on the hill is red.", ".....", "The dog of Aleppo barks at 9 o'clock.", "- _-",
           "Report 12 of the group.", "A", "Two people came."]
    tgt = ["La casa de la colina es roja.", "El perro de Aleppo ladra a las 9.", "Informe 12 del grupo.",
           "Vinieron dos personas."]
    beads = align_sentences(Side(src, "en"), Side(tgt, "es"))
    assert {(b.src, b.tgt) for b in beads} == {((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), ()), ((4,), (2,)),
                                               ((5,), ()), ((6,), (3,))}
    kept = align_sentences(Side(src, "en"), Side(tgt, "es"), AlignOptions(disabled=frozenset({"debris"})))
    assert coverage_error(kept, len(src), len(tgt)) is None and kept != beads


def _synthetic(n: int) -> tuple[list[str], list[str]]:
    names = ["Aleppo", "Tamdor", "Itria", "Kartapolov", "Moscow", "Damascus", "Homs", "Raqqa"]
    src = [f"Report {k}: the group of {names[k % 8]} counted {k * 7 + 3} people on day {k % 28 + 1}." for k in range(n)]
    tgt = [f"Informe {k}: el grupo de {names[k % 8]} contó {k * 7 + 3} personas el día {k % 28 + 1}." for k in range(n)]
    return src, tgt


def test_long_stretch_missing_from_one_side_does_not_derail(monkeypatch) -> None:
    src, tgt = _synthetic(1300)
    del tgt[600:700]
    assert (len(src) + 1) * (len(tgt) + 1) > search_module.FULL_SEARCH_CELLS  # the banded path runs
    beads = align_sentences(Side(src, "en"), Side(tgt, "es"))
    expected = [Bead((k,), (k if k < 600 else k - 100,)) for k in range(1300) if not 600 <= k < 700]
    got = {(b.src, b.tgt) for b in beads}
    assert {(b.src, b.tgt) for b in expected} <= got
    assert sum(1 for b in beads if not b.tgt) == 100


def _gold_names() -> list[str]:
    return sorted(p.stem for p in GOLD.glob("*.gold"))


def _align_gold(name: str, translator) -> tuple[list[Bead], list[Bead]]:
    src = (CORPORA / "candide" / f"{name}.en").read_text().splitlines()
    tgt = (CORPORA / "candide" / f"{name}.es").read_text().splitlines()
    out = align_sentences(Side(src, "en"), Side(tgt, "es"), AlignOptions(translator=translator))
    return parse_beads((GOLD / f"{name}.gold").read_text()), out


@pytest.mark.skipif(not HAS_APERTIUM, reason="Apertium is not installed (CI installs it)")
def test_sample_gold_with_mt() -> None:
    docs = [_align_gold(name, Apertium()) for name in _gold_names()]
    result = score(docs)
    assert result["f1_strict"] >= 0.9 and result["f1_lax"] >= 0.98
    exact = [name for name, (gold, out) in zip(_gold_names(), docs)
             if {(b.src, b.tgt) for b in gold} == {(b.src, b.tgt) for b in out}]
    assert {"candide-00", "candide-03"} <= set(exact)


def test_sample_gold_without_mt() -> None:
    result = score([_align_gold(name, None) for name in _gold_names()])
    assert result["f1_strict"] >= 0.75 and result["f1_lax"] >= 0.9


def test_confidence_ranks_wrong_beads_below_right_ones() -> None:
    """On the bundled gold chapters without MT, a wrong bead gets a lower confidence than a right
    one in most pairs of the two (the model before bead posteriors: 0.43, worse than chance)."""
    beads = [(b.confidence, (b.src, b.tgt) in truth) for gold, out in (_align_gold(name, None) for name in _gold_names())
             for truth in [{(g.src, g.tgt) for g in gold}] for b in out]
    right = [c for c, ok in beads if ok]
    wrong = [c for c, ok in beads if not ok]
    assert len(wrong) >= 5
    assert sum((r > w) + 0.5 * (r == w) for r in right for w in wrong) / (len(right) * len(wrong)) >= 0.8


def _posteriors(src: list[str], tgt: list[str]) -> tuple[np.ndarray, search_module.Posteriors]:
    """The best path and its posteriors, from the search itself."""
    s, t, weight = encode([tokens(x) for x in src], [tokens(x) for x in tgt], [len(x) for x in src],
                          [len(x) for x in tgt], None, None)
    path = search_module.search(s, t, weight, search_module.CostParams())
    return path, search_module.posteriors(path, search_module.band(path, s, t, weight, search_module.CostParams()))


@settings(max_examples=40, deadline=None)
@given(SENTENCES, SENTENCES)
def test_posteriors_are_probabilities_of_exclusive_events(src: list[str], tgt: list[str]) -> None:
    path, post = _posteriors(src, tgt)
    eps = 1e-9
    for (i0, j0), (i1, j1), p in zip(path[:-1].tolist(), path[1:].tolist(), post.beads):
        assert -eps <= p <= 1 + eps
        if i1 > i0 and j1 > j0:  # a sentence of a bead cannot also be unaligned
            assert all(p + post.src[i] <= 1 + eps for i in range(i0, i1))
            assert all(p + post.tgt[j] <= 1 + eps for j in range(j0, j1))
        else:  # a skip is one of the ways its sentences are unaligned
            assert all(p <= post.src[i] + eps for i in range(i0, i1))
            assert all(p <= post.tgt[j] + eps for j in range(j0, j1))


def test_an_ambiguous_bead_has_a_lower_posterior_than_a_clear_one() -> None:
    src = ["Mont Blanc 4810", "Eiger 3967"]
    tgt = ["Mont Blanc 4810", "Mont Blanc 4810", "Eiger 3967"]  # which is the translation?
    path, post = _posteriors(src, tgt)
    assert path.tolist() == [[0, 0], [1, 2], [2, 3]]  # Mont Blanc with both copies, then the Eiger
    assert post.beads[0] < post.beads[1] - 0.1
    _, post = _posteriors(src[:1], tgt[:2])
    assert post.tgt[0] == pytest.approx(post.tgt[1])  # either copy may be the one left over
    assert 0 < post.tgt[0] < 0.5


def _paths(i: int, j: int, n: int, m: int) -> list[list[tuple[int, int]]]:
    """Every path of search nodes from (i, j) to (n, m) in steps of the search's bead types."""
    if (i, j) == (n, m):
        return [[(n, m)]]
    return [[(i, j)] + rest for a, b in search_module.BEAD_TYPES.tolist() if i + a <= n and j + b <= m
            for rest in _paths(i + a, j + b, n, m)]


def _expected_score(path: np.ndarray, post: search_module.Posteriors) -> float:
    """Sum over the path's beads of (posterior - price), a skipped sentence being a bead alone."""
    price = search_module.RISK_PRICE
    total = 0.0
    for (i0, j0), (i1, j1), p in zip(path[:-1].tolist(), path[1:].tolist(), post.beads):
        if i1 > i0 and j1 > j0:
            total += p - price
        else:
            total += sum(post.src[i] - price for i in range(i0, i1)) + sum(post.tgt[j] - price for j in range(j0, j1))
    return total


@settings(max_examples=30, deadline=None)
@given(SENTENCES.filter(lambda x: 0 < len(x) <= 3), SENTENCES.filter(lambda x: 0 < len(x) <= 3))
def test_min_risk_path_has_the_highest_expected_score(src: list[str], tgt: list[str]) -> None:
    """Brute force on documents small enough that the band covers every path: no path scores more
    than the one `min_risk_path` picks (bead posteriors at the decoding temperature)."""
    s, t, weight = encode([tokens(x) for x in src], [tokens(x) for x in tgt], [len(x) for x in src],
                          [len(x) for x in tgt], None, None)
    params = search_module.CostParams()
    cheapest = search_module.search(s, t, weight, params)
    near = search_module.band(cheapest, s, t, weight, params)
    chosen = search_module.min_risk_path(near)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_module, "POSTERIOR_TEMPERATURE", search_module.DECODE_TEMPERATURE)
        scores = [_expected_score(np.array(p), search_module.posteriors(np.array(p), near))
                  for p in _paths(0, 0, len(src), len(tgt))]
        found = _expected_score(chosen, search_module.posteriors(chosen, near))
    assert found == pytest.approx(max(scores), abs=1e-9)


def test_score_matches_hand_computed_values() -> None:
    gold = parse_beads("[0]:[0, 1]\n[1, 2]:[2]\n[3]:[]\n[4]:[3]\n")
    out = parse_beads("[0]:[0]\n[]:[1]\n[1, 2]:[2]\n[3]:[]\n[4]:[3]:0.9\n")
    result = score([(gold, out)])
    # precision: 5 output beads, strict hits [1,2]:[2] [3]:[] [4]:[3]; lax also [0]:[0]
    assert result["precision_strict"] == pytest.approx(3 / 5)
    assert result["precision_lax"] == pytest.approx(4 / 5)
    # recall over the 3 gold beads with both sides: strict 2, lax 3
    assert result["recall_strict"] == pytest.approx(2 / 3)
    assert result["recall_lax"] == pytest.approx(1.0)
    # rungs: gold (1,2) (3,3) (4,3) (5,4); output (1,1) (1,2) (3,3) (4,3) (5,4): one extra, a merge
    assert result["fixes_per_100"] == pytest.approx(100 * 1 / 4)


def test_a_moved_boundary_is_one_fix_and_a_missing_one_a_split() -> None:
    gold = parse_beads("[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n")
    shifted = parse_beads("[0, 1]:[0]\n[]:[1]\n[2]:[2]\n[3]:[3]\n")  # rung (1,1) became (2,1): one shift
    merged = parse_beads("[0, 1]:[0, 1]\n[2]:[2]\n[3]:[3]\n")  # rung (1,1) missing: one split
    assert boundary_fixes(gold, shifted) == 1
    assert boundary_fixes(gold, merged) == 1
    assert boundary_fixes(gold, gold) == 0


def test_eval_equals_the_reference_scorer(tmp_path: Path) -> None:
    data = tmp_path / "gold"
    data.mkdir()
    for name in _gold_names():
        shutil.copy(CORPORA / "candide" / f"{name}.en", data)
        shutil.copy(CORPORA / "candide" / f"{name}.es", data)
        shutil.copy(GOLD / f"{name}.gold", data)
    out = tmp_path / "out"
    done = run_process("eval", str(data), "--out", str(out), "--json", "--no-mt")
    assert done.returncode == 0, done.stderr
    ours = json.loads(done.stdout)
    tools = REPO.parent / "shared" / "tools"
    if tools.exists():
        theirs = json.loads(subprocess.run([sys.executable, str(tools / "score.py"), str(data), str(out)],
                                           capture_output=True, text=True, check=True).stdout)
        effort = json.loads(subprocess.run([sys.executable, str(tools / "review_effort.py"), str(data), str(out)],
                                           capture_output=True, text=True, check=True).stdout)
        theirs["fixes_per_100"] = effort["fixes_per_100_beads"]
        ours["fixes_per_100"] = round(ours["fixes_per_100"], 1)
    else:  # on a user's machine without ../shared: our own scorer on the kept files
        gold = [(parse_beads((data / f"{n}.gold").read_text()), parse_beads((out / f"{n}.beads").read_text()))
                for n in _gold_names()]
        theirs = {k: round(v, 4) for k, v in score(gold).items()} | {"documents": len(gold)}
    assert ours == theirs


@pytest.mark.skipif(not HAS_APERTIUM, reason="Apertium is not installed (CI installs it)")
def test_apertium_batches_and_caches() -> None:
    cache: dict[str, str] = {}
    mt = Apertium(cache)
    first = mt.translate(["La casa es roja.", "", "El perro [x] ladra."], "spa-eng")
    assert first[0] == "The house is red." and first[1] == "" and "dog" in first[2]
    assert len(cache) == 3
    saved = os.environ["PATH"]
    os.environ["PATH"] = "/nonexistent"
    try:
        assert mt.translate(["La casa es roja."], "spa-eng") == ["The house is red."]
    finally:
        os.environ["PATH"] = saved


BEAD = re.compile(r"^\[(\d+(, \d+)*)?\]:\[(\d+(, \d+)*)?\](:\d\.\d{3})?$")


def test_align_pair_prints_only_beads_and_says_once_that_mt_is_off(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(sys.executable, bin_dir / "python3")
    env = {"PATH": str(bin_dir)}
    en, es = CORPORA / "candide" / "candide-03.en", CORPORA / "candide" / "candide-03.es"
    done = run_process("align-pair", str(en), str(es), env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines and all(BEAD.match(line) for line in lines)
    assert done.stderr.count("MT is off") == 1
    beads = parse_beads(done.stdout)
    assert coverage_error(beads, len(en.read_text().splitlines()), len(es.read_text().splitlines())) is None


def test_align_pair_reads_files_as_import_does(cli, tmp_path: Path) -> None:
    en, es = tmp_path / "a.en", tmp_path / "a.es"
    en.write_text("The opposition met in Geneva.\nNobody was hurt.\n", encoding="utf-16")
    es.write_text("La oposición se reunió en Ginebra.\nNadie resultó herido.\n", encoding="latin-1")
    code, out, err = cli("align-pair", en, es, "--no-mt")
    assert code == 0, err
    assert [line.rsplit(":", 1)[0] for line in out.splitlines()] == ["[0]:[0]", "[1]:[1]"]
    (tmp_path / "empty.es").write_text(" \n\n")
    (tmp_path / "binary.es").write_bytes(bytes(range(256)) * 8)
    for bad, why in (("missing.es", "no such file"), ("empty.es", "no text to align"), ("binary.es", "binary")):
        code, out, err = cli("align-pair", en, tmp_path / bad, "--no-mt")
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and why in err


def test_eval_refuses_a_gold_naming_sentences_the_files_lack(cli, tmp_path: Path) -> None:
    for lang in ("en", "es"):
        shutil.copy(CORPORA / "candide" / f"candide-03.{lang}", tmp_path)
    lines = len((tmp_path / "candide-03.en").read_text().splitlines())
    (tmp_path / "candide-03.gold").write_text(f"[0]:[0]\n[{lines}]:[1]\n")
    code, out, err = cli("eval", tmp_path, "--no-mt")
    assert code == 2 and out == "" and f"names sentence {lines} but" in err


def test_length_signal_prefers_matching_lengths() -> None:
    from workbench.align.search import _length_penalty
    assert _length_penalty(100.0, 100.0, 1.0, 6.8) < _length_penalty(100.0, 160.0, 1.0, 6.8)
    assert _length_penalty(100.0, 110.0, 1.1, 6.8) < _length_penalty(100.0, 100.0, 1.5, 6.8)


def test_merges_cost_more_than_one_to_one() -> None:
    from workbench.align.search import BEAD_TYPES, CostParams
    penalties = dict(zip(map(tuple, BEAD_TYPES.tolist()), CostParams().type_penalties()))
    assert penalties[(1, 1)] == 0 < penalties[(2, 1)] < penalties[(3, 1)] < penalties[(4, 1)]
    assert penalties[(0, 8)] == 0


def test_paragraph_boundaries_guide_merges() -> None:
    src = ["Alpha beta Gamma.", "Omega.", "Delta epsilon Zeta."]
    tgt = ["Alpha beta Gamma Omega.", "Omega Delta epsilon Zeta."]  # the middle sentence fits either
    first = align_sentences(Side(src, "en", ["p1", "p1", "p2"]), Side(tgt, "es", ["q1", "q2"]))
    second = align_sentences(Side(src, "en", ["p1", "p2", "p2"]), Side(tgt, "es", ["q1", "q2"]))
    assert [(b.src, b.tgt) for b in first] == [((0, 1), (0,)), ((2,), (1,))]
    assert [(b.src, b.tgt) for b in second] == [((0,), (0,)), ((1, 2), (1,))]


def test_signals_declare_what_switching_them_off_removes() -> None:
    from workbench.align.search import CostParams
    from workbench.align.signals import token_kinds, weighed
    with pytest.raises(ValueError, match="no signal 'lenght'"):
        AlignOptions(disabled=frozenset({"lenght"}))  # a typo must not silently ablate nothing
    assert token_kinds(frozenset({"numbers"})) == {"words", "punctuation"}
    off = weighed(CostParams(), frozenset({"length", "paragraphs"}))
    assert (off.length_weight, off.paragraph, off.coverage) == (0.0, 0.0, CostParams().coverage)


@pytest.mark.parametrize("mt", [False, True], ids=["no MT", "MT"])
def test_eval_scores_the_beads_align_stores(cli, tmp_path: Path, mt: bool) -> None:
    """Every F1 we publish is the F1 of what users get: `eval` writes the beads that `import-dir
    --presplit`, `align --all` and `export --format beads` give for the same files."""
    if mt and not HAS_APERTIUM:
        pytest.skip("Apertium is not installed (CI installs it)")
    data = tmp_path / "gold"
    data.mkdir()
    for name in _gold_names():
        for lang in ("en", "es"):
            shutil.copy(CORPORA / "candide" / f"{name}.{lang}", data)
        shutil.copy(GOLD / f"{name}.gold", data)
    no_mt = [] if mt else ["--no-mt"]
    assert cli("eval", data, "--out", tmp_path / "eval", *no_mt)[0] == 0
    assert cli("import-dir", data, "--presplit")[0] == 0
    assert cli("align", "--all", *no_mt)[0] == 0
    for pair_id, name in enumerate(_gold_names(), start=1):
        stored = tmp_path / f"{name}.beads"
        assert cli("export", "--format", "beads", "--pair", pair_id, "-o", stored)[0] == 0
        assert stored.read_text() == (tmp_path / "eval" / f"{name}.beads").read_text(), name


CODE_B = "npm install react react-dom"
CODE_C = "const root = createRoot(document.getElementById('root'));"


def test_code_pairs_with_its_identical_copy_and_a_block_on_one_side_stays_alone() -> None:
    src = _article("en", [("paragraph", "Install it."), ("code", CODE_B), ("code", CODE_C),
                          ("paragraph", "Then render the app.")])
    tgt = _article("es", [("paragraph", "Instálalo."), ("code", CODE_C), ("paragraph", "Luego renderiza la app.")])
    beads = [(b.src, b.tgt) for b in align_sentences(src, tgt)]
    assert beads == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]


def _article(lang: str, items: list[tuple[str, str]]) -> Side:
    """A side of (kind, text) units, each its own block."""
    return Side([text for _, text in items], lang, [str(k) for k in range(len(items))], [kind for kind, _ in items])


def test_code_is_never_machine_translated_unless_structure_is_off() -> None:
    src = _article("en", [("paragraph", "Install it."), ("code", CODE_B)])
    tgt = _article("es", [("paragraph", "Instálalo."), ("code", "npm instala react")])
    task = AlignTask(0, src, tgt, AlignOptions(), no_mt=False)
    assert task.mt_keys()[1] == ["Instálalo."]
    ablated = AlignTask(0, src, tgt, AlignOptions(disabled=frozenset({"structure"})), no_mt=False)
    assert ablated.mt_keys()[1] == ["Instálalo.", "npm instala react"]


def test_a_heading_pairs_with_a_heading_not_with_a_caption_of_the_same_length() -> None:
    """Nothing in the words tells (no MT, no cognate): the kinds do. Without the structure signal
    the English caption took the Spanish heading."""
    src = _article("en", [("caption", "Three boxes in a row."), ("heading", "Boxes placed in rows")])
    tgt = _article("es", [("heading", "Cajas puestas en filas")])
    assert [(b.src, b.tgt) for b in align_sentences(src, tgt)] == [((0,), ()), ((1,), (0,))]
    ablated = align_sentences(src, tgt, AlignOptions(disabled=frozenset({"structure"})))
    assert [(b.src, b.tgt) for b in ablated] == [((0,), (0,)), ((1,), ())]


def test_eval_reads_structured_gold_and_prints_review_effort() -> None:
    """The article dev set (NAME.en.jsonl, NAME.es.jsonl, NAME.gold): read with its blocks, aligned
    near perfectly, review effort beside F1 in the table and the JSON."""
    dev = REPO / "benchmarks" / "dev" / "react-docs"
    table = run_process("eval", str(dev), "--no-mt")
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].endswith("\tF1 lax\tfixes/100")
    totals = json.loads(run_process("eval", str(dev), "--no-mt", "--json").stdout)
    assert totals["documents"] == 2 and totals["f1_strict"] >= 0.98 and totals["fixes_per_100"] <= 2
