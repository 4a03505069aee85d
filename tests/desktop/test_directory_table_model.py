"""DirectoryTableModel.replace_providers: for any rows and any replacement, the rows end up exactly as
a full reload sorts them, the keys follow the rows, and the model is never reset."""
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QSignalSpy

from db.collation import czech_key
from db.directory.queries import ProviderRow
from desktop.directory.table_model import DirectoryTableModel

NAMES = ["Charita", "Hospic", "Ichtys", "Čáp", "Cesta", "Domov", "Řád", "Rada", "Útulek", "Ulita", "chata"]


def _provider(provider_id: int, name_at: int, town_at: int) -> ProviderRow:
    name, town = NAMES[name_at % len(NAMES)], NAMES[town_at % len(NAMES)]
    return ProviderRow(provider_id, name, "", town, 0, None, dt.datetime(2026, 1, 1), "", name.lower(),
                       czech_key(name), czech_key(town))


rows_of = st.dictionaries(st.integers(1, 30), st.tuples(st.integers(0, 10), st.integers(0, 10)), max_size=20)


@settings(max_examples=150, deadline=None)
@given(before=rows_of, after=rows_of, touched=st.sets(st.integers(1, 30)), column=st.sampled_from([0, 2]),
       descending=st.booleans())
def test_replacing_providers_in_place_sorts_as_a_full_reload(qapp, before, after, touched, column, descending):
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model = DirectoryTableModel("providers")
    model.set_rows([_provider(pid, *parts) for pid, parts in before.items()])
    model.sort(column, order)
    resets = QSignalSpy(model.modelReset)

    fresh = [_provider(pid, *parts) for pid, parts in after.items() if pid in touched]
    model.replace_providers(touched, fresh)

    expected = DirectoryTableModel("providers")
    expected.set_rows([_provider(pid, *parts) for pid, parts in before.items() if pid not in touched] + fresh)
    expected.sort(column, order)
    sort_key = model.columns[column].sort_key
    assert [(sort_key(r), r.name_key) for r in model.rows] == [(sort_key(r), r.name_key) for r in expected.rows]
    assert sorted(model.keys) == sorted(expected.keys)
    assert model.keys == [r.provider_id for r in model.rows]
    assert resets.count() == 0
