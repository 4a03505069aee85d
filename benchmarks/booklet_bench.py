"""How long the booklet takes, next to the floor: a plain single-pass ReportLab build of the same entries.

    /work/venv/bin/python benchmarks/booklet_bench.py [COUNT ...]     (default: 700 6700)

Goal: the booklet in at most 3× the floor, and at most 2 s for 700 services. The floor sets the same
entry paragraphs (same texts, styles and chapter occurrences) with plain Paragraphs in one pass,
without contents, indexes, keep-together, mirrored pages or the second pass.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from db.settings import OfficeDetails  # noqa: E402
from printing import typography as ty  # noqa: E402
from printing.booklet import build_booklet, plan_chapters  # noqa: E402
from printing.booklet.data import BookletData, ServiceEntry  # noqa: E402
from printing.booklet.options import BookletOptions, default_chapters  # noqa: E402
from printing.styles import GEOMETRY, make_styles  # noqa: E402

TYPES = [("odborné sociální poradenství", "37"), ("osobní asistence", "39"), ("pečovatelská služba", "40"),
         ("odlehčovací služby", "44"), ("domovy pro seniory", "49"), ("chráněné bydlení", "51"),
         ("azylové domy", "57"), ("sociálně aktivizační služby pro rodiny s dětmi", "65"),
         ("terénní programy", "69"), ("sociální rehabilitace", "70")]
WORDS = ("pomáháme seniorům a lidem se zdravotním postižením zůstat v domácím prostředí, poskytujeme "
         "poradenství v oblasti dluhů, bydlení a sociálních dávek, doprovázíme klienty na úřady a k lékaři, "
         "podporujeme rodiny s dětmi v obtížné životní situaci a spolupracujeme s obcemi regionu").split()
TOWNS = ["Příbram", "Dobříš", "Sedlčany", "Březnice", "Rožmitál pod Třemšínem", "Milín", "Čechovice"]


def synthetic_data(count: int, seed: int = 7) -> BookletData:
    rnd = random.Random(seed)
    groups = [g for chapter in default_chapters() for g in chapter.target_groups]
    providers = [f"{rnd.choice(['Oblastní charita', 'Diakonie', 'Spolek Naděje', 'Domov', 'Centrum'])} "
                 f"{rnd.choice(TOWNS)} {i}" for i in range(max(1, count // 3))]
    entries = []
    for i in range(count):
        type_name, paragraph = rnd.choice(TYPES)
        provider_id = rnd.randrange(len(providers))
        description = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(25, 90))).capitalize() + "."
        entries.append(ServiceEntry(
            id=i + 1, name=f"{type_name.capitalize()} {rnd.choice(TOWNS)} {i}", provider_id=provider_id,
            provider_name=providers[provider_id], type_name=type_name, paragraph=paragraph,
            type_order=int(paragraph), target_groups=tuple(rnd.sample(groups, rnd.choice([1, 1, 2]))),
            age="od 18 let", places=(f"Pražská {i % 200 + 1}, 261 01 {rnd.choice(TOWNS)}",),
            phone="+420 318 123 456", email=f"sluzba{i}@example.cz", web=f"www.sluzba{i}.cz",
            contact_person="Mgr. Jana Nováková", opening_hours="Po–Pá 8:00–12:00, 13:00–16:00",
            forms=("ambulantní", "terénní"), capacity="25 klientů", fee="za úhradu – dle ceníku",
            description=description))
    office = OfficeDetails(town="Město Příbram", department="Odbor sociálních věcí")
    return BookletData(office, entries, dt.date.today())


def floor_build(data: BookletData, options: BookletOptions, out: Path) -> None:
    styles = make_styles(options.page_format, options.large_print)
    g = GEOMETRY[options.page_format]
    story = []
    for chapter in plan_chapters(data, options):
        story.append(Paragraph(ty.prose(chapter.title), styles.chapter_title))
        for e in chapter.entries:
            story.append(Paragraph(ty.prose(e.name), styles.entry_name))
            for label, value in (("Poskytovatel:", e.provider_name), ("Adresa:", "; ".join(e.places)),
                                 ("Telefon:", e.phone), ("E-mail:", e.email), ("Web:", e.web),
                                 ("Kontaktní osoba:", e.contact_person), ("Provozní doba:", e.opening_hours),
                                 ("Pro koho:", ", ".join(e.target_groups)), ("Forma:", ", ".join(e.forms)),
                                 ("Kapacita:", e.capacity), ("Úhrada:", e.fee)):
                story.append(Paragraph(f'<font name="{styles.label_font}">{label}</font> {ty.prose(value)}',
                                       styles.field))
            story += [Paragraph(p, styles.description) for p in ty.paragraphs(e.description)]
    doc = SimpleDocTemplate(str(out), pagesize=(g.width, g.height), leftMargin=g.inner, rightMargin=g.outer,
                            topMargin=g.top, bottomMargin=g.bottom)
    doc.build(story)


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main(counts: list[int]) -> None:
    options = BookletOptions()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_booklet(synthetic_data(20), options, tmp / "warm.pdf")  # fonts, hyphenation dictionary
        print(f"{'služeb':>7} {'záznamů':>8} {'stran':>6} {'přehled':>9} {'podlaha':>9} {'poměr':>6}  cíl")
        for count in counts:
            data = synthetic_data(count)
            occurrences = sum(len(c.entries) for c in plan_chapters(data, options))
            runs = 3 if count <= 1000 else 1
            result = {}
            booklet = best_of(runs, lambda: result.update(r=build_booklet(data, options, tmp / "b.pdf")))
            floor = best_of(runs, lambda: floor_build(data, options, tmp / "f.pdf"))
            ratio = booklet / floor
            goal = ratio <= 3 and (count > 700 or booklet <= 2)
            print(f"{count:>7} {occurrences:>8} {result['r'].page_count:>6} {booklet:>8.2f}s {floor:>8.2f}s "
                  f"{ratio:>5.2f}×  {'splněn' if goal else 'NESPLNĚN'}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [700, 6700])
