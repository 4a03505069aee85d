"""Import of persons and their seats from XLSX/CSV: preview, bad-row report, all or nothing."""
import datetime as dt

import pytest
from openpyxl import Workbook

from db.errors import UserError
from db.meetings import queries as q
from db.meetings.models import MembershipRole, TriadRole
from db.meetings.people_import import Action, apply_people_import, plan_people_import
from db.meetings.records import GroupRecord, MembershipRecord, PersonRecord

HEADER = ["Jméno", "Příjmení", "Titul", "Organizace", "E-mail", "Telefon", "Role v triádě", "Skupina",
          "Role ve skupině"]


def _xlsx(path, rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def groups(db):
    existing = db.write(q.save_person, PersonRecord(first_name="Hana", last_name="Veselá", email="vesela@ps.cz",
                                                    organisation="Pečovatelská služba"))
    senior = db.write(q.save_group, GroupRecord(name="Pracovní skupina Senioři", short_name="PS Senioři",
                                                memberships=[MembershipRecord(person_id=existing)]))
    family = db.write(q.save_group, GroupRecord(name="Pracovní skupina Rodina", short_name="PS Rodina"))
    return senior, family, existing


def test_preview_then_apply_new_changed_and_seats(db, groups, tmp_path):
    senior, family, existing = groups
    path = _xlsx(tmp_path / "lide.xlsx", [
        ["Jana", "Nováková", "Mgr.", "Charita", "jana@charita.cz", 777123456, "poskytovatel", "PS Senioři", "vedoucí"],
        ["Jana", "Nováková", None, None, None, None, None, "Pracovní skupina Rodina", "host"],
        ["Hana", "Veselá", None, None, "VESELA@ps.cz", "569 000 130", None, "PS Senioři", "koordinátorka"],
        ["Ivo", "Hruška", None, None, None, None, "veřejnost", None, None],
    ])
    preview = plan_people_import(db, path)
    assert preview.problems == []
    assert preview.summary()[1:3] == ["Osoby – nové: 2, změněné: 1, beze změny: 0",
                                      "Členství ve skupinách – nová: 2, změněná: 1, beze změny: 0"]
    details = preview.details()
    assert "Přibude osoba Mgr. Jana Nováková (Charita) – řádek 2, 3" in details
    assert "Změní se osoba Hana Veselá (Pečovatelská služba) – řádek 4: Telefon: „“ → „+420 569 000 130“" in details
    assert any("Změní se role ve skupině „Pracovní skupina Senioři“: Hana Veselá → koordinátor" in d for d in details)
    assert db.read(q.list_people)[0].sort_name == "Veselá Hana"  # nothing written by the preview

    result = apply_people_import(db, preview)
    assert (result.persons_added, result.persons_changed, result.memberships_added,
            result.memberships_changed) == (2, 1, 2, 1)
    assert result.backup is not None and result.backup.exists()
    people = {p.sort_name: p for p in db.read(q.list_people)}
    assert people["Nováková Jana"].triad_role is TriadRole.PROVIDER
    assert people["Nováková Jana"].phone == "+420 777 123 456"
    assert people["Nováková Jana"].groups == ["Pracovní skupina Rodina", "Pracovní skupina Senioři"]
    seats = {m.sort_name: m for m in db.read(q.members_on, family, dt.date.today())}
    assert seats["Nováková Jana"].role is MembershipRole.GUEST and not seats["Nováková Jana"].voting
    assert {m.sort_name: m.role for m in db.read(q.members_on, senior, dt.date.today())}["Veselá Hana"] \
        is MembershipRole.COORDINATOR

    again = plan_people_import(db, path)
    assert not again.has_changes and again.count(again.persons, Action.SAME) == 3


def test_bad_rows_are_reported_and_nothing_is_saved(db, groups, tmp_path):
    path = _xlsx(tmp_path / "chyby.xlsx", [
        ["Petr", "Dobrý", None, None, "petr@dobry.cz", None, None, "PS Senioři", None],
        ["Jan", None, None, None, None, None, None, None, None],
        ["Eva", "Malá", None, None, "eva@", "12", "kočka", "PS Zdraví", "šéf"],
        ["Petr", "Dobrý", None, None, "petr@dobry.cz", None, "uživatel", "PS Senioři", None],
    ])
    preview = plan_people_import(db, path)
    assert preview.bad_rows == [3, 4, 5]
    text = "\n".join(str(p) for p in preview.problems)
    assert "Řádek 3, sloupec Příjmení: Vyplňte příjmení." in text
    assert "Řádek 4, sloupec E-mail: E-mail „eva@“ nemá platný tvar" in text
    assert "Řádek 4, sloupec Telefon: Telefon „12“ není platné české číslo" in text
    assert "Řádek 4, sloupec Role v triádě: „kočka“ není role v triádě" in text
    assert "Řádek 4, sloupec Role ve skupině: „šéf“ není role ve skupině" in text
    assert "Řádek 4, sloupec Skupina: Skupina „PS Zdraví“ v evidenci není" in text
    assert "Řádek 5, sloupec Skupina: Osoba je ve skupině „Pracovní skupina Senioři“ uvedena už na jiném řádku." \
        in text
    with pytest.raises(UserError, match="nic nebylo uloženo"):
        apply_people_import(db, preview)
    assert [p.sort_name for p in db.read(q.list_people)] == ["Veselá Hana"]


def test_conflicting_rows_of_one_person(db, groups, tmp_path):
    path = _xlsx(tmp_path / "rozpor.xlsx", [
        ["Jana", "Nová", None, "Charita", "jana@nova.cz", None, None, "PS Senioři", None],
        ["Jana", "Nová", None, "Diakonie", "jana@nova.cz", None, None, "PS Rodina", None],
    ])
    problems = plan_people_import(db, path).problems
    assert [str(p) for p in problems] == [
        "Řádek 3, sloupec Organizace: Osoba je už na řádku 2 s jinou hodnotou („Charita“)."]


def test_csv_from_czech_excel_in_windows_1250(db, groups, tmp_path):
    path = tmp_path / "lide.csv"
    path.write_bytes("Příjmení;Jméno;Organizace;Skupina\nŠťastná;Žofie;Klub seniorů;PS Senioři\n"
                     .encode("cp1250"))
    preview = plan_people_import(db, path)
    assert preview.problems == [] and preview.count(preview.persons, Action.ADD) == 1
    apply_people_import(db, preview)
    assert "Šťastná Žofie" in [p.sort_name for p in db.read(q.list_people)]


def test_file_without_surname_column_or_unreadable(db, tmp_path):
    path = _xlsx(tmp_path / "bez.xlsx", [["Jana"]], header=["Jméno"])
    with pytest.raises(UserError, match="sloupec „Příjmení“"):
        plan_people_import(db, path)
    ods = tmp_path / "lide.ods"
    ods.write_bytes(b"PK\x03\x04")
    with pytest.raises(UserError, match="neumíme přečíst"):
        plan_people_import(db, ods)


def test_a_member_who_left_comes_back_with_a_new_seat_that_does_not_overlap(db, groups, tmp_path):
    senior, _family, existing = groups
    [seat] = db.read(q.list_memberships, senior)
    db.write(q.end_membership, seat.membership_id, dt.date(2025, 6, 30))
    path = _xlsx(tmp_path / "navrat.xlsx", [["Hana", "Veselá", None, None, "vesela@ps.cz", None, None,
                                              "PS Senioři", "člen"]])
    apply_people_import(db, plan_people_import(db, path))
    seats = db.read(q.list_memberships, senior)
    assert [(s.valid_from, s.valid_to) for s in seats] == [(None, dt.date(2025, 6, 30)), (dt.date.today(), None)]
    db.write(q.save_group, db.read(q.load_group, senior))  # the group still passes its own validation

    between = _xlsx(tmp_path / "mezitim.xlsx", [["Hana", "Veselá", "vesela@ps.cz", "PS Rodina", "1. 1. 2020"],
                                                 ["Hana", "Veselá", "vesela@ps.cz", "PS Senioři", "1. 8. 2025"]],
                    header=["Jméno", "Příjmení", "E-mail", "Skupina", "Členem od"])
    preview = plan_people_import(db, between)
    today = dt.date.today()
    assert [str(p) for p in preview.problems] == [
        f"Řádek 3, sloupec Členem od: Osoba už má ve skupině „Pracovní skupina Senioři“ členství "
        f"od {today.day}. {today.month}. {today.year}; nové by se s ním překrývalo."]


def test_template_filled_in_imports(db, groups, tmp_path):
    from openpyxl import load_workbook

    from db.meetings.people_import import TEMPLATE_COLUMNS, save_people_template

    path = tmp_path / "sablona.xlsx"
    save_people_template(path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Osoby", "Návod"]
    sheet = workbook["Osoby"]
    sheet.append([TEMPLATE_COLUMNS[c][1] for c in TEMPLATE_COLUMNS])
    workbook.save(path)
    preview = plan_people_import(db, path)
    assert preview.problems == [] and preview.ignored_columns == []
    assert preview.persons[0].record.display_name == "Mgr. Jana Nováková, DiS."
    assert preview.memberships[0].valid_from == dt.date(2026, 3, 1)
    csv_path = tmp_path / "sablona.csv"
    save_people_template(csv_path)
    assert csv_path.read_text(encoding="utf-8-sig").startswith("Jméno;Příjmení;Titul;")


def test_organisation_named_as_a_directory_provider_links_the_person(db, groups, tmp_path):
    from db.directory.demo import load_demo

    load_demo(db)
    path = _xlsx(tmp_path / "charita.xlsx", [
        ["Ondřej", "Černý", "Mgr.", "OBLASTNÍ CHARITA Lipová nad Sázavou", None, None, None, None, None],
        ["Eva", "Volná", None, "Spolek, který v adresáři není", None, None, None, None, None]])
    apply_people_import(db, plan_people_import(db, path))
    choices = {c.name: c.id for c in db.read(q.provider_choices)}
    people = {p.sort_name: p.id for p in db.read(q.list_people)}
    assert db.read(q.load_person, people["Černý Ondřej"]).provider_id == choices["Oblastní charita Lipová nad Sázavou"]
    assert db.read(q.load_person, people["Volná Eva"]).provider_id is None
