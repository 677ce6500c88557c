"""Sentence splitting: a table of English and Spanish cases, and properties that must always hold."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.ingest import split_sentences
from workbench.ingest.segment import _split
from tests.conftest import CORPORA, DATA

CASES = [
    # English
    ("en", "Gen. Andrey Kartapolov said on Tuesday. Russia is ready.",
     ["Gen. Andrey Kartapolov said on Tuesday.", "Russia is ready."]),
    ("en", "Col.-Gen. Andrei Kartapolov said it. Nothing more.",
     ["Col.-Gen. Andrei Kartapolov said it.", "Nothing more."]),
    ("en", "Lt. Col. Smith arrived. He left at noon.", ["Lt. Col. Smith arrived.", "He left at noon."]),
    ("en", "The pilots made 1,631 sorties. They hit 2,084 targets.",
     ["The pilots made 1,631 sorties.", "They hit 2,084 targets."]),
    ("en", "He lived in the U.S. The next day he left.", ["He lived in the U.S.", "The next day he left."]),
    ("en", "The U.S. Army moved in.", ["The U.S. Army moved in."]),
    ("en", "Mr. and Mrs. Jones met Dr. Brown. They talked.", ["Mr. and Mrs. Jones met Dr. Brown.", "They talked."]),
    ("en", "“We did it,” he said. Then he left.", ["“We did it,” he said.", "Then he left."]),
    ("en", "Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
    ("en", "He said: \"Stop.\" Everyone stopped.", ["He said: \"Stop.\"", "Everyone stopped."]),
    ("en", "The rate rose 3.5 per cent in 2014. It fell later.", ["The rate rose 3.5 per cent in 2014.", "It fell later."]),
    ("en", "See p. 12 for details.", ["See p. 12 for details."]),
    ("en", "Prof. Ruiz and Sen. Kerry spoke. Gov. Brown did not.", ["Prof. Ruiz and Sen. Kerry spoke.", "Gov. Brown did not."]),
    ("en", "It happened on Nov. 3 in Moscow. Nobody was hurt.", ["It happened on Nov. 3 in Moscow.", "Nobody was hurt."]),
    ("en", "Wait... What happened?", ["Wait...", "What happened?"]),
    ("en", "Article 1 applies (see above). Article 2 does not.", ["Article 1 applies (see above).", "Article 2 does not."]),
    ("en", "The Islamic State (ISIL) operated in Iraq and Syria.", ["The Islamic State (ISIL) operated in Iraq and Syria."]),
    ("en", "They met at 10 a.m. on Monday.", ["They met at 10 a.m. on Monday."]),
    ("en", "Su-34 and Su-24M bombers flew. Mi-8 helicopters followed.", ["Su-34 and Su-24M bombers flew.", "Mi-8 helicopters followed."]),
    ("en", "Smith et al. wrote this. It was in vol. 3 of the journal.", ["Smith et al. wrote this.", "It was in vol. 3 of the journal."]),
    ("en", "No. 5 was missing. The rest were found.", ["No. 5 was missing.", "The rest were found."]),
    ("en", "I declare resumed the session. Are there any comments?", ["I declare resumed the session.", "Are there any comments?"]),
    # Spanish
    ("es", "El Sr. Pérez llegó. La Sra. Gómez no.", ["El Sr. Pérez llegó.", "La Sra. Gómez no."]),
    ("es", "La Dra. Ruiz habló con el Gral. López. Luego se fueron.", ["La Dra. Ruiz habló con el Gral. López.", "Luego se fueron."]),
    ("es", "Viajó a EE.UU. en mayo. Volvió en junio.", ["Viajó a EE.UU. en mayo.", "Volvió en junio."]),
    ("es", "Viajó a EE. UU. en mayo. Volvió en junio.", ["Viajó a EE. UU. en mayo.", "Volvió en junio."]),
    ("es", "Hay muchos ejemplos, p. ej. este. Hay más.", ["Hay muchos ejemplos, p. ej. este.", "Hay más."]),
    ("es", "Lo dice la pág. 12 del informe. Es claro.", ["Lo dice la pág. 12 del informe.", "Es claro."]),
    ("es", "Murieron aprox. 2.084 personas. Fue terrible.", ["Murieron aprox. 2.084 personas.", "Fue terrible."]),
    ("es", "Los pilotos hicieron 1.631 salidas. Atacaron 2.084 objetivos.", ["Los pilotos hicieron 1.631 salidas.", "Atacaron 2.084 objetivos."]),
    ("es", "La sesión empezó a las 18.30 h. El presidente habló.", ["La sesión empezó a las 18.30 h.", "El presidente habló."]),
    ("es", "¿Vienes mañana? ¡Claro que sí! Te espero.", ["¿Vienes mañana?", "¡Claro que sí!", "Te espero."]),
    ("es", "Dijo «basta ya». Todos callaron.", ["Dijo «basta ya».", "Todos callaron."]),
    ("es", "«Hemos llegado a un acuerdo», dijo. «Seguiremos».", ["«Hemos llegado a un acuerdo», dijo.", "«Seguiremos»."]),
    ("es", "“No es posible”, afirmó el ministro. Nadie respondió.", ["“No es posible”, afirmó el ministro.", "Nadie respondió."]),
    ("es", "El terremoto fue de 7,6 grados. Hubo miles de víctimas.", ["El terremoto fue de 7,6 grados.", "Hubo miles de víctimas."]),
    ("es", "Lo firmó el Lic. Martínez, de la Cía. Andina.", ["Lo firmó el Lic. Martínez, de la Cía. Andina."]),
    ("es", "El art. 5 lo prohíbe. Nadie será torturado.", ["El art. 5 lo prohíbe.", "Nadie será torturado."]),
    ("es", "Declaro reanudado el período de sesiones. ¿Hay alguna observación?", ["Declaro reanudado el período de sesiones.", "¿Hay alguna observación?"]),
    ("es", "Vive en la Avda. de Mayo, núm. 3, con su Excmo. padre.", ["Vive en la Avda. de Mayo, núm. 3, con su Excmo. padre."]),
    ("es", "El Estado Islámico (EI) controla el 40% del territorio.", ["El Estado Islámico (EI) controla el 40% del territorio."]),
    ("es", "Llegó el Sr. D. Juan. Lo recibió Dña. María.", ["Llegó el Sr. D. Juan.", "Lo recibió Dña. María."]),
    ("es", "Esperamos... Nadie vino.", ["Esperamos...", "Nadie vino."]),
    ("es", "El Col. Ramírez y el Tte. Soto firmaron. Se fueron a las 9.", ["El Col. Ramírez y el Tte. Soto firmaron.", "Se fueron a las 9."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[f"{c[0]}-{k}" for k, c in enumerate(CASES)])
def test_split_table(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_table_is_big_and_mostly_multi_sentence() -> None:
    assert len(CASES) >= 40
    assert sum(len(c[2]) > 1 for c in CASES) >= len(CASES) / 2
    assert {c[0] for c in CASES} == {"en", "es"}


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZáéñ0123456789", min_size=1, max_size=8)
SENTENCE = st.lists(WORDS, min_size=1, max_size=8).map(lambda ws: " ".join(ws)).map(lambda s: s[0].upper() + s[1:])


@settings(max_examples=150, deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=6), st.sampled_from([".", "?", "!"]),
       st.sampled_from(["en", "es"]), st.text(alphabet=" .,;:?!«»\"'()-", max_size=5))
def test_no_text_is_lost(sentences: list[str], stop: str, lang: str, noise: str) -> None:
    paragraph = " ".join(s + stop for s in sentences) + noise
    split = split_sentences(paragraph, lang)
    assert "".join(split).replace(" ", "") == paragraph.replace(" ", "")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["The army moved in", "Nobody was hurt", "El ejército entró",
                                 "Nadie resultó herido", "They left at noon"]), min_size=2, max_size=6))
def test_several_sentences_are_split(sentences: list[str]) -> None:
    paragraph = " ".join(s + "." for s in sentences)
    assert len(split_sentences(paragraph, "en")) == len(sentences)


def test_segment_nizkor_keeps_the_article_only(cli) -> None:
    code, out, _ = cli("segment", DATA / "nizkor-2015-11-04-syria.en.txt", "--lang", "en")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "General Staff: Coordinates of 24 terrorist targets in Syria provided by opposition"
    assert lines[-1] == "[Source: Itar Tass, Moscow, 03Nov15]"
    assert not [line for line in lines if "Bookshop" in line or "Donate" in line
                or "This document has been published" in line]
    assert "The Russian pilots have made 1,631 combat sorties and delivered air strikes at 2,084 terrorist facilities since the military operation started, Kartapolov told journalists on November 3 confirming that Russia had no intention to participate in land operations in Syria." in lines


@pytest.mark.parametrize(("name", "heading"), [("udhr.en.txt", "Article"), ("udhr.es.txt", "Artículo")])
def test_segment_udhr_keeps_every_article_heading(cli, name: str, heading: str) -> None:
    _, out, _ = cli("segment", CORPORA / "articles" / name, "--lang", name.split(".")[1])
    lines = out.splitlines()
    for number in range(1, 31):
        assert f"{heading} {number}" in lines


WORDS = ["word", "Word", "El", "The", "(a)", "—", "x!y", "a?b", "3.5", '"Hi"', "¡Sí!", "¿Qué?", "Dr.", "U.S.",
         "end.", "...", "“Yes.”"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), st.sampled_from(["en", "es", "de"]))
def test_a_paragraph_split_without_the_splitter_is_split_as_the_splitter_would(words, lang) -> None:
    """A paragraph with no place to break skips the splitter (4.9 million lines of `Dr.` spent
    half their import there); it must come out as the splitter would have split it."""
    text = " ".join(words)
    assert split_sentences(text, lang) == _split(text, lang)
