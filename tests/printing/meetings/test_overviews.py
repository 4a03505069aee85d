import datetime as dt

from openpyxl import load_workbook

from printing.meetings import (
    build_resolution_register, build_task_overview, write_resolution_register_xlsx, write_task_overview_xlsx,
)
from tests.printing.conftest import normalize, page_texts
from tests.printing.meetings.sample import sample_resolutions, sample_tasks


def test_task_overview_pdf_lists_every_task_marks_the_overdue_and_splits_long_text(tmp_path):
    out = tmp_path / "ukoly.pdf"
    pages = build_task_overview(sample_tasks(), out)
    texts = page_texts(out)
    text = normalize(" ".join(texts))
    assert pages == len(texts) >= 2  # the long description flows over a page break
    assert "Celkem 4 úkoly, z toho 2 po termínu." in text
    assert text.count("po termínu") == 3  # the summary and the two overdue tasks
    # Several groups: each group's name once, as a heading row over its tasks.
    assert "Senioři Zjistit zájem obcí o odlehčovací službu" in text and text.count("Senioři") == 1
    assert text.count("Rodina, děti a mládež") == 1
    for expected in ("Zjistit zájem obcí o odlehčovací službu", "3/2026: otevřený; 4/2026: otevřený", "Odstavec 8:",
                     "Oslovit <Spolek> & přátele", "splněný 20. 9. 2026"):
        assert expected in text
    for number, page in enumerate(texts, start=1):
        assert f"strana {number} z {pages}" in page


def test_task_overview_xlsx_reads_back_with_real_dates(tmp_path):
    out = tmp_path / "ukoly.xlsx"
    write_task_overview_xlsx(sample_tasks(), out)
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Skupina", "Úkol", "Odpovídá", "Termín", "Stav", "Po termínu")
    assert len(rows) == 5
    first = rows[1]
    assert first[:3] == ("Senioři", "Zjistit zájem obcí o odlehčovací službu", "Mgr. Jana Šťastná")
    assert first[3] == dt.datetime(2026, 10, 31) and first[4] == "otevřený" and first[5] == "ano"
    assert rows[4][1] == "Oslovit <Spolek> & přátele"


def test_resolution_register_pdf_and_xlsx(tmp_path):
    pdf, xlsx = tmp_path / "usneseni.pdf", tmp_path / "usneseni.xlsx"
    build_resolution_register(sample_resolutions(), pdf)
    text = normalize(" ".join(page_texts(pdf)))
    assert "Evidence usnesení" in text and "všechny skupiny; rok 2026" in text
    assert "Celkem 3 usnesení, přijato 1." in text
    assert "PS Senioři 1/2026/1" in text and "8 / 0 / 0" in text and "nepřijato" in text and "nehlasováno" in text
    write_resolution_register_xlsx(sample_resolutions(), xlsx)
    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[0] == ("Skupina", "Číslo usnesení", "Jednání", "Datum jednání", "Text usnesení", "Pro", "Proti",
                       "Zdržel se", "Výsledek")
    assert rows[1] == ("Senioři", "PS Senioři 1/2026/1", "1/2026", dt.datetime(2026, 3, 3),
                       "Pracovní skupina schvaluje plán jednání na rok 2026.", 8, 0, 0, "přijato")
    assert rows[3][5:] == (None, None, None, "nehlasováno")


def test_an_empty_overview_still_makes_a_page(tmp_path):
    from dataclasses import replace

    out = tmp_path / "prazdne.pdf"
    assert build_task_overview(replace(sample_tasks(), tasks=()), out) == 1
    assert "Celkem 0 úkolů." in normalize(page_texts(out)[0])
