from pypdf import PdfReader

from tests.conftest import run_cli
from tests.printing.factory import populate_sample


def _sample_db(db):
    with db.session() as s, s.begin():
        populate_sample(s)
    return str(db.path)


def test_booklet_command_writes_a5_a4_large_print_and_imposed(db, tmp_path):
    path = _sample_db(db)
    db.close()
    out = tmp_path / "prehled.pdf"
    done = run_cli("--db", path, "booklet", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Přehled uložen" in done.stdout and "7 služeb" in done.stdout
    reader = PdfReader(str(out))
    assert round(float(reader.pages[0].mediabox.width)) == 420  # A5
    assert "Pečovatelská služba Charity" in " ".join(p.extract_text() for p in reader.pages)

    a4 = tmp_path / "a4.pdf"
    assert run_cli("--db", path, "booklet", "--out", str(a4), "--format", "a4", "--large-print").returncode == 0
    assert round(float(PdfReader(str(a4)).pages[0].mediabox.width)) == 595

    imposed = tmp_path / "brozura.pdf"
    done = run_cli("--db", path, "booklet", "--out", str(imposed), "--imposed")
    assert done.returncode == 0 and "brožura" in done.stdout
    page = PdfReader(str(imposed)).pages[0]
    assert round(float(page.mediabox.width)) == 842 and round(float(page.mediabox.height)) == 595


def test_booklet_command_refuses_imposed_a4_in_czech(db, tmp_path):
    path = _sample_db(db)
    db.close()
    done = run_cli("--db", path, "booklet", "--out", str(tmp_path / "x.pdf"), "--imposed", "--format", "a4")
    assert done.returncode == 1
    assert "Chyba: Brožuru (--imposed) lze vytvořit jen ve formátu A5." in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_booklet_for_the_print_shop_and_not_imposed(db, tmp_path):
    from pypdf import PdfReader

    path = _sample_db(db)
    db.close()
    out = tmp_path / "tiskarna.pdf"
    done = run_cli("--db", path, "booklet", "--out", str(out), "--print-shop")
    assert done.returncode == 0, done.stderr
    assert "pro tiskárnu" in done.stdout
    page = PdfReader(str(out)).pages[1]
    assert page.trimbox != page.mediabox
    refused = run_cli("--db", path, "booklet", "--out", str(out), "--print-shop", "--imposed")
    assert refused.returncode == 1 and "--imposed" in refused.stderr


def test_booklet_command_names_the_services_a_reader_could_not_call(db, tmp_path):
    from tests.printing.factory import Factory
    with db.session() as s, s.begin():
        populate_sample(s)
        f = Factory(s)
        f.service(f.provider("Spolek Tichá pomoc"), "Návštěvy u osamělých", phone="")
    path = str(db.path)
    db.close()
    done = run_cli("--db", path, "booklet", "--out", str(tmp_path / "prehled.pdf"))
    assert done.returncode == 0, done.stderr
    assert "1 služba bez telefonu" in done.stderr and "Návštěvy u osamělých – Spolek Tichá pomoc" in done.stderr
