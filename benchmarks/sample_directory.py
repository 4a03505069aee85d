"""Synthetic but plausible directory data for benchmarks and screenshots (not the demo data).

    python benchmarks/sample_directory.py OUT.sqlite [--providers 40] [--services 80]

Rows are written with bulk inserts so the national-register size (2,400 providers, 6,700 services)
is generated in seconds.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402

from db.codelists import (  # noqa: E402
    CapacityUnit, LegalForm, ProvisionForm, RelatedServiceCategory, ServiceType, TargetGroup,
)
from db.database import Database, open_database  # noqa: E402
from db.directory.models import (  # noqa: E402
    FeeKind, OpeningHours, Provider, Service, ServiceArea, ServiceForm, ServicePlace, ServiceStatus, Source,
    service_target_group,
)
from db.validation import ico_check_digit  # noqa: E402

TOWNS = [
    ("Příbram", "261 01"), ("Dobříš", "263 01"), ("Březnice", "262 72"), ("Milín", "262 31"),
    ("Rožmitál pod Třemšínem", "262 42"), ("Sedlčany", "264 01"), ("Beroun", "266 01"), ("Benešov", "256 01"),
    ("Kladno", "272 01"), ("Mělník", "276 01"), ("Kolín", "280 02"), ("Nymburk", "288 02"),
    ("Rakovník", "269 01"), ("Slaný", "274 01"), ("Kralupy nad Vltavou", "278 01"), ("Čáslav", "286 01"),
    ("Kutná Hora", "284 01"), ("Mladá Boleslav", "293 01"), ("Poděbrady", "290 01"), ("Říčany", "251 01"),
    ("Hořovice", "268 01"), ("Votice", "259 01"), ("Vlašim", "258 01"), ("Mníšek pod Brdy", "252 10"),
    ("Řevnice", "252 30"), ("Černošice", "252 28"), ("Čelákovice", "250 88"), ("Český Brod", "282 01"),
    ("Zdice", "267 51"), ("Žebrák", "267 53"), ("Čenkov", "262 21"), ("Hluboš", "262 22"),
]
STREETS = ["Náměstí T. G. Masaryka", "Pražská", "Husova", "Jiráskova", "Žižkova", "Nádražní", "Školní",
           "Komenského", "Zahradní", "Družstevní", "Na Příkopech", "U Nemocnice", "Čechova", "Riegrova",
           "Mariánská", "Palackého", "Hornická", "Dlouhá", "Legionářů", "Smetanova"]
PROVIDER_PATTERNS = [
    ("Oblastní charita {town}", "církevní právnická osoba"),
    ("Centrum sociálních služeb {town}", "příspěvková organizace"),
    ("Domov pro seniory {town}", "příspěvková organizace"),
    ("Pečovatelská služba města {town}", "příspěvková organizace"),
    ("Diakonie ČCE – středisko {town}", "evangelická církevní právnická osoba"),
    ("Spolek Šance {town}", "spolek"),
    ("Život 90 – pobočka {town}", "spolek"),
    ("Rodinné centrum Sluníčko {town}", "spolek"),
    ("Farní charita {town}", "církevní právnická osoba"),
    ("Nízkoprahový klub Čajovna {town}", "ústav"),
    ("Člověk v tísni – pobočka {town}", "obecně prospěšná společnost"),
    ("Senior taxi {town}", "společnost s ručením omezeným"),
    ("Poradna pro rodinu {town}", "ústav"),
    ("Hospic a domácí péče {town}", "obecně prospěšná společnost"),
    ("Město {town}", "obec"),
]
DESCRIPTIONS = [
    "Pomáháme lidem zůstat co nejdéle v jejich domácím prostředí: donáška obědů, nákupy, osobní hygiena.",
    "Bezplatné a diskrétní poradenství v tíživých životních situacích, pomoc s dluhy a jednáním s úřady.",
    "Celoroční pobytová služba s nepřetržitou péčí pro seniory, kteří už nemohou žít sami.",
    "Podpora rodin s dětmi při výchově, hospodaření a zvládání krizí, doprovod na úřady a k lékaři.",
    "Setkávání, přednášky, výlety a cvičení paměti pro seniory z města a okolí.",
]
PARAGRAPH_WEIGHTS = {"40": 9, "37": 8, "49": 5, "39": 5, "65": 5, "44": 3, "50": 3, "46": 3, "69": 3, "62": 3,
                     "70": 3, "66": 2, "57": 2, "51": 2, "43": 2, "60": 1, "41": 1, "54": 1, "55": 1, "63": 1}
FIRST_NAMES = ["Jana", "Petr", "Marie", "Jiří", "Eva", "Pavel", "Lenka", "Martin", "Hana", "Tomáš"]
LAST_NAMES = ["Nováková", "Svoboda", "Dvořáková", "Černý", "Procházková", "Kučera", "Veselá", "Horák",
              "Marešová", "Pokorný"]


def _ico(number: int) -> str:
    first7 = f"{number:07d}"
    return first7 + str(ico_check_digit(first7))


def fill(db: Database, providers: int, services: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    now = dt.datetime.now().replace(microsecond=0)
    today = dt.date.today()
    with db.session() as s, s.begin():
        types = {t.paragraph: t for t in s.scalars(select(ServiceType)) if t.paragraph}
        categories = list(s.scalars(select(RelatedServiceCategory)))
        groups = {g.name: g.id for g in s.scalars(select(TargetGroup))}
        forms = {f.name: f.id for f in s.scalars(select(ProvisionForm))}
        units = {u.name: u.id for u in s.scalars(select(CapacityUnit))}
        legal = {f.name: f.id for f in s.scalars(select(LegalForm))}
        paragraphs = list(PARAGRAPH_WEIGHTS)
        weights = list(PARAGRAPH_WEIGHTS.values())

        provider_rows, service_rows = [], []
        for i in range(providers):
            town, postcode = TOWNS[i % len(TOWNS)]
            pattern, legal_name = PROVIDER_PATTERNS[(i // len(TOWNS) + i) % len(PROVIDER_PATTERNS)]
            name = pattern.format(town=town)
            if i >= len(TOWNS) * len(PROVIDER_PATTERNS):
                name += f" {i // (len(TOWNS) * len(PROVIDER_PATTERNS)) + 1}"
            verified = None if rnd.random() < 0.12 else today - dt.timedelta(days=rnd.randint(0, 700))
            provider_rows.append({
                "id": i + 1, "name": name, "ico": _ico(100_000 + i), "legal_form_id": legal[legal_name],
                "street": f"{rnd.choice(STREETS)} {rnd.randint(1, 1800)}", "town": town, "postcode": postcode,
                "phone": f"+420 3{rnd.randint(10, 99)} {rnd.randint(100, 999)} {rnd.randint(100, 999)}",
                "email": f"info{i + 1}@poskytovatel.cz", "web": f"www.poskytovatel{i + 1}.cz",
                "data_box": f"{rnd.choice('abcdefghjkmn')}{i:06d}"[:7], "note": "", "verified_on": verified,
                "source": Source.REGISTRY.value if i % 3 else Source.MANUAL.value, "changed_by": "import",
                "changed_at": now})
        for j in range(services):
            provider = provider_rows[j % providers] if j < providers else provider_rows[rnd.randrange(providers)]
            related = rnd.random() < 0.08
            if related:
                category = rnd.choice(categories)
                kind = {"service_type_id": None, "related_category_id": category.id}
                name = category.name.capitalize()
            else:
                service_type = types[rnd.choices(paragraphs, weights)[0]]
                kind = {"service_type_id": service_type.id, "related_category_id": None}
                name = service_type.name[0].upper() + service_type.name[1:]
            status = rnd.choices([ServiceStatus.ACTIVE, ServiceStatus.SUSPENDED, ServiceStatus.ENDED], [90, 3, 7])[0]
            service_rows.append({
                "id": j + 1, "provider_id": provider["id"], "name": name, **kind,
                "registry_id": None if related else f"{1_000_000 + j * 7 % 9_000_000:07d}", "portal_id": None,
                "age_from": rnd.choice([None, 0, 18, 65]), "age_to": None, "age_note": "",
                "opening_note": "", "contact_person": f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}",
                "phone": provider["phone"], "email": provider["email"], "web": provider["web"],
                "fee": rnd.choice([FeeKind.FREE.value, FeeKind.PAID.value, None]), "fee_note": "",
                "description": rnd.choice(DESCRIPTIONS), "status": status.value,
                "ended_on": today - dt.timedelta(days=rnd.randint(1, 400)) if status is ServiceStatus.ENDED else None,
                "in_booklet": status is not ServiceStatus.ENDED, "note": "",
                "source": provider["source"], "changed_by": "import", "changed_at": now})
        s.execute(insert(Provider), provider_rows)
        s.execute(insert(Service), service_rows)

        form_rows, group_rows, place_rows, area_rows, hour_rows = [], [], [], [], []
        group_names = list(groups)
        for service in service_rows:
            provider = provider_rows[service["provider_id"] - 1]
            chosen = rnd.sample(["pobytová", "ambulantní", "terénní"], rnd.choice([1, 1, 2]))
            for form_name in chosen:
                unit = "lůžka" if form_name == "pobytová" else "klienti"
                form_rows.append({"service_id": service["id"], "form_id": forms[form_name],
                                  "capacity": rnd.choice([None, 10, 25, 40, 120]), "capacity_unit_id": units[unit]})
            for group in {"senioři", *rnd.sample(group_names, rnd.randint(0, 2))}:
                group_rows.append({"service_id": service["id"], "target_group_id": groups[group]})
            secret = rnd.random() < 0.03
            place_rows.append({"service_id": service["id"], "position": 0, "name": service["name"],
                               "street": provider["street"], "town": provider["town"],
                               "postcode": provider["postcode"], "secret": secret})
            for position, (town, _) in enumerate(rnd.sample(TOWNS, rnd.randint(0, 3))):
                area_rows.append({"service_id": service["id"], "position": position, "municipality": town})
            if "ambulantní" in chosen:
                for weekday in range(5):
                    hour_rows.append({"service_id": service["id"], "weekday": weekday, "opens": "08:00",
                                      "closes": "12:00"})
                    hour_rows.append({"service_id": service["id"], "weekday": weekday, "opens": "13:00",
                                      "closes": "16:00"})
        s.execute(insert(ServiceForm), form_rows)
        s.execute(insert(service_target_group), group_rows)
        s.execute(insert(ServicePlace), place_rows)
        s.execute(insert(ServiceArea), area_rows)
        s.execute(insert(OpeningHours), hour_rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--providers", type=int, default=40)
    parser.add_argument("--services", type=int, default=80)
    args = parser.parse_args()
    db = open_database(args.out, daily_backup=False)
    try:
        fill(db, args.providers, args.services)
    finally:
        db.close()
    print(f"{args.out}: {args.providers} poskytovatelů, {args.services} služeb")
    return 0


if __name__ == "__main__":
    sys.exit(main())
