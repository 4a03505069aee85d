"""The Pracovní skupiny tab and its editors with the demo groups: every control reachable and readable at
1024 × 768 and on a 1366 × 768 laptop at 150 % (tests/desktop/reachability.py, as test_small_screen)."""

import pytest
from PySide6.QtWidgets import QApplication

from db.directory.demo import load_demo
from db.meetings.demo import load_meetings_demo
from db.meetings.queries import list_meetings, load_meeting, load_person
from desktop.main_window import MainWindow
from desktop.meetings.meeting_editor import MeetingEditor
from desktop.meetings.person_dialog import PersonDialog
from tests.desktop.reachability import problems

SIZES = {"1024x768": (1024, 728), "1366x768 at 150 %": (911, 480)}


pytestmark = pytest.mark.usefixtures("discard_on_close")


@pytest.fixture
def demo(db):
    load_demo(db)
    load_meetings_demo(db)
    return db


def _settle(qtbot):
    QApplication.processEvents()
    qtbot.wait(20)


@pytest.mark.parametrize("size", SIZES)
def test_the_tab_with_demo_groups_fits(qtbot, show, demo, settings, size):
    window = show(MainWindow(demo, settings))
    window.setMinimumSize(0, 0)
    window.resize(*SIZES[size])
    tab = window.tab_list()[1]
    window.tabs.setCurrentWidget(tab)
    assert tab._open, "the first group is shown"
    found = []
    for page in range(tab.inner.count()):
        tab.inner.setCurrentIndex(page)
        _settle(qtbot)
        found += [f"{tab.inner.tabText(page)}: {p}" for p in problems(window)]
    assert not found, "\n".join(dict.fromkeys(found))


@pytest.mark.parametrize("size", SIZES)
def test_the_meeting_editor_fits(qtbot, demo, size):
    width, height = SIZES[size]
    meeting = next(m for m in demo.read(list_meetings) if m.resolution_count >= 2)
    editor = MeetingEditor(demo, demo.read(load_meeting, meeting.id))
    qtbot.addWidget(editor)
    minimum = editor.minimumSizeHint()
    assert minimum.width() <= width and minimum.height() <= height, minimum.toTuple()
    editor.resize(width, height)
    editor.show()
    found = []
    for page in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(page)
        if page == 1:
            editor.agenda.list.setCurrentRow(editor.agenda.list.count() - 2)
        _settle(qtbot)
        found += [f"{editor.tabs.tabText(page)}: {p}" for p in problems(editor)]
    assert not found, "\n".join(dict.fromkeys(found))


@pytest.mark.parametrize("size", SIZES)
def test_the_person_dialog_fits(qtbot, demo, size):
    width, height = SIZES[size]
    person_id = demo.read(list_meetings)[0]  # any meeting's chair is a person with a full record
    record = demo.read(load_meeting, person_id.id)
    dialog = PersonDialog(demo, demo.read(load_person, record.chair_id or record.attendance[0].person_id))
    qtbot.addWidget(dialog)
    minimum = dialog.minimumSizeHint()
    assert minimum.width() <= width and minimum.height() <= height, minimum.toTuple()
    dialog.resize(min(width, dialog.width()), min(height, dialog.height()))
    dialog.show()
    _settle(qtbot)
    assert not problems(dialog), "\n".join(problems(dialog))
