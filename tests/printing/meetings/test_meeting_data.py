"""What collect_* read from a database, and every document built from it."""
import datetime as dt
import email
from email import policy

import docx
import icalendar
import pytest

import printing.meetings as documents
from db.errors import UserError
from db.meetings.models import AttendanceState, TaskState
from tests.printing.conftest import normalize, page_texts
from tests.printing.meetings.conftest import STRIP_TEXT


def test_members_valid_on_the_day_in_czech_order_guests_apart(seeded_doc):
    doc = seeded_doc
    assert [m.name for m in doc.members] == ["Eva Cibulková", "Karel Čermák", "Lucie Hrubá", "Tomáš Chalupa",
                                             "Mgr. Jana Šťastná", "Zdeněk Žák"]
    # Ota Odešlý's membership ended the day before the meeting; Alena Veselá is a guest member.
    assert [g.name for g in doc.guests] == ["Ing. Pavel Host", "Alena Veselá"]
    assert doc.members[0].attendance is AttendanceState.EXCUSED and doc.members[0].triad_role == "poskytovatel"
    assert doc.members[-2].role == "vedoucí"
    assert [g.name for g in doc.present_guests] == ["Ing. Pavel Host", "Alena Veselá"]


def test_quorum_votes_reviews_next_meeting_and_strip(seeded_doc):
    doc = seeded_doc
    assert doc.quorum_sentence == "Přítomno 4 z 6 členů s hlasovacím právem, skupina je usnášeníschopná."
    resolution = doc.agenda[1].resolutions[0]
    assert resolution.vote_sentence == "Hlasování: pro 4, proti 0, zdržel se 1 – usnesení bylo přijato."
    assert doc.agenda[1].tasks[0].responsible == "Město Příbram"
    (review,) = doc.reviews
    assert review.task.description == "Zjistit zájem obcí o odlehčovací službu"
    assert review.state is TaskState.ONGOING and review.note == "přesunuto na únor" and review.task.origin == "2/2026"
    assert doc.next_meeting.date == dt.date(2027, 2, 16)
    assert doc.strip.text == STRIP_TEXT and doc.strip.image.startswith(b"\x89PNG")
    assert doc.chair == "Mgr. Jana Šťastná" and doc.verifiers == ("Tomáš Chalupa",)


def test_an_unknown_meeting_or_group_is_a_czech_message(db):
    with db.session() as s:
        with pytest.raises(UserError, match="Jednání"):
            documents.collect_meeting(s, 999)
        with pytest.raises(UserError, match="skupina"):
            documents.collect_tasks(s, 999)


def test_every_document_of_a_meeting_from_the_database(tmp_path, seeded_doc):
    doc = seeded_doc
    invitation, sheet, minutes = tmp_path / "p.pdf", tmp_path / "l.pdf", tmp_path / "z.pdf"
    documents.build_invitation(doc, invitation)
    documents.build_attendance_sheet(doc, sheet)
    documents.build_minutes_pdf(doc, minutes)
    documents.build_minutes_docx(doc, tmp_path / "z.docx")
    documents.write_ics(doc, tmp_path / "p.ics")
    documents.write_eml(doc, tmp_path / "p.eml", invitation)
    for path in (invitation, sheet, minutes):
        for text in page_texts(path):
            assert STRIP_TEXT in normalize(text)
    assert "Zasedací místnost <12> & spol." in normalize(page_texts(invitation)[0])
    assert "Přítomno 4 z 6 členů s hlasovacím právem" in normalize(" ".join(page_texts(minutes)))
    assert "Hlasování: pro 4, proti 0, zdržel se 1 – usnesení bylo přijato." in normalize(" ".join(page_texts(minutes)))
    event = icalendar.Calendar.from_ical((tmp_path / "p.ics").read_bytes()).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Zasedací místnost <12> & spol."
    message = email.message_from_bytes((tmp_path / "p.eml").read_bytes(), policy=policy.default)
    assert "vesela@kraj.cz" in {a.addr_spec for a in message["To"].addresses}  # invited guest member
    assert "odesly@x.cz" not in str(message["To"])  # left the group before the meeting
    assert docx.Document(str(tmp_path / "z.docx")).paragraphs[0].text.replace("\u00a0", " ").startswith("Zápis z 3.")


def test_task_overview_and_register_from_the_database(db, seeded, tmp_path):
    with db.session() as s:
        everything = documents.collect_tasks(s, today=dt.date(2026, 12, 20))
        overdue = documents.collect_tasks(s, seeded.group_id, overdue_on=dt.date(2027, 2, 1))
        register = documents.collect_resolutions(s, seeded.group_id, 2026)
    assert [t.description for t in everything.tasks] == ["Zjistit zájem obcí o odlehčovací službu",
                                                         "Připravit návrh opatření"]
    # The standing task ("trvá", due 31. 10. 2026) is never overdue; the open one is, after 31. 1. 2027.
    assert [(t.description, t.overdue) for t in overdue.tasks] == [("Připravit návrh opatření", True)]
    assert overdue.filter_text == "Senioři; po termínu k 1. 2. 2027" and overdue.strip.text == STRIP_TEXT
    assert everything.strip is None
    assert [(r.number, r.adopted) for r in register.rows] == [("PS Senioři 3/2026/1", True)]
    documents.build_task_overview(overdue, tmp_path / "u.pdf")
    documents.write_resolution_register_xlsx(register, tmp_path / "r.xlsx")
    assert STRIP_TEXT in normalize(page_texts(tmp_path / "u.pdf")[0])


def test_a_bare_meeting_still_gives_every_document(tmp_path):
    from printing.meetings.data import MeetingDocument

    bare = MeetingDocument(meeting_id=1, group_name="Řídící skupina", number=1, year=2027, date=dt.date(2027, 1, 5),
                           group_is_steering=True)
    for build, name in ((documents.build_invitation, "p.pdf"), (documents.build_attendance_sheet, "l.pdf"),
                        (documents.build_minutes_pdf, "z.pdf"), (documents.build_minutes_docx, "z.docx"),
                        (documents.write_ics, "p.ics"), (documents.write_eml, "p.eml")):
        build(bare, tmp_path / name)
        assert (tmp_path / name).stat().st_size > 0
    minutes = normalize(" ".join(page_texts(tmp_path / "z.pdf")))
    assert "Zápis z 1. jednání řídící skupiny" in minutes and "termín bude upřesněn" in minutes
    message = email.message_from_bytes((tmp_path / "p.eml").read_bytes(), policy=policy.default)
    assert message["To"] is None and len(list(message.iter_attachments())) == 2


def test_a_tie_the_chair_decided_is_worded_so(db, seeded):
    from db.meetings.models import AgendaItem, Resolution, WorkingGroup

    with db.session() as s, s.begin():
        s.get(WorkingGroup, seeded.group_id).tie_chair_decides = True
        item = s.query(AgendaItem).filter_by(meeting_id=seeded.meeting_id, position=1).one()
        s.add(Resolution(agenda_item=item, position=1, number="PS Senioři 3/2026/2", text="Remíza.", votes_for=2,
                         votes_against=2, votes_abstained=0, chair_votes_for=True, adopted=True))
    with db.session() as s:
        tie = documents.collect_meeting(s, seeded.meeting_id).agenda[1].resolutions[1]
    assert tie.vote_sentence == ("Hlasování: pro 2, proti 2, zdržel se 0 – usnesení bylo přijato "
                                 "(při rovnosti hlasů rozhodl hlas předsedajícího).")
