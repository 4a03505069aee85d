"""A database with plans written before migration 0008 opens with all its data, and its plans export."""
from __future__ import annotations

from db import migrate
from db.database import make_engine, open_database
from db.plan.exchange import export_plan
from db.plan.monitoring import round_report
from db.plan.queries import plan_tree
from db.plan.records import load_plan


def test_plans_of_revision_0006_get_uids_and_keep_everything(db_path, tmp_path):
    engine = make_engine(db_path)
    with engine.begin() as conn:
        migrate.upgrade(conn, "0006")
        for plan_id in (1, 2):
            conn.exec_driver_sql(
                "INSERT INTO plan (id, name, year_from, year_to, state, adopted_by, resolution_number, vision, "
                "introduction, level_names, changed_by, changed_at) VALUES (?, ?, 2024, 2026, 'approved', '', '', "
                "'Vize', '', 'Priorita;Opatření;Aktivita', '', '2025-01-01 00:00:00')", (plan_id, f"Plán {plan_id}"))
        for node_id, parent, title in ((1, None, "Senioři"), (2, 1, "Péče doma"), (3, 2, "Odlehčovací služba")):
            conn.exec_driver_sql(
                "INSERT INTO plan_node (id, plan_id, parent_id, position, uid, title, description, rationale, "
                "responsible_text, carried_over, changed_by, changed_at) VALUES (?, 1, ?, 0, ?, ?, '', '', '', 0, '', "
                "'2025-01-01 00:00:00')", (node_id, parent, f"uid-{node_id}", title))
        conn.exec_driver_sql("INSERT INTO monitoring_round (id, plan_id, year, closed, closed_by, summary) "
                             "VALUES (1, 1, 2024, 0, '', '')")
        conn.exec_driver_sql("INSERT INTO evaluation (round_id, node_id, state_id, completion, evaluation, reasons, "
                             "corrective_action, snapshot_code, snapshot_title, snapshot_path, snapshot_state) "
                             "VALUES (1, 3, 2, 40, 'Běží.', '', '', '', '', '', '')")
    engine.dispose()

    db = open_database(db_path)
    try:
        first, second = db.read(load_plan, 1), db.read(load_plan, 2)
        assert len(first.uid) == 36 and first.uid != second.uid
        assert first.weighted_rollup is False and first.vision == "Vize"
        assert [(r.code, r.title) for r in db.read(plan_tree, 1)] == [
            ("1", "Senioři"), ("1.1", "Péče doma"), ("1.1.1", "Odlehčovací služba")]
        assert db.read(round_report, 1, 2024).rows[0].effective_completion == 40
        assert export_plan(db, 1, tmp_path / "plan.xlsx") == 3
    finally:
        db.close()
