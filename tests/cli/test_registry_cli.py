"""import-registry as a subprocess: the preview printed, --dry-run writes nothing, bad files exit 1."""
from db.backup import auto_backups
from tests.conftest import run_cli
from tests.db.registry.registry_helpers import SMALL, data_dump

ARGS = ("import-registry", str(SMALL / "rpss.json"), "--codelists", str(SMALL / "ciselniky"))


def test_dry_run_prints_the_preview_and_writes_nothing(tmp_path):
    db = tmp_path / "kp.sqlite"
    assert run_cli("--db", str(db), "info").returncode == 0
    before = data_dump(db)
    result = run_cli("--db", str(db), *ARGS, "--okres", "3503", "--dry-run")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Území: okres Chomutov" in out
    assert "Nové služby: 16" in out
    assert "IČO 00064581 – Rodina & dítě „Na rozcestí“, z. s." in out
    assert "služba 6558700 (záznam registru č. 1016): chybí poskytovatel" in out
    assert "neznámý druh služby (kód 99, není v číselníku" in out
    assert "ukončena v registru k 30. 6. 2019" in out
    assert "Tajná" not in out
    assert "databáze nebyla změněna" in out
    assert data_dump(db) == before
    assert not any("pred-importem" in p.name for p in auto_backups(db))


def test_import_then_reimport_by_name_of_obce(tmp_path):
    db = tmp_path / "kp.sqlite"
    result = run_cli("--db", str(db), *ARGS, "--obec", "Chomutov", "--obec", "Jirkov")
    assert result.returncode == 0, result.stderr
    assert "Území: obce Chomutov, Jirkov" in result.stdout
    assert "Import dokončen. Noví poskytovatelé: 4, nové služby: 14" in result.stdout
    assert "Záloha databáze před importem" in result.stdout
    again = run_cli("--db", str(db), *ARGS, "--obec", "Chomutov", "--obec", "Jirkov")
    assert "Adresář odpovídá registru, není co měnit." in again.stdout
    assert "Import dokončen" not in again.stdout


def test_bad_file_and_missing_territory_exit_with_czech_message(tmp_path):
    db = tmp_path / "kp.sqlite"
    bad = tmp_path / "rpss.json"
    bad.write_text('{"polozky": [{"portalId": 1', encoding="utf-8")
    result = run_cli("--db", str(db), "import-registry", str(bad), "--codelists", str(SMALL), "--kraj", "42")
    assert result.returncode == 1
    assert "Chyba: Soubor „rpss.json“ není export registru" in result.stderr
    assert "neúplný" in result.stderr
    result = run_cli("--db", str(db), *ARGS)
    assert result.returncode == 1
    assert "Zadejte území" in result.stderr
    result = run_cli("--db", str(db), *ARGS, "--okres", "Atlantida")
    assert result.returncode == 1
    assert "Okres „Atlantida“ není v číselníku okresy.json" in result.stderr
