"""What the clerk chooses for the booklet, remembered in the database as one JSON setting.

Kept in the database (not in the Qt settings) so that the CLI builds the same booklet as the window
and a shared database gives every clerk the same chapters and offices.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from db.settings import OfficeDetails, get_value, load_office, set_value
from db.text import normalize_text

SETTING_KEY = "booklet.options"
DEFAULT_TITLE = "Přehled poskytovatelů sociálních služeb"
ORDER_BY_TYPE = "type"
ORDER_BY_NAME = "name"
FORMAT_A5 = "a5"
FORMAT_A4 = "a4"

DEFAULT_FOREWORD = (
    "Vážení spoluobčané,\n\n"
    "dostáváte do rukou přehled sociálních a souvisejících služeb, které můžete využít v našem městě "
    "a jeho okolí. Najdete v něm kontakty na organizace, které pomáhají seniorům, lidem se zdravotním "
    "postižením, rodinám s dětmi i lidem, kteří se ocitli v obtížné životní situaci.\n\n"
    "Služby jsou rozděleny do kapitol podle toho, komu jsou určeny; jedna služba se proto může objevit "
    "ve více kapitolách. Na konci přehledu najdete rejstřík poskytovatelů a rejstřík služeb podle druhu.\n\n"
    "Pokud si nebudete vědět rady, obraťte se na nás – rádi Vám poradíme.")


@dataclass
class ChapterSpec:
    """A chapter of the booklet: the services of any of its target groups appear in it."""

    title: str
    target_groups: list[str] = field(default_factory=list)


@dataclass
class OfficeContact:
    """One row of the chapter "Úřady a instituce, kde Vám poradí"."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    note: str = ""


def default_chapters() -> list[ChapterSpec]:
    # Target groups in the wording of resources/codelists/target-groups.txt (the register's).
    return [
        ChapterSpec("Senioři", [
            "senioři", "osoby žijící s demencí", "pečující osoby", "osoby s potřebou paliativní péče"]),
        ChapterSpec("Osoby se zdravotním postižením", [
            "osoby se zdravotním postižením", "osoby s tělesným postižením", "osoby s mentálním postižením",
            "osoby se zrakovým postižením", "osoby se sluchovým postižením", "osoby s kombinovaným postižením",
            "osoby s jiným zdravotním postižením", "osoby s chronickým onemocněním",
            "osoby s chronickým duševním onemocněním"]),
        ChapterSpec("Rodina, děti a mládež", [
            "rodiny s dítětem/dětmi",
            "děti a mládež ve věku od 6 do 26 let ohrožené společensky nežádoucími jevy",
            "osoby do 26 let věku opouštějící školská zařízení pro výkon ústavní péče"]),
        ChapterSpec("Osoby v krizi a ohrožené sociálním vyloučením", [
            "osoby bez přístřeší", "osoby v krizi", "oběti domácího násilí", "oběti trestné činnosti",
            "oběti obchodu s lidmi", "osoby komerčně zneužívané",
            "osoby ohrožené závislostí nebo závislé na návykových látkách",
            "osoby, které vedou rizikový způsob života nebo jsou tímto způsobem života ohroženy",
            "osoby žijící v sociálně vyloučených komunitách", "pachatelé trestné činnosti", "etnické menšiny",
            "imigranti a azylanti"]),
    ]


@dataclass
class BookletOptions:
    title: str = DEFAULT_TITLE
    edition: str = field(default_factory=lambda: f"Vydání {dt.date.today().year}")
    foreword: str = DEFAULT_FOREWORD
    chapters: list[ChapterSpec] = field(default_factory=default_chapters)
    offices: list[OfficeContact] = field(default_factory=list)
    order: str = ORDER_BY_TYPE
    page_format: str = FORMAT_A5
    large_print: bool = False
    imposed: bool = False
    # Capacity means little to many readers; the clerk may leave it out.
    show_capacity: bool = True
    # A service of several chapters in full once, elsewhere one line pointing at its page.
    cross_references: bool = True
    # Whom to tell about a mistake; empty means the office from Nastavení.
    corrections_contact: str = ""

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> BookletOptions:
        """Tolerant: unknown keys are ignored and missing or broken ones fall back to defaults."""
        try:
            raw = json.loads(text)
        except (TypeError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        options = cls()
        for f in dataclasses.fields(cls):
            if f.name not in raw:
                continue
            value = raw[f.name]
            if f.name == "chapters" and isinstance(value, list):
                options.chapters = [ChapterSpec(str(c.get("title", "")), [str(g) for g in c.get("target_groups", [])])
                                    for c in value if isinstance(c, dict) and c.get("title")]
            elif f.name == "offices" and isinstance(value, list):
                names = {o.name for o in dataclasses.fields(OfficeContact)}
                options.offices = [OfficeContact(**{k: str(v) for k, v in o.items() if k in names})
                                   for o in value if isinstance(o, dict) and o.get("name")]
            elif f.name in ("large_print", "imposed", "show_capacity", "cross_references"):
                setattr(options, f.name, bool(value))
            elif isinstance(value, str):
                setattr(options, f.name, value)
        if options.order not in (ORDER_BY_TYPE, ORDER_BY_NAME):
            options.order = ORDER_BY_TYPE
        if options.page_format not in (FORMAT_A5, FORMAT_A4):
            options.page_format = FORMAT_A5
        return options


def load_options(session: Session) -> BookletOptions:
    stored = get_value(session, SETTING_KEY, "")
    if stored:
        return BookletOptions.from_json(stored)
    # Until the clerk saves a list of offices, the chapter of offices starts with the publisher's own
    # department from Nastavení: the first place a reader of the booklet turns to.
    return BookletOptions(offices=[own] if (own := _own_office(load_office(session))) else [])


def _own_office(office: OfficeDetails) -> OfficeContact | None:
    name = ", ".join(p for p in (office.town.strip(), office.department.strip()) if p)
    if not name:
        return None
    return OfficeContact(name, address=office.address.strip(), phone=office.phone.strip(),
                         email=office.email.strip(), web=office.web.strip())


def _normalized(options: BookletOptions) -> BookletOptions:
    """The clerk's texts as every input is stored (db/text.py); the foreword and notes keep their lines."""
    offices = [OfficeContact(normalize_text(o.name), normalize_text(o.address), normalize_text(o.phone),
                             normalize_text(o.email), normalize_text(o.web), normalize_text(o.note, multiline=True))
               for o in options.offices]
    chapters = [ChapterSpec(normalize_text(c.title), list(c.target_groups)) for c in options.chapters]
    return dataclasses.replace(
        options, title=normalize_text(options.title), edition=normalize_text(options.edition),
        foreword=normalize_text(options.foreword, multiline=True), chapters=chapters, offices=offices,
        corrections_contact=normalize_text(options.corrections_contact))


def save_options(session: Session, options: BookletOptions) -> None:
    set_value(session, SETTING_KEY, _normalized(options).to_json())
