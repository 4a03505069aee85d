from printing.typography import NBSP, escape, hyphenate_czech, literal, paragraphs, prose, typeset


def test_markup_characters_are_escaped():
    assert escape('A & B <C>') == "A &amp; B &lt;C&gt;"
    assert literal(" info@a-b.cz ") == "info@a-b.cz"


def test_czech_quotes_dashes_and_ellipsis():
    assert typeset('Spolek "Naděje" a "Ústí"') == f"Spolek „Naděje“ a{NBSP}„Ústí“"
    assert typeset("8:00-12:00, 2018 - 2020") == "8:00–12:00, 2018–2020"
    assert typeset("pomoc - rada...") == "pomoc – rada…"


def test_one_letter_prepositions_bind_to_the_next_word():
    text = typeset("Pomoc v krizi a s dluhy i k lékaři, V Praze u nás z domova o víkendu")
    for word in ("v", "a", "s", "i", "k", "V", "u", "z", "o"):
        assert f" {word} " not in f" {text} "
    assert f"v{NBSP}krizi" in text and f"a{NBSP}s{NBSP}dluhy" in text and f"V{NBSP}Praze" in text
    # Inside a word or after a letter nothing changes.
    assert typeset("Tatra a") == "Tatra a"


def test_numbers_units_and_section_sign_do_not_break():
    assert typeset("§ 40 za 12 500 Kč") == f"§{NBSP}40 za 12{NBSP}500{NBSP}Kč"


def test_prose_keeps_line_breaks_and_paragraphs_split_on_blank_lines():
    assert prose("první\ndruhý") == "první<br/>druhý"
    assert paragraphs("jedna\n\n dvě <b> ") == ["jedna", "dvě &lt;b&gt;"]


def test_czech_hyphenation_leaves_two_letters_before_and_three_after():
    pairs = hyphenate_czech("pečovatelská")
    assert ("pečovatel", "ská") in pairs
    assert all(len(head) >= 2 and len(tail) >= 3 for head, tail in pairs)


def test_abbreviations_titles_postcodes_and_collections_do_not_break():
    assert typeset("Štěpánov, o. p. s.") == f"Štěpánov, o.{NBSP}p.{NBSP}s."
    assert typeset("Paměť, z. ú.") == f"Paměť, z.{NBSP}ú."
    assert typeset("podle vyhlášky č. 505/2006 Sb.") == f"podle vyhlášky č.{NBSP}505/2006{NBSP}Sb."
    assert typeset("Mgr. Ondřej Černý, hospic sv. Lukáše") == f"Mgr.{NBSP}Ondřej Černý, hospic sv.{NBSP}Lukáše"
    assert typeset("Husova 1, 584 21 Lipová") == f"Husova 1, 584{NBSP}21{NBSP}Lipová"
    assert typeset("terénní 2 kontakty; Čt 8:00–12:00") == f"terénní 2{NBSP}kontakty; Čt{NBSP}8:00–12:00"
    # An ordinary sentence end is left alone.
    assert typeset("Od 8:00. Pak jdeme") == f"Od{NBSP}8:00. Pak jdeme"


def test_ages_times_phones_and_towns_do_not_break():
    assert typeset("věk 3–40 let") == f"věk 3–40{NBSP}let"
    assert typeset("otevřeno od 14:00 do 18:00") == f"otevřeno od{NBSP}14:00 do{NBSP}18:00"
    assert typeset("tel. +420 777 111 222") == f"tel.{NBSP}+420{NBSP}777{NBSP}111{NBSP}222"
    assert typeset("Nádražní 12, 584 21 Lipová nad Sázavou, budova B") == \
        f"Nádražní 12, 584{NBSP}21{NBSP}Lipová{NBSP}nad{NBSP}Sázavou, budova B"
