"""The three plan documents, built from a small plan in a fresh database and read back with pypdf."""
from __future__ import annotations

import os
import re

import pytest
from pypdf import PdfReader

from db.plan.models import Indicator, IndicatorTarget, Plan, PlannedCost, PlanNode
from db.plan.monitoring import close_round, open_round, save_grid_cell
from db.plan.tree import add_node, move_node
from db.settings import OfficeDetails, save_office
from printing.office import FundingStripArt
from printing.plan import build_action_plan, build_monitoring_report, build_plan_document
from printing.plan.data import action_plan_data, monitoring_data, plan_document_data
from tests.printing.plan.sample import action_plan_info, monitoring_info, plan_info

NBSP = "\u00a0"


def text_of(path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages).replace(NBSP, " ")


def pages_of(path) -> list[str]:
    return [p.extract_text().replace(NBSP, " ") for p in PdfReader(str(path)).pages]


@pytest.fixture
def plan(db):
    """Plan 2024–2026: priority 1 (measure 1.1 with activities 1.1.1, 1.1.2), priority 2 (2.1 → 2.1.1)."""
    with db.session() as s, s.begin():
        save_office(s, OfficeDetails(town="Město Lipová", department="Odbor sociálních věcí"))
        plan = Plan(name="Plán Lipová 2024–2026", year_from=2024, year_to=2026, vision="Pomoc blízko domova.")
        s.add(plan)
        s.flush()
        p1 = add_node(s, plan.id, None, None, "Senioři")
        m11 = add_node(s, plan.id, p1, None, "Péče doma")
        a111 = add_node(s, plan.id, m11, None, "Víkendová pečovatelská služba & <noc>")
        a112 = add_node(s, plan.id, m11, None, "Odlehčovací služba")
        p2 = add_node(s, plan.id, None, None, "Osoby v krizi")
        m21 = add_node(s, plan.id, p2, None, "Krizová pomoc")
        a211 = add_node(s, plan.id, m21, None, "Krizové lůžko")
        s.get(PlanNode, a211).year_from = s.get(PlanNode, a211).year_to = 2026
        costs = [(a111, 2024, 1, 250_000), (a111, 2025, 1, 260_000), (a111, 2025, 2, 40_000),
                 (a112, 2025, 4, 1_200_000), (a211, 2026, 3, 500_000)]
        s.add_all(PlannedCost(node_id=n, year=y, source_id=src, amount=a) for n, y, src, a in costs)
        indicator = Indicator(node_id=a111, name="Klienti o víkendu", unit="osob", baseline_value=0,
                              baseline_year=2023)
        indicator.targets = [IndicatorTarget(year=2025, value=25)]
        s.add(indicator)
        ids = dict(plan=plan.id, p1=p1, m11=m11, a111=a111, a112=a112, a211=a211, indicator=None)
    with db.session() as s:
        ids["indicator"] = s.query(Indicator).one().id
    return db, ids


def test_strategic_part_numbers_every_node_and_totals_add_up(plan, tmp_path):
    db, ids = plan
    info = db.read(plan_document_data, ids["plan"])
    out = tmp_path / "plan.pdf"
    build_plan_document(info, out)
    text = text_of(out)
    for code, title in [("1", "Senioři"), ("1.1", "Péče doma"), ("1.1.1", "Víkendová pečovatelská služba & <noc>"),
                        ("1.1.2", "Odlehčovací služba"), ("2", "Osoby v krizi"), ("2.1.1", "Krizové lůžko")]:
        assert re.search(rf"{re.escape(code)} {re.escape(title)}", text), (code, title)
    # The summary's grand total equals the sum of every funding row: 2 250 000 Kč.
    summary = text[text.index("Souhrnná finanční tabulka"):]
    assert "2 250 000 Kč" in summary
    assert "Obsah" in text and "strana 1 z" in text


def test_codes_follow_a_move(plan, tmp_path):
    db, ids = plan
    db.write(move_node, ids["a211"], ids["m11"], 0)
    out = tmp_path / "plan.pdf"
    build_plan_document(db.read(plan_document_data, ids["plan"]), out)
    text = text_of(out)
    assert "1.1.1 Krizové lůžko" in text and "1.1.2 Víkendová" in text


def _evaluate_2025(db, ids):
    round_id = db.write(open_round, ids["plan"], 2025)
    done = 3  # "splněno" in the seeded state list
    db.write(save_grid_cell, round_id, ids["a111"], "state", done)
    db.write(save_grid_cell, round_id, ids["a111"], "spent:1", 255_000)
    db.write(save_grid_cell, round_id, ids["a111"], "actual:%d" % ids["indicator"], 18)
    db.write(save_grid_cell, round_id, ids["a111"], "evaluation", "Služba běží od března.")
    db.write(save_grid_cell, round_id, ids["a112"], "state", 2)  # probíhá
    db.write(save_grid_cell, round_id, ids["a112"], "completion", 40)
    db.write(save_grid_cell, round_id, ids["a112"], "reasons", "Chybí personál.")
    return round_id


def test_monitoring_report_states_money_indicators_and_rollup(plan, tmp_path):
    db, ids = plan
    _evaluate_2025(db, ids)
    out = tmp_path / "report.pdf"
    build_monitoring_report(db.read(monitoring_data, ids["plan"], 2025), out)
    text = text_of(out)
    assert "Vyhodnocení plnění za rok 2025" in text
    assert "Pracovní verze" in text  # not closed yet
    assert "Stav: splněno, plnění 100 %" in text and "Stav: probíhá, plnění 40 %" in text
    assert "Plnění: 70 %" in text  # measure 1.1 = mean of 100 and 40
    assert "255 000 Kč" in text and "300 000 Kč" in text  # spent and planned of 1.1.1 in 2025
    assert "Klienti o víkendu" in text and "Důvody: Chybí personál." in text
    assert "2.1.1" not in text  # runs only in 2026


def test_closed_round_report_ignores_later_edits(plan, tmp_path):
    db, ids = plan
    round_id = _evaluate_2025(db, ids)
    db.write(close_round, round_id, "novakova")

    def edit(s):
        s.get(PlanNode, ids["a111"]).title = "Přejmenováno po uzavření"
        cost = s.query(PlannedCost).filter_by(node_id=ids["a111"], year=2025, source_id=1).one()
        cost.amount = 999_000
    db.write(edit)
    db.write(move_node, ids["a112"], ids["p1"], 0)  # becomes measure-level: codes shift
    out = tmp_path / "report.pdf"
    build_monitoring_report(db.read(monitoring_data, ids["plan"], 2025), out)
    text = text_of(out)
    assert "Víkendová pečovatelská služba & <noc>" in text and "Přejmenováno" not in text
    assert "999 000" not in text and "1.1.2 Odlehčovací služba" in text
    assert "uzavřeno" in text and "novakova" in text


def test_action_plan_lists_the_years_activities_with_totals(plan, tmp_path):
    db, ids = plan
    out = tmp_path / "akcni.pdf"
    build_action_plan(db.read(action_plan_data, ids["plan"], 2026), out)
    text = text_of(out)
    assert "Akční plán na rok 2026" in text
    assert "2.1.1" in text and "Krizové lůžko" in text and "500 000 Kč" in text
    assert PdfReader(str(out)).pages[0].mediabox.width > PdfReader(str(out)).pages[0].mediabox.height


def test_funding_strip_and_page_numbers_on_every_page(tmp_path):
    out = tmp_path / "report.pdf"
    strip = FundingStripArt(text="Projekt Plánování Lipová, reg. č. CZ.03.2.63/0.0/0.0/16_063/0006566")
    build_monitoring_report(monitoring_info(), out, strip)
    pages = pages_of(out)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "CZ.03.2.63/0.0/0.0/16_063/0006566" in page
        assert f"strana {number} z {len(pages)}" in page


def test_every_font_is_embedded_and_markup_characters_survive(tmp_path):
    for build, info, name in [(build_plan_document, plan_info(), "p"), (build_monitoring_report, monitoring_info(), "r"),
                              (build_action_plan, action_plan_info(), "a")]:
        out = tmp_path / f"{name}.pdf"
        build(info, out)
        reader = PdfReader(str(out))
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                descriptor = font.get_object().get("/FontDescriptor")
                assert descriptor is not None and "/FontFile2" in descriptor.get_object(), font.get_object()["/BaseFont"]
    assert "8:00–12:00 & odpoledne <dle potřeby>" in text_of(tmp_path / "p.pdf")


def test_saved_pdf_is_readable_by_colleagues(tmp_path):
    out = tmp_path / "a.pdf"
    build_action_plan(action_plan_info(), out)
    if os.name == "posix":
        assert os.stat(out).st_mode & 0o044 == 0o044


def test_action_plan_starts_its_table_on_the_first_page_and_labels_units(tmp_path):
    out = tmp_path / "akcni.pdf"
    build_action_plan(action_plan_info(), out)
    first = pages_of(out)[0]
    assert "1.1.1" in first and "Celkem" in first
    assert "Počet klientů o víkendu: 25 (osob)" in first.replace("\n", " ")
    assert "(2024–2026) (2024–2026)" not in first


def test_a_working_group_is_not_repeated_on_every_level(plan, tmp_path):
    db, ids = plan
    from db.meetings.models import WorkingGroup

    def assign(s):
        group = WorkingGroup(name="PS Senioři")
        s.add(group)
        s.flush()
        for key in ("p1", "m11", "a111"):
            s.get(PlanNode, ids[key]).working_group_id = group.id
    db.write(assign)
    out = tmp_path / "plan.pdf"
    build_plan_document(db.read(plan_document_data, ids["plan"]), out)
    assert text_of(out).count("Pracovní skupina: PS Senioři") == 1
