"""Characters the embedded fonts lack (emoji, pictograms) never reach the PDF as empty boxes."""
from sqlalchemy import select

from db.directory.models import Service
from db.printable import any_face_codes
from printing.booklet.builder import build_booklet
from printing.booklet.data import collect_booklet_data
from printing.booklet.options import BookletOptions
from tests.printing.conftest import normalize, page_texts

PICTOGRAMS = "📞✅☎✉☺🙂"


def test_emoji_are_left_out_of_the_printed_booklet(sample, tmp_path):
    db, ids = sample
    with db.session() as s, s.begin():
        service = s.scalars(select(Service).where(Service.id == ids["care"][0])).one()
        service.name = "Poradna ✅ Lípa – pomoc ☎ nonstop"
        service.description = "📞 Volejte kdykoli, ✉ pište. Допомога українцям ☺."
        service.contact_person = "Jana 🙂 Nováková"
        service.provider.name = "Domov ☎ Lípa, z. ú."
    with db.session() as s:
        data = collect_booklet_data(s)
    out = tmp_path / "prehled.pdf"
    build_booklet(data, BookletOptions(), out)
    whole = normalize(" ".join(page_texts(out)))
    assert not any(ch in whole for ch in PICTOGRAMS)
    assert "Poradna Lípa – pomoc nonstop" in whole
    assert "Volejte kdykoli, pište. Допомога українцям." in whole, whole[whole.find("Volejte") - 20:][:90]
    assert "Jana Nováková" in whole and "Domov Lípa, z. ú." in whole
    assert all(ord(ch) in any_face_codes() or ch.isspace() for ch in whole)
