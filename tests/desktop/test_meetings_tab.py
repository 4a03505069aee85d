"""The Pracovní skupiny tab as a clerk uses it: a group, its members, a meeting with attendance, a
resolution with votes and a task, and the printed documents read back with pypdf."""
import datetime as dt

import pytest
from pypdf import PdfReader

from db.meetings.models import AttendanceState, MembershipRole, TaskState
from db.meetings.queries import (
    list_groups, list_people, load_meeting, load_person, new_meeting, save_membership, save_person,
)
from db.meetings.records import MembershipRecord, PersonRecord
from desktop.meetings import documents, tab as tab_module
from desktop.meetings.meeting_editor import MeetingEditor
from desktop.meetings.membership_dialog import MembershipDialog
from desktop.meetings.person_dialog import PersonDialog
from desktop.widgets.unsaved_changes import UnsavedChoice

MEMBERS = [("Jana", "Nováková"), ("Petr", "Čermák"), ("Eva", "Chalupová"), ("Adam", "Horák"), ("Zuzana", "Šimková")]


pytestmark = pytest.mark.usefixtures("discard_on_close")


@pytest.fixture
def tab(meetings_tab):
    return meetings_tab


def create_group(tab, name="PS Senioři"):
    tab.new_group()
    tab.form.name.setText(name)
    tab.form.short_name.setText(name)
    assert tab.save_group()
    return next(g.id for g in tab.db.read(list_groups) if g.name == name)


def add_members(db, group_id, names=MEMBERS):
    for first, last in names:
        person_id = db.write(save_person, PersonRecord(first_name=first, last_name=last, organisation="Charita"))
        db.write(save_membership, MembershipRecord(group_id=group_id, person_id=person_id,
                                                   valid_from=dt.date(2026, 1, 1)))


def test_empty_database_offers_a_group_and_the_new_group_is_saved_from_the_form(tab, db):
    assert tab.pages.currentWidget() is tab.empty_state
    tab.new_group()
    assert tab.pages.currentWidget() is tab.splitter and tab.is_dirty()
    assert not tab.save_group()  # no name: the message sits under the field
    assert tab.form.rows["name"].error_text() == "Vyplňte název skupiny."
    tab.form.name.setText("PS Senioři")
    tab.form.quorum_percent.setValue(60)
    assert tab.save_group()
    [row] = db.read(list_groups)
    assert row.name == "PS Senioři" and not tab.is_dirty()
    assert tab.groups_model.rows[0].name == "PS Senioři"


def test_unsaved_group_edits_are_guarded(tab, db, monkeypatch):
    first = create_group(tab, "PS Senioři")
    create_group(tab, "PS Rodina")
    tab.open_group(first)
    tab.form.description.setPlainText("Změněný popis")
    asked = []
    monkeypatch.setattr(tab_module, "ask_unsaved_changes", lambda parent, message: asked.append(message)
                        or UnsavedChoice.BACK)
    other_row = next(i for i, g in enumerate(tab.groups_model.rows) if g.id != first)
    tab.groups_view.selectRow(other_row)
    assert asked and "PS Senioři" in asked[0]
    assert tab._base.id == first and tab.is_dirty() and not tab.can_leave()


def test_members_are_listed_in_czech_order_with_ended_ones(tab, db):
    group_id = create_group(tab)
    add_members(db, group_id)
    tab.open_group(group_id)
    names = [r.sort_name for r in tab.members.model.rows]
    assert names == ["Čermák Petr", "Horák Adam", "Chalupová Eva", "Nováková Jana", "Šimková Zuzana"]
    assert tab.inner.tabText(1) == "Členové (5)"


def test_membership_dialog_adds_a_member_and_person_dialog_validates_under_the_field(qtbot, tab, db):
    group_id = create_group(tab)
    person = PersonDialog(db, PersonRecord())
    qtbot.addWidget(person)
    person.first_name.setText("Marie")
    person.last_name.setText("Dvořáková")
    person.email.setText("marie@")
    assert not person.save()
    assert person.rows["email"].error_text()
    person.email.setText("marie@example.cz")
    assert person.save()
    dialog = MembershipDialog(db, MembershipRecord(group_id=group_id), "PS Senioři")
    qtbot.addWidget(dialog)
    assert not dialog.save()
    assert "Vyberte osobu" in dialog.rows["person"].error_text()
    dialog._fill_people(person.saved_id)
    dialog.role.setCurrentIndex(dialog.role.findData(MembershipRole.LEADER))
    assert dialog.save()
    tab.open_group(group_id)
    assert [r.name for r in tab.members.model.rows] == ["Marie Dvořáková"]


def run_meeting(qtbot, db, group_id):
    record = db.read(new_meeting, group_id, dt.date(2026, 12, 10))
    editor = MeetingEditor(db, record)
    qtbot.addWidget(editor)
    editor.resize(1024, 700)
    editor.show()
    editor.place.setText("Zasedací místnost MěÚ")
    editor.starts_at.setText("14:00")
    editor.ends_at.setText("16:00")
    assert "není usnášeníschopná" in editor.quorum.text()
    editor.attendance.all_present()  # one click
    state = editor.attendance.cellWidget(4, 4)
    state.setCurrentIndex(state.findData(AttendanceState.EXCUSED))
    assert "Přítomno 4 z 5 členů s hlasovacím právem, skupina je usnášeníschopná." in editor.quorum.text()
    editor.agenda.add_item()
    editor.agenda.title.setText("Plán sociálních služeb 2027")
    editor.agenda.add_resolution_button.click()
    box = editor.agenda._resolution_boxes[0]
    box.text.setPlainText("Pracovní skupina doporučuje zařadit odlehčovací službu do plánu.")
    box.votes_for.set_number(3)
    box.votes_against.set_number(0)
    box.votes_abstained.set_number(1)
    assert "usnesení bylo přijato" in box.result.text()
    editor.agenda.tasks.add_task(dt.date(2027, 1, 31))
    editor.agenda.tasks.item(0, 0).setText("Zjistit kapacity odlehčovací služby")
    editor.agenda.tasks.cellWidget(0, 1).setCurrentIndex(1)
    assert editor.is_dirty()
    assert editor.save(), editor.status.text()
    return editor


def test_a_meeting_is_run_with_attendance_a_resolution_and_a_task(qtbot, tab, db):
    group_id = create_group(tab)
    add_members(db, group_id)
    editor = run_meeting(qtbot, db, group_id)
    saved = db.read(load_meeting, editor._base.id)
    assert saved.number == 1 and saved.place == "Zasedací místnost MěÚ"
    assert sum(1 for a in saved.attendance if a.state is AttendanceState.PRESENT) == 4
    item = next(i for i in saved.agenda if i.title == "Plán sociálních služeb 2027")
    [resolution] = item.resolutions
    assert resolution.adopted is True and resolution.number == "PS Senioři 1/2026/1"
    [task] = item.tasks
    assert task.description == "Zjistit kapacity odlehčovací služby" and task.due_on == dt.date(2027, 1, 31)
    assert task.responsible_person_id is not None and task.state is TaskState.OPEN
    assert not editor.is_dirty()
    tab.open_group(group_id)
    assert tab.meetings.model.rowCount() == 1 and tab.tasks.model.rowCount() == 1
    assert tab.resolutions.model.rows[0].adopted is True


def test_votes_without_quorum_are_not_adopted_and_warned(qtbot, db, tab):
    group_id = create_group(tab)
    add_members(db, group_id)
    editor = MeetingEditor(db, db.read(new_meeting, group_id, dt.date(2026, 12, 10)))
    qtbot.addWidget(editor)
    editor.agenda.add_item()
    editor.agenda.add_resolution_button.click()
    box = editor.agenda._resolution_boxes[0]
    box.votes_for.set_number(2)
    assert "nebylo přijato" in box.result.text() and "usnášeníschopná" in box.result.text()


def test_agenda_order_follows_the_list(qtbot, db, tab):
    group_id = create_group(tab)
    add_members(db, group_id)
    editor = MeetingEditor(db, db.read(new_meeting, group_id, dt.date(2026, 12, 10)))
    qtbot.addWidget(editor)
    for title in ("Různé", "Plán"):
        editor.agenda.add_item()
        editor.agenda.title.setText(title)
    editor.agenda.up_button.click()
    items, _ = editor.agenda.items()
    assert [i.title for i in items] == ["Kontrola úkolů z minulých jednání", "Plán", "Různé"]


def wait_for_pdf(qtbot, dialog):
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_building(), timeout=30_000)
    assert dialog.error is None, dialog.error
    return PdfReader(str(dialog.preview_path))


def test_documents_are_built_off_the_ui_thread_and_read_back(qtbot, tab, db, tmp_path):
    group_id = create_group(tab)
    add_members(db, group_id)
    meeting_id = run_meeting(qtbot, db, group_id)._base.id

    sheet = documents.meeting_document_dialog(None, db, "attendance", meeting_id)
    qtbot.addWidget(sheet)
    text = "\n".join(page.extract_text() for page in wait_for_pdf(qtbot, sheet).pages)
    positions = [text.find(last) for _first, last in
                 [("Petr", "Čermák"), ("Adam", "Horák"), ("Eva", "Chalupová"), ("Jana", "Nováková"),
                  ("Zuzana", "Šimková")]]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert sheet.save_preview_to(tmp_path / "listina.pdf") and (tmp_path / "listina.pdf").stat().st_size > 1000

    invitation = documents.meeting_document_dialog(None, db, "invitation", meeting_id)
    qtbot.addWidget(invitation)
    text = "\n".join(page.extract_text() for page in wait_for_pdf(qtbot, invitation).pages)
    assert "Plán sociálních služeb 2027" in text
    # add_members gives nobody an e-mail: the clerk is told whom the .eml will not reach.
    assert "nedostanou" in invitation.note.text() and "Jana Nováková" in invitation.note.text()
    extras = {e.suffix: e for e in invitation.extras}
    assert invitation.write_extra(extras[".ics"], tmp_path / "j.ics")
    assert invitation.write_extra(extras[".eml"], tmp_path / "j.eml")
    assert b"BEGIN:VCALENDAR" in (tmp_path / "j.ics").read_bytes()
    assert (tmp_path / "j.eml").stat().st_size > 1000


def test_tab_and_meeting_editor_fit_1024x768(qtbot, tab, db):
    group_id = create_group(tab)
    add_members(db, group_id)
    assert tab.minimumSizeHint().width() <= 1024 and tab.minimumSizeHint().height() <= 700
    editor = MeetingEditor(db, db.read(new_meeting, group_id, dt.date(2026, 12, 10)))
    qtbot.addWidget(editor)
    hint = editor.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 740


def test_person_with_history_is_deactivated_not_deleted(qtbot, tab, db, monkeypatch):
    from desktop.meetings import people_dialog

    group_id = create_group(tab)
    add_members(db, group_id)
    run_meeting(qtbot, db, group_id)
    person = next(p for p in db.read(list_people) if p.sort_name == "Nováková Jana")
    answers = []

    def fake_exec(box):
        answers.append(box.text())
        box._clicked = next(b for b in box.buttons() if b.text() == "Označit jako neaktivní")
        return 0

    monkeypatch.setattr(people_dialog.QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(people_dialog.QMessageBox, "clickedButton", lambda box: box._clicked)
    assert people_dialog.delete_or_deactivate(db, tab, person.id, person.name)
    assert "nelze smazat" in answers[0]
    assert db.read(load_person, person.id).active is False


def test_a_new_meeting_moved_to_another_day_lists_the_members_of_that_day(qtbot, tab, db):
    group_id = create_group(tab)
    add_members(db, group_id)
    late = db.write(save_person, PersonRecord(first_name="Karel", last_name="Beneš"))
    db.write(save_membership, MembershipRecord(group_id=group_id, person_id=late, valid_from=dt.date(2027, 1, 1)))
    editor = MeetingEditor(db, db.read(new_meeting, group_id, dt.date(2026, 12, 10)))
    qtbot.addWidget(editor)
    assert len(editor.attendance.lines()) == 5
    editor.date.edit.setText("15. 1. 2027")
    editor.date.editingFinished.emit()
    names = [line.person_name for line in editor.attendance.lines()]
    assert len(names) == 6 and "Karel Beneš" in names
    assert editor.number.value() == 1
    editor.show()
    editor.save_and_close()  # Ctrl+S: saves, the meeting editor stays open for more work
    assert editor._base.id is not None and editor.isVisible() and not editor.is_dirty()


def test_a_chair_and_a_task_owner_from_outside_the_group_are_kept_when_the_meeting_is_reopened(qtbot, tab, db):
    from db.meetings.queries import save_meeting

    group_id = create_group(tab)
    add_members(db, group_id)
    outsider = db.write(save_person, PersonRecord(first_name="Ivana", last_name="Radní", organisation="Město"))
    editor = run_meeting(qtbot, db, group_id)
    record = db.read(load_meeting, editor._base.id)
    record.chair_id = outsider
    item = next(i for i in record.agenda if i.tasks)
    item.tasks[0].responsible_person_id = outsider
    db.write(save_meeting, record)
    reopened = MeetingEditor(db, db.read(load_meeting, record.id))
    qtbot.addWidget(reopened)
    assert reopened.chair.currentData() == outsider and not reopened.is_dirty()
    saved, _ = reopened.collect()
    assert next(i for i in saved.agenda if i.tasks).tasks[0].responsible_person_id == outsider


def test_keys_in_the_tab(qtbot, tab, db, monkeypatch):
    from PySide6.QtCore import Qt

    group_id = create_group(tab)
    tab.groups_view.setFocus()
    qtbot.keyClick(tab.groups_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert tab._base.id is None and tab.form.name.hasFocus()
    tab.form.name.setText("PS Rodina")
    qtbot.keyClick(tab.form.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not tab.is_dirty() and {g.name for g in db.read(list_groups)} == {"PS Senioři", "PS Rodina"}
    qtbot.keyClick(tab.form.name, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    opened = []
    monkeypatch.setattr(tab_module.MeetingEditor, "exec", lambda editor: opened.append(editor._base) or 0)
    monkeypatch.setattr(tab_module.QDialog, "exec", press_continue)
    tab.open_group(group_id)
    qtbot.keyClick(tab.groups_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert opened and opened[0].group_id == group_id and opened[0].id is None


def press_continue(dialog):
    """Stand-in for the clerk pressing Pokračovat in the small date dialog."""
    next(b for b in dialog.findChildren(tab_module.QPushButton) if b.text() == "Pokračovat").click()
    return dialog.result()


def test_a_tie_asks_the_chair_only_when_the_rules_say_so(qtbot, tab, db):
    group_id = create_group(tab)
    tab.form.tie_chair_decides.setChecked(True)
    assert tab.save_group()
    add_members(db, group_id)
    editor = MeetingEditor(db, db.read(new_meeting, group_id, dt.date(2026, 12, 10)))
    qtbot.addWidget(editor)
    editor.show()
    editor.attendance.all_present()
    editor.agenda.add_item()
    editor.agenda.title.setText("Rozpočet")
    editor.agenda.add_resolution_button.click()
    box = editor.agenda._resolution_boxes[0]
    box.text.setPlainText("Schvaluje rozpočet.")
    box.votes_for.set_number(2)
    box.votes_against.set_number(2)
    box.votes_abstained.set_number(1)
    assert not box.chair_vote.isHidden() and "nebylo přijato" in box.result.text()
    box.chair_vote.setCurrentIndex(box.chair_vote.findData(True))
    assert "bylo přijato" in box.result.text() and "předsedajícího" in box.result.text()
    assert editor.save()
    saved = db.read(load_meeting, editor._base.id)
    [resolution] = next(i for i in saved.agenda if i.title == "Rozpočet").resolutions
    assert resolution.adopted is True and resolution.chair_votes_for is True
    # 7 days' notice (the default rule); worded as a warning once that day has passed.
    assert "nejpozději 3. 12. 2026" in editor.notice.text().replace("\xa0", " ")


def test_the_tie_question_stays_hidden_under_the_common_rules(qtbot, tab, db):
    group_id = create_group(tab)
    add_members(db, group_id)
    editor = MeetingEditor(db, db.read(new_meeting, group_id, dt.date(2026, 12, 10)))
    qtbot.addWidget(editor)
    editor.attendance.all_present()
    editor.agenda.add_item()
    editor.agenda.add_resolution_button.click()
    box = editor.agenda._resolution_boxes[0]
    box.votes_for.set_number(2)
    box.votes_against.set_number(2)
    assert box.chair_vote.isHidden() and "nebylo přijato" in box.result.text()


def test_a_meeting_moved_to_another_day_reviews_the_tasks_open_on_that_day(qtbot, tab, db):
    group_id = create_group(tab)
    add_members(db, group_id)
    run_meeting(qtbot, db, group_id)  # 10. 12. 2026 gives the task "Zjistit kapacity…"
    editor = MeetingEditor(db, db.read(new_meeting, group_id, dt.date(2027, 1, 14)))
    qtbot.addWidget(editor)
    assert [r.description for r in editor.reviews.reviews()] == ["Zjistit kapacity odlehčovací služby"]
    note = editor.reviews.item(0, 5)
    note.setText("Kapacity zjištěny u dvou poskytovatelů.")

    editor.date.set_date(dt.date(2026, 12, 1))  # before the meeting that gave the task
    editor.date.editingFinished.emit()
    assert editor.reviews.reviews() == [] and not editor.no_reviews.isHidden() and editor.reviews.isHidden()
    assert editor.tabs.tabText(3).startswith("Kontrola úkolů (0)")

    editor.date.set_date(dt.date(2027, 1, 21))
    editor.date.editingFinished.emit()
    [review] = editor.reviews.reviews()
    assert review.description == "Zjistit kapacity odlehčovací služby" and review.note == ""
