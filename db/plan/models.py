"""The medium-term plan (střednědobý plán rozvoje sociálních služeb, § 3 písm. h) zákona č. 108/2006 Sb.).

A `Plan` covers a period of years; its tree of `PlanNode`s is priorita → opatření → aktivita (an
optional fourth level, akce). A node's code ("2.1.3") is computed from its place in the tree, never
stored; `uid` is the stable id used for exchange with Excel and survives moves. Activities carry
planned costs per year and funding source (`PlannedCost`, whole Kč), `Indicator`s with yearly targets,
and links to directory services. A `MonitoringRound` per calendar year holds one `Evaluation` per
activity; closing the round freezes it: the evaluation keeps a snapshot of the code, title and
planned cost it reported, so later edits of the plan do not change a closed report.
"""
from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlalchemy import (
    BigInteger, Boolean, Column, Date, DateTime, Float, ForeignKey, Integer, String, Table, Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Stamped, enum_column, now_to_the_second
from db.versioning import Versioned, part_of
from db.codelists import TargetGroup
from db.directory.models import Provider, Service
from db.meetings.models import WorkingGroup

DEFAULT_LEVEL_NAMES = "Priorita;Opatření;Aktivita"




def new_uid() -> str:
    return str(uuid.uuid4())


class PlanState(enum.Enum):
    DRAFT = "draft"        # návrh
    APPROVED = "approved"  # schválený
    CLOSED = "closed"      # ukončený


class IndicatorDirection(enum.Enum):
    INCREASE = "increase"  # more is better
    DECREASE = "decrease"  # less is better


class FundingSource(Base):
    """Zdroj financování, an editable list (rozpočet obce, kraj, MPSV / státní rozpočet, ESF / OPZ+, …)."""

    __tablename__ = "funding_source"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ActivityState(Base):
    """Stav plnění, an editable list; `completion` is the default share done (%) it implies.
    A state outside the roll-up (zrušeno) is left out of its parent's mean."""

    __tablename__ = "activity_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    completion: Mapped[int] = mapped_column(Integer, default=0)
    in_rollup: Mapped[bool] = mapped_column(Boolean, default=True)
    # Behind plan unless done: drives the "behind plan" filter and the report's reasons column.
    finished: Mapped[bool] = mapped_column(Boolean, default=False)
    color: Mapped[str] = mapped_column(String(7), default="#808080")  # "#RRGGBB" for the tree and report


class Plan(Stamped, Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid)  # stable id for exchange with Excel
    name: Mapped[str] = mapped_column(String(300))
    year_from: Mapped[int] = mapped_column(Integer)
    year_to: Mapped[int] = mapped_column(Integer)
    state: Mapped[PlanState] = mapped_column(enum_column(PlanState), default=PlanState.DRAFT)
    adopted_by: Mapped[str] = mapped_column(String(200), default="")  # "Zastupitelstvo města …"
    resolution_number: Mapped[str] = mapped_column(String(100), default="")
    resolution_date: Mapped[dt.date | None] = mapped_column(Date)
    vision: Mapped[str] = mapped_column(Text, default="")
    introduction: Mapped[str] = mapped_column(Text, default="")
    # Names of the tree's levels separated by ";": three, or four with the optional "Akce".
    level_names: Mapped[str] = mapped_column(String(200), default=DEFAULT_LEVEL_NAMES)
    # The plan this one was created from ("Create the next plan from this one").
    origin_plan_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id", ondelete="SET NULL"))
    # The clerk's choice: roll-ups weighted by planned cost instead of the plain mean.
    weighted_rollup: Mapped[bool] = mapped_column(Boolean, default=False)

    nodes: Mapped[list["PlanNode"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="(PlanNode.parent_id, PlanNode.position)")
    rounds: Mapped[list["MonitoringRound"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="MonitoringRound.year")


plan_node_target_group = Table(
    "plan_node_target_group",
    Base.metadata,
    Column("node_id", ForeignKey("plan_node.id", ondelete="CASCADE"), primary_key=True),
    Column("target_group_id", ForeignKey("target_group.id", ondelete="RESTRICT"), primary_key=True),
)


class PlanNode(Versioned, Stamped, Base):
    """A priority, measure, activity or action; its level is its depth (1 = priority)."""

    __tablename__ = "plan_node"
    __table_args__ = (UniqueConstraint("plan_id", "uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("plan_node.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order among siblings, from 0
    uid: Mapped[str] = mapped_column(String(36), default=new_uid)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    working_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("working_group.id", ondelete="SET NULL"), index=True)
    # Responsible party: a provider of the directory, or free text (the town, a department, a person).
    responsible_provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id", ondelete="SET NULL"))
    responsible_text: Mapped[str] = mapped_column(String(300), default="")
    year_from: Mapped[int | None] = mapped_column(Integer)
    year_to: Mapped[int | None] = mapped_column(Integer)
    # Current state of an activity (the latest monitoring sets it); None = not yet evaluated.
    state_id: Mapped[int | None] = mapped_column(ForeignKey("activity_state.id", ondelete="RESTRICT"))
    origin_node_id: Mapped[int | None] = mapped_column(ForeignKey("plan_node.id", ondelete="SET NULL"))
    carried_over: Mapped[bool] = mapped_column(Boolean, default=False)  # unfinished in the previous plan

    plan: Mapped[Plan] = relationship(back_populates="nodes")
    parent: Mapped["PlanNode | None"] = relationship(
        remote_side=[id], foreign_keys=[parent_id], back_populates="children")
    children: Mapped[list["PlanNode"]] = relationship(
        back_populates="parent", foreign_keys=[parent_id], cascade="all, delete-orphan",
        order_by="PlanNode.position")
    target_groups: Mapped[list[TargetGroup]] = relationship(
        secondary=plan_node_target_group, order_by=TargetGroup.sort_order)
    working_group: Mapped[WorkingGroup | None] = relationship()
    responsible_provider: Mapped[Provider | None] = relationship()
    state: Mapped[ActivityState | None] = relationship(lazy="joined")
    partners: Mapped[list["NodePartner"]] = relationship(
        back_populates="node", cascade="all, delete-orphan", order_by="NodePartner.position")
    costs: Mapped[list["PlannedCost"]] = relationship(
        back_populates="node", cascade="all, delete-orphan", order_by="(PlannedCost.year, PlannedCost.source_id)")
    indicators: Mapped[list["Indicator"]] = relationship(
        back_populates="node", cascade="all, delete-orphan", order_by="Indicator.position")
    services: Mapped[list["NodeService"]] = relationship(
        back_populates="node", cascade="all, delete-orphan", order_by="NodeService.id")
    state_changes: Mapped[list["StateChange"]] = relationship(
        back_populates="node", cascade="all, delete-orphan", order_by="StateChange.id")


class NodePartner(Base):
    """Spolupracující subjekt: a provider of the directory or free text."""

    __tablename__ = "plan_node_partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("plan_node.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(300), default="")

    node: Mapped[PlanNode] = relationship(back_populates="partners")
    provider: Mapped[Provider | None] = relationship()


class NodeService(Base):
    """A directory service the activity concerns, with what it means for it ("nová služba",
    "navýšení kapacity o 10 lůžek")."""

    __tablename__ = "plan_node_service"
    __table_args__ = (UniqueConstraint("node_id", "service_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("plan_node.id", ondelete="CASCADE"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(String(300), default="")

    node: Mapped[PlanNode] = relationship(back_populates="services")
    service: Mapped[Service] = relationship()


class PlannedCost(Base):
    """Předpokládané náklady of an activity in one year from one source, in whole Kč."""

    __tablename__ = "planned_cost"
    __table_args__ = (UniqueConstraint("node_id", "year", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("plan_node.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[int] = mapped_column(ForeignKey("funding_source.id", ondelete="RESTRICT"))
    amount: Mapped[int] = mapped_column(BigInteger, default=0)  # Kč

    node: Mapped[PlanNode] = relationship(back_populates="costs")
    source: Mapped[FundingSource] = relationship(lazy="joined")


class Indicator(Base):
    """Indikátor (ukazatel) of an activity: baseline and a target per year."""

    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("plan_node.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    uid: Mapped[str] = mapped_column(String(36), default=new_uid)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(50), default="")
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    direction: Mapped[IndicatorDirection] = mapped_column(
        enum_column(IndicatorDirection), default=IndicatorDirection.INCREASE)

    node: Mapped[PlanNode] = relationship(back_populates="indicators")
    targets: Mapped[list["IndicatorTarget"]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="IndicatorTarget.year")


class IndicatorTarget(Base):
    __tablename__ = "indicator_target"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)

    indicator: Mapped[Indicator] = relationship(back_populates="targets")


class MonitoringRound(Base):
    """The yearly evaluation (vyhodnocení plnění) of a plan. Closed = frozen; reopening is logged."""

    __tablename__ = "monitoring_round"
    __table_args__ = (UniqueConstraint("plan_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_by: Mapped[str] = mapped_column(String(100), default="")
    summary: Mapped[str] = mapped_column(Text, default="")  # overall verbal evaluation for the report
    weighted_rollup: Mapped[bool | None] = mapped_column(Boolean)  # the plan's choice, frozen on closing

    plan: Mapped[Plan] = relationship(back_populates="rounds")
    evaluations: Mapped[list["Evaluation"]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="Evaluation.id")
    log: Mapped[list["RoundLog"]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="RoundLog.id")


class Evaluation(Base):
    """One activity's line of a monitoring round. The snapshot columns are filled when the round is
    closed and are what a closed round reports, whatever happens to the node later."""

    __tablename__ = "evaluation"
    __table_args__ = (UniqueConstraint("round_id", "node_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("monitoring_round.id", ondelete="CASCADE"), index=True)
    # SET NULL: deleting an activity later must not erase what a closed round reported about it.
    node_id: Mapped[int | None] = mapped_column(ForeignKey("plan_node.id", ondelete="SET NULL"), index=True)
    state_id: Mapped[int | None] = mapped_column(ForeignKey("activity_state.id", ondelete="RESTRICT"))
    completion: Mapped[int | None] = mapped_column(Integer)  # %
    evaluation: Mapped[str] = mapped_column(Text, default="")
    reasons: Mapped[str] = mapped_column(Text, default="")  # why behind plan
    corrective_action: Mapped[str] = mapped_column(Text, default="")
    snapshot_code: Mapped[str] = mapped_column(String(30), default="")
    snapshot_title: Mapped[str] = mapped_column(String(500), default="")
    snapshot_path: Mapped[str] = mapped_column(Text, default="")  # codes and titles of the ancestors
    snapshot_state: Mapped[str] = mapped_column(String(100), default="")
    snapshot_planned: Mapped[int | None] = mapped_column(BigInteger)  # Kč planned for the year
    snapshot_in_rollup: Mapped[bool | None] = mapped_column(Boolean)
    snapshot_color: Mapped[str] = mapped_column(String(7), default="")
    snapshot_behind: Mapped[bool | None] = mapped_column(Boolean)
    # {grid field: [user, ISO time]} of the last save of each cell (db/plan/monitoring.py); "" = none yet.
    cell_stamps: Mapped[str] = mapped_column(Text, default="", server_default="")

    round: Mapped[MonitoringRound] = relationship(back_populates="evaluations")
    node: Mapped[PlanNode | None] = relationship()
    state: Mapped[ActivityState | None] = relationship(lazy="joined")
    spending: Mapped[list["Spending"]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan", order_by="Spending.source_id")
    actuals: Mapped[list["IndicatorActual"]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan", order_by="IndicatorActual.id")


class Spending(Base):
    """Money actually spent on an activity in the round's year from one source, in whole Kč."""

    __tablename__ = "spending"
    __table_args__ = (UniqueConstraint("evaluation_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("funding_source.id", ondelete="RESTRICT"))
    amount: Mapped[int] = mapped_column(BigInteger, default=0)
    planned_snapshot: Mapped[int | None] = mapped_column(BigInteger)  # Kč planned, frozen on closing

    evaluation: Mapped[Evaluation] = relationship(back_populates="spending")
    source: Mapped[FundingSource] = relationship(lazy="joined")


class IndicatorActual(Base):
    """The actual value of an indicator in the round's year (target frozen beside it on closing)."""

    __tablename__ = "indicator_actual"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id", ondelete="SET NULL"), index=True)
    value: Mapped[float | None] = mapped_column(Float)
    snapshot_name: Mapped[str] = mapped_column(String(300), default="")
    snapshot_unit: Mapped[str] = mapped_column(String(50), default="")
    snapshot_target: Mapped[float | None] = mapped_column(Float)

    evaluation: Mapped[Evaluation] = relationship(back_populates="actuals")
    indicator: Mapped[Indicator | None] = relationship()


class StateChange(Base):
    """Every change of an activity's state, with date and author (the node's history)."""

    __tablename__ = "plan_state_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("plan_node.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now_to_the_second)
    changed_by: Mapped[str] = mapped_column(String(100), default="")
    year: Mapped[int | None] = mapped_column(Integer)  # the monitoring year it was set in
    old_state: Mapped[str] = mapped_column(String(100), default="")
    new_state: Mapped[str] = mapped_column(String(100), default="")

    node: Mapped[PlanNode] = relationship(back_populates="state_changes")


class RoundLog(Base):
    """Closing and explicit reopening of a monitoring round: who, when, why."""

    __tablename__ = "monitoring_round_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("monitoring_round.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=now_to_the_second)
    by: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(20))  # "closed" / "reopened"
    reason: Mapped[str] = mapped_column(Text, default="")

    round: Mapped[MonitoringRound] = relationship(back_populates="log")


# What a node's version covers: what its editor saves at once (db/versioning.py).
for _part in (NodePartner, NodeService, PlannedCost, Indicator):
    part_of(_part, lambda p: p.node)
part_of(IndicatorTarget, lambda t: t.indicator)
