import functools

from db.collation import czech_key, czech_sorted, fold

WORDS = ["Chrudim", "Hradec", "Cheb", "Čáslav", "Cvikov", "Šumperk", "Sokolov", "Žatec", "Zlín", "Řevnice",
         "Rokycany", "Ústí", "Uherský", "Ivančice", "Íčko", "domov", "Domov", "Dům", "Ďáblice", "Dobřany",
         "1. máj", "Ábel", "Azyl", "charita", "Charita Příbram", "Charitativní", "Ivan", "Iva"]


def test_ch_after_h_and_caron_letters_of_their_own():
    ordered = czech_sorted(WORDS)
    assert ordered.index("Hradec") < ordered.index("Cheb") < ordered.index("Chrudim") < ordered.index("Ivan")
    assert ordered.index("Cvikov") < ordered.index("Čáslav") < ordered.index("Ďáblice")
    assert ordered.index("Rokycany") < ordered.index("Řevnice") < ordered.index("Sokolov")
    assert ordered.index("Zlín") < ordered.index("Žatec")
    assert ordered.index("Ábel") < ordered.index("Azyl")  # á only breaks ties with a


def test_agrees_with_qcollator_czech():
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale(QLocale.Language.Czech, QLocale.Country.CzechRepublic))
    assert czech_sorted(WORDS) == sorted(WORDS, key=functools.cmp_to_key(collator.compare))


def test_key_is_plain_string_and_fold_strips_diacritics():
    assert isinstance(czech_key("Čáslav"), str)
    assert fold("Pečovatelská SLUŽBA") == "pecovatelska sluzba"
