"""Provider directory: providers (poskytovatelé) and their services (služby)."""
from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean, Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Stamped, enum_column
from db.versioning import Versioned, part_of
from db.codelists import (
    CapacityUnit, LegalForm, ProvisionForm, RelatedServiceCategory, ServiceType, TargetGroup,
)



class Source(enum.Enum):
    REGISTRY = "registry"
    MANUAL = "manual"


class ServiceStatus(enum.Enum):
    ACTIVE = "active"
    SUSPENDED = "suspended"  # dočasně pozastavena
    ENDED = "ended"


class FeeKind(enum.Enum):
    FREE = "free"
    PAID = "paid"



class Provider(Versioned, Stamped, Base):
    __tablename__ = "provider"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    # Text, not a number: IČO keeps its leading zeros ("00064581").
    ico: Mapped[str | None] = mapped_column(String(8), unique=True)
    legal_form_id: Mapped[int | None] = mapped_column(ForeignKey("legal_form.id"))
    street: Mapped[str] = mapped_column(String(200), default="")
    town: Mapped[str] = mapped_column(String(100), default="")
    postcode: Mapped[str] = mapped_column(String(6), default="")
    phone: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    web: Mapped[str] = mapped_column(String(300), default="")
    data_box: Mapped[str] = mapped_column(String(7), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    verified_on: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[Source] = mapped_column(enum_column(Source), default=Source.MANUAL)

    legal_form: Mapped[LegalForm | None] = relationship(lazy="joined")
    services: Mapped[list["Service"]] = relationship(
        back_populates="provider", cascade="all, delete-orphan", order_by="Service.id")


service_target_group = Table(
    "service_target_group",
    Base.metadata,
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column("target_group_id", ForeignKey("target_group.id", ondelete="RESTRICT"), primary_key=True),
)


class Service(Stamped, Base):
    __tablename__ = "service"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    # A registered service has a type; a related service (související služba) has a category instead.
    service_type_id: Mapped[int | None] = mapped_column(ForeignKey("service_type.id"), index=True)
    related_category_id: Mapped[int | None] = mapped_column(ForeignKey("related_service_category.id"))
    registry_id: Mapped[str | None] = mapped_column(String(7), unique=True)  # identifikátor
    portal_id: Mapped[str | None] = mapped_column(String(40), index=True)
    # Register ids (Kraj/…, Okres/…, Obec/…) of the service's addresses at the last import: tells which
    # imported territory the service belongs to, so a later import can notice it vanished from there.
    registry_area: Mapped[str] = mapped_column(Text, default="")
    age_from: Mapped[int | None] = mapped_column(Integer)
    age_to: Mapped[int | None] = mapped_column(Integer)
    age_note: Mapped[str] = mapped_column(String(300), default="")
    opening_note: Mapped[str] = mapped_column(Text, default="")
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    web: Mapped[str] = mapped_column(String(300), default="")
    fee: Mapped[FeeKind | None] = mapped_column(enum_column(FeeKind))
    fee_note: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ServiceStatus] = mapped_column(enum_column(ServiceStatus), default=ServiceStatus.ACTIVE)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    in_booklet: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[Source] = mapped_column(enum_column(Source), default=Source.MANUAL)

    provider: Mapped[Provider] = relationship(back_populates="services")
    service_type: Mapped[ServiceType | None] = relationship(lazy="joined")
    related_category: Mapped[RelatedServiceCategory | None] = relationship(lazy="joined")
    target_groups: Mapped[list[TargetGroup]] = relationship(
        secondary=service_target_group, order_by=TargetGroup.sort_order)
    forms: Mapped[list["ServiceForm"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="ServiceForm.form_id")
    places: Mapped[list["ServicePlace"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="ServicePlace.position")
    areas: Mapped[list["ServiceArea"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="ServiceArea.position")
    opening_hours: Mapped[list["OpeningHours"]] = relationship(
        back_populates="service", cascade="all, delete-orphan",
        order_by="(OpeningHours.weekday, OpeningHours.opens)")


class ServiceForm(Base):
    """A form of provision of one service, with its registered capacity."""

    __tablename__ = "service_form"
    __table_args__ = (UniqueConstraint("service_id", "form_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("provision_form.id"))
    capacity: Mapped[int | None] = mapped_column(Integer)
    capacity_unit_id: Mapped[int | None] = mapped_column(ForeignKey("capacity_unit.id"))

    service: Mapped[Service] = relationship(back_populates="forms")
    form: Mapped[ProvisionForm] = relationship(lazy="joined")
    capacity_unit: Mapped[CapacityUnit | None] = relationship(lazy="joined")


class ServicePlace(Base):
    """Místo poskytování. A secret address (utajená adresa) is never shown in lists or print."""

    __tablename__ = "service_place"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    town: Mapped[str] = mapped_column(String(100), default="")
    postcode: Mapped[str] = mapped_column(String(6), default="")
    secret: Mapped[bool] = mapped_column(Boolean, default=False)

    service: Mapped[Service] = relationship(back_populates="places")


class ServiceArea(Base):
    """Územní působnost: one municipality the service covers."""

    __tablename__ = "service_area"
    __table_args__ = (UniqueConstraint("service_id", "municipality"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    municipality: Mapped[str] = mapped_column(String(100))

    service: Mapped[Service] = relationship(back_populates="areas")


class OpeningHours(Base):
    """One interval of the weekly opening hours; a day may have several (8:00–12:00, 13:00–16:00)."""

    __tablename__ = "opening_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)  # 0 = pondělí … 6 = neděle
    opens: Mapped[str] = mapped_column(String(5))  # "08:00": text sorts right and needs no timezone
    closes: Mapped[str] = mapped_column(String(5))

    service: Mapped[Service] = relationship(back_populates="opening_hours")


# What a provider's version covers: the provider form edits all of this at once (db/versioning.py).
part_of(Service, lambda s: s.provider)
for _part in (ServiceForm, ServicePlace, ServiceArea, OpeningHours):
    part_of(_part, lambda p: p.service)
