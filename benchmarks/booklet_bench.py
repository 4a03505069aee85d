"""How long the booklet takes per character of output, next to an honest floor.

    .venv/bin/python benchmarks/booklet_bench.py [COUNT ...]     (default: 700 6700)

The floor is the cheapest way to set the same amount of text with ReportLab: the same entry texts in
the same fonts and sizes, escaped but not typeset, as plain Paragraphs in one pass — no hyphenation,
no keep-together, no contents, indexes or cross-references, no mirrored pages. Both are measured per
character of the text in the PDF they write (read back with pypdf, outside the timing), because the
booklet prints a service of several chapters once and the floor prints every occurrence.
Goal: at most 1.3× the floor per character and at most 2 s for 700 services. When LibreOffice is
installed (`soffice`), its HTML → PDF conversion of the same entries is timed too, as a reference.

Times are the process's CPU seconds (best of three): both builds run in one thread, and on a machine
shared with other work the wall clock measures the neighbours too. The wall-clock seconds are printed
alongside (column "hodiny"); on an idle machine the two agree.
"""
from __future__ import annotations

import datetime as dt
import html
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
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
            forms=("ambulantní", "terénní"), capacity="až 25 klientů", fee="Za úhradu: dle ceníku.",
            description=description))
    office = OfficeDetails(town="Město Příbram", department="Odbor sociálních věcí")
    return BookletData(office, entries, dt.date.today())


def entry_lines(e: ServiceEntry) -> list[tuple[str, str]]:
    """The (label, text) lines an entry prints; the floor and LibreOffice set exactly these."""
    fields = [("", e.description), ("Telefon:", e.phone), ("E-mail:", e.email), ("Web:", e.web),
              ("Adresa:", "; ".join(e.places)), ("Provozní doba:", e.opening_hours),
              ("Kontaktní osoba:", e.contact_person), ("Pro koho:", ", ".join(e.target_groups)),
              ("Forma:", ", ".join(e.forms)), ("Kapacita:", e.capacity), ("", e.fee),
              ("Poskytovatel:", e.provider_name)]
    return [(label, value) for label, value in fields if value]


def floor_build(data: BookletData, options: BookletOptions, out: Path) -> None:
    styles = make_styles(options.page_format, options.large_print)
    plain = {name: ParagraphStyle(name, parent=style, hyphenationLang="")
             for name, style in (("title", styles.chapter_title), ("name", styles.entry_name),
                                 ("field", styles.field))}
    g = GEOMETRY[options.page_format]
    story = []
    for chapter in plan_chapters(data, options):
        story.append(Paragraph(ty.escape(chapter.title), plain["title"]))
        for e in chapter.entries:
            story.append(Paragraph(ty.escape(e.name), plain["name"]))
            story += [Paragraph(f"{label} {ty.escape(value)}".strip(), plain["field"])
                      for label, value in entry_lines(e)]
    doc = SimpleDocTemplate(str(out), pagesize=(g.width, g.height), leftMargin=g.inner, rightMargin=g.outer,
                            topMargin=g.top, bottomMargin=g.bottom)
    doc.build(story)


def libreoffice_build(data: BookletData, options: BookletOptions, folder: Path) -> Path | None:
    """The same entries as an HTML page converted by LibreOffice Writer; None when it is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    parts = ["<html><meta charset='utf-8'><body>"]
    for chapter in plan_chapters(data, options):
        parts.append(f"<h1>{html.escape(chapter.title)}</h1>")
        for e in chapter.entries:
            parts.append(f"<h3>{html.escape(e.name)}</h3>")
            parts += [f"<p><b>{html.escape(label)}</b> {html.escape(value)}</p>" for label, value in entry_lines(e)]
    source = folder / "lo.html"
    source.write_text("".join(parts) + "</body></html>", encoding="utf-8")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=600)
    return folder / "lo.pdf"


def output_chars(path: Path) -> int:
    return sum(len(page.extract_text()) for page in PdfReader(str(path)).pages)


def best_of(runs: int, action) -> tuple[float, float]:
    """(CPU seconds, wall-clock seconds) of the run with the least CPU time."""
    times = []
    for _ in range(runs):
        cpu, wall = time.process_time(), time.perf_counter()
        action()
        times.append((time.process_time() - cpu, time.perf_counter() - wall))
    return min(times)


def main(counts: list[int]) -> None:
    options = BookletOptions()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_booklet(synthetic_data(20), options, tmp / "warm.pdf")  # fonts, hyphenation dictionary
        print(f"{'služeb':>7} {'stran':>6} {'přehled':>9} {'hodiny':>8} {'znaků':>9} {'podlaha':>9} {'hodiny':>8} "
              f"{'znaků':>9} {'µs/znak':>15} {'poměr':>6}  cíl (≤ 1,3×, ≤ 2 s CPU pro 700)")
        for count in counts:
            data = synthetic_data(count)
            runs = 3 if count <= 1000 else 1
            result = {}
            booklet, booklet_wall = best_of(runs, lambda: result.update(r=build_booklet(data, options, tmp / "b.pdf")))
            floor, floor_wall = best_of(runs, lambda: floor_build(data, options, tmp / "f.pdf"))
            b_chars, f_chars = output_chars(tmp / "b.pdf"), output_chars(tmp / "f.pdf")
            b_rate, f_rate = booklet / b_chars * 1e6, floor / f_chars * 1e6
            ratio = b_rate / f_rate
            goal = ratio <= 1.3 and (count > 700 or booklet <= 2)
            print(f"{count:>7} {result['r'].page_count:>6} {booklet:>8.2f}s {booklet_wall:>7.2f}s {b_chars:>9} "
                  f"{floor:>8.2f}s {floor_wall:>7.2f}s {f_chars:>9} "
                  f"{b_rate:>6.1f} / {f_rate:>6.1f} {ratio:>5.2f}×  {'splněn' if goal else 'NESPLNĚN'}")
            started = time.perf_counter()  # LibreOffice runs in a process of its own: wall clock
            lo = libreoffice_build(data, options, tmp)
            if lo is None:
                print("        LibreOffice (soffice) není nainstalován: srovnání vynecháno")
            else:
                seconds = time.perf_counter() - started
                chars = output_chars(lo)
                print(f"        LibreOffice HTML → PDF: {seconds:.2f}s, {chars} znaků, {seconds / chars * 1e6:.1f} µs/znak")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [700, 6700])
