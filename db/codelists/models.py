"""Codelists (číselníky): service types, target groups, forms, capacity units, legal forms."""
from __future__ import annotations

from sqlalchemy import Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.base import Base


class ServiceType(Base):
    """Druh sociální služby: a paragraph of zákon 108/2006 Sb.; a few types have no paragraph."""

    __tablename__ = "service_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    paragraph: Mapped[str | None] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    category: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def label(self) -> str:
        return f"§ {self.paragraph} {self.name}" if self.paragraph else self.name


class RelatedServiceCategory(Base):
    """Category of a non-registered related service (související služba); the clerk may add more."""

    __tablename__ = "related_service_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class TargetGroup(Base):
    """Cílová skupina (okruh osob) in the register's wording."""

    __tablename__ = "target_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class ProvisionForm(Base):
    """Forma poskytování: pobytová, ambulantní, terénní."""

    __tablename__ = "provision_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


class CapacityUnit(Base):
    """Unit of registered capacity: klienti, lůžka, kontakty, intervence, hovory."""

    __tablename__ = "capacity_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


class LegalForm(Base):
    """Právní forma of a provider."""

    __tablename__ = "legal_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    abbreviation: Mapped[str | None] = mapped_column(String(40))


def service_types(session: Session) -> list[ServiceType]:
    return list(session.scalars(select(ServiceType).order_by(ServiceType.sort_order)))


def target_groups(session: Session) -> list[TargetGroup]:
    return list(session.scalars(select(TargetGroup).order_by(TargetGroup.sort_order)))


def provision_forms(session: Session) -> list[ProvisionForm]:
    return list(session.scalars(select(ProvisionForm).order_by(ProvisionForm.id)))


def capacity_units(session: Session) -> list[CapacityUnit]:
    return list(session.scalars(select(CapacityUnit).order_by(CapacityUnit.id)))


def legal_forms(session: Session) -> list[LegalForm]:
    return list(session.scalars(select(LegalForm).order_by(LegalForm.name)))


def related_categories(session: Session) -> list[RelatedServiceCategory]:
    return list(session.scalars(select(RelatedServiceCategory).order_by(RelatedServiceCategory.name)))
