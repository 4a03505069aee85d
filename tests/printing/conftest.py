"""Fixtures for the printed documents: a small directory in a fresh database, PDF text helpers."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from db.settings import OfficeDetails, save_office
from printing.booklet.data import collect_booklet_data
from tests.printing.factory import populate_sample

OFFICE = OfficeDetails(town="Město Příbram", department="Odbor sociálních věcí",
                       address="Tyršova 108, 261 19 Příbram", phone="318 402 111", email="socialni@pribram.eu",
                       web="www.pribram.eu")


@pytest.fixture
def sample(db):
    """(database, services by role) with office details set."""
    with db.session() as s, s.begin():
        services = populate_sample(s)
        save_office(s, OFFICE)
        ids = {role: (svc.id, svc.name, svc.provider.name) for role, svc in services.items()}
    return db, ids


@pytest.fixture
def sample_data(sample):
    db, _ = sample
    with db.session() as s:
        return collect_booklet_data(s)


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def page_texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]
