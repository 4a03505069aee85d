"""The working-group commands run as a user runs them: `python main.py …` in a subprocess."""
import email
import sqlite3
from contextlib import closing
from email import policy

import docx
import icalendar
import openpyxl
from pypdf import PdfReader

from tests.conftest import run_cli


def _meetings(path, where: str = "") -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT meeting.id, meeting.state FROM meeting JOIN working_group g ON g.id = group_id "
                            f"WHERE g.short_name = 'PS Senioři' {where} ORDER BY date").fetchall()


def _text(pdf) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_groups_and_meetings_listed(demo_db):
    result = run_cli("--db", str(demo_db), "groups", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Skupina", "Druh", "Členů", "Příští", "jednání", "Otevřené", "úkoly"]
    assert "Řídící skupina komunitního plánování" in lines[1] and len(lines) == 6

    result = run_cli("--db", str(demo_db), "meeting", "list", "--group", "senioři")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()[1:]
    assert len(rows) == 6 and all("Pracovní skupina Senioři" in r for r in rows)
    assert "zápis schválen" in result.stdout and "pozvánka odeslána" in result.stdout


def test_wrong_group_or_meeting_is_a_czech_error_with_exit_code_1(demo_db, tmp_path):
    result = run_cli("--db", str(demo_db), "meeting", "list", "--group", "Zahrádkáři")
    assert result.returncode == 1
    assert "Chyba: Skupina „Zahrádkáři“ neexistuje." in result.stderr and "Traceback" not in result.stderr
    result = run_cli("--db", str(demo_db), "meeting", "minutes", "9999", "--out", str(tmp_path / "z.pdf"))
    assert result.returncode == 1 and "Jednání č. 9999" in result.stderr
    assert not (tmp_path / "z.pdf").exists()
    result = run_cli("--db", str(demo_db), "meeting", "minutes", "1", "--out", str(tmp_path / "z.txt"))
    assert result.returncode == 1 and "příponu .pdf nebo .docx" in result.stderr
    result = run_cli("--db", str(demo_db), "meeting", "invitation", "1")
    assert result.returncode == 2 and "chybí povinné argumenty: --out" in result.stderr


def test_invitation_with_ics_and_eml(demo_db, tmp_path):
    [(meeting_id, _state)] = _meetings(demo_db, "AND meeting.state = 'invited'")
    pdf, ics, eml = tmp_path / "pozvanka.pdf", tmp_path / "pozvanka.ics", tmp_path / "pozvanka.eml"
    result = run_cli("--db", str(demo_db), "meeting", "invitation", str(meeting_id), "--out", str(pdf),
                     "--ics", str(ics), "--eml", str(eml))
    assert result.returncode == 0, result.stderr
    assert "Pozvánka uložena" in result.stdout and "aplikace" not in result.stderr
    text = _text(pdf)
    assert "Pozvánka" in text and "Kontrola úkolů z minulých jednání" in text
    event = next(c for c in icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert "Senioři" in str(event["SUMMARY"])
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    names = sorted(part.get_filename() for part in message.iter_attachments())
    assert len(names) == 2 and names[0].endswith(".ics") and names[1].endswith(".pdf")
    assert "vesela@" in message["To"] or "vesela@" in message.get("Bcc", "")
    # Věra Jalovcová of the demo has a phone only: the clerk is told to invite her otherwise.
    assert "Bez e-mailu (pozvěte je telefonem nebo poštou): Věra Jalovcová." in result.stdout
    assert "Jalovcov" not in message["To"]


def test_attendance_sheet_and_minutes_pdf_and_docx(demo_db, tmp_path):
    held = [m for m, state in _meetings(demo_db) if state in ("held", "approved")]
    sheet = tmp_path / "listina.pdf"
    result = run_cli("--db", str(demo_db), "meeting", "attendance-sheet", str(held[-1]), "--out", str(sheet))
    assert result.returncode == 0, result.stderr
    text = _text(sheet)
    assert "Prezenční listina" in text and "Veselá" in text and "Kubíčková" in text

    minutes = tmp_path / "zapis.pdf"
    result = run_cli("--db", str(demo_db), "meeting", "minutes", str(held[-1]), "--out", str(minutes))
    assert result.returncode == 0, result.stderr
    text = " ".join(_text(minutes).split())
    assert "s hlasovacím právem, skupina je usnášeníschopná" in text

    word = tmp_path / "zapis.docx"
    result = run_cli("--db", str(demo_db), "meeting", "minutes", str(held[-1]), "--out", str(word))
    assert result.returncode == 0, result.stderr
    body = "\n".join(p.text for p in docx.Document(word).paragraphs)
    assert "Zápis" in body and "usnášeníschopná" in body


def test_tasks_listed_and_saved_as_pdf_and_xlsx(demo_db, tmp_path):
    result = run_cli("--db", str(demo_db), "tasks", "--open", "--group", "PS Senioři")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()[1:]
    assert lines and all("Pracovní skupina Senioři" in line for line in lines)
    assert all(("otevřený" in line or "trvá" in line) for line in lines)
    assert any("po termínu" in line for line in lines)

    xlsx = tmp_path / "ukoly.xlsx"
    result = run_cli("--db", str(demo_db), "tasks", "--open", "--out", str(xlsx))
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any("Zmapovat místa, kde přespávají lidé bez domova" in v for v in values)
    assert not any("Předat seznam bariér odboru výstavby" in v for v in values)  # closed

    pdf = tmp_path / "ukoly.pdf"
    result = run_cli("--db", str(demo_db), "tasks", "--open", "--group", "krize", "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    assert "Přehled úkolů" in _text(pdf)


def test_people_import_dry_run_then_real(tmp_path):
    db = tmp_path / "kp.sqlite"
    assert run_cli("--db", str(db), "demo").returncode == 0
    people = tmp_path / "lide.csv"
    people.write_text("Jméno;Příjmení;Organizace;E-mail;Skupina;Role ve skupině\n"
                      "Tereza;Nová;Charita;tereza@charita.cz;PS Senioři;člen\n", encoding="utf-8-sig")
    result = run_cli("--db", str(db), "people", "import", str(people), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Osoby – nové: 1" in result.stdout and "Přibude osoba Tereza Nová (Charita)" in result.stdout
    assert "nic nebylo uloženo" in result.stdout
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM person WHERE last_name = 'Nová'").fetchone()[0] == 0
    result = run_cli("--db", str(db), "people", "import", str(people))
    assert result.returncode == 0, result.stderr
    assert "Osoby – přidáno 1" in result.stdout and "Záloha před importem" in result.stdout

    bad = tmp_path / "chyby.csv"
    bad.write_text("Jméno;Příjmení;Skupina\nKarel;;PS Senioři\n", encoding="utf-8")
    result = run_cli("--db", str(db), "people", "import", str(bad))
    assert result.returncode == 1
    assert "Řádek 2, sloupec Příjmení: Vyplňte příjmení." in result.stdout
    assert "nic nebylo uloženo" in result.stderr


def test_group_command_without_action_shows_help(demo_db):
    result = run_cli("--db", str(demo_db), "meeting")
    assert result.returncode == 2 and "attendance-sheet" in result.stdout


def test_resolution_register_and_public_minutes(demo_db, tmp_path):
    result = run_cli("--db", str(demo_db), "resolutions", "--group", "PS Krize")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("PS Krize 1/2026/1")
    assert "nepřijato  PS Krize doporučuje navýšit úvazek dluhového poradce." in result.stdout
    xlsx = tmp_path / "usneseni.xlsx"
    result = run_cli("--db", str(demo_db), "resolutions", "--out", str(xlsx))
    assert result.returncode == 0, result.stderr
    values = [str(c.value) for row in openpyxl.load_workbook(xlsx).worksheets[0].iter_rows() for c in row if c.value]
    assert any("zimní místnost" in v for v in values)

    held = [m for m, state in _meetings(demo_db) if state in ("held", "approved")]
    public = tmp_path / "zapis-verejny.pdf"
    result = run_cli("--db", str(demo_db), "meeting", "minutes", str(held[-1]), "--by-sheet", "--out", str(public))
    assert result.returncode == 0, result.stderr
    text = _text(public)
    assert "dle prezenční listiny" in text and "Kubíčková" not in text.split("Program")[0]
