"""Documents of the medium-term plan (A4, same typefaces and typography as the booklet).

`data` collects what they print from the database into the plain records of `model`; the builders
take those records and an output path and need no window:

    build_plan_document(plan_document_data(session, plan_id), "plan.pdf")
    build_monitoring_report(monitoring_data(session, plan_id, 2025), "vyhodnoceni-2025.pdf")
    build_action_plan(action_plan_data(session, plan_id, 2026), "akcni-plan-2026.pdf")
"""
from printing.plan.action_plan import build_action_plan
from printing.plan.report import build_monitoring_report
from printing.plan.strategy import build_plan_document

__all__ = ["build_action_plan", "build_monitoring_report", "build_plan_document"]
