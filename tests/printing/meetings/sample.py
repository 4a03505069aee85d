"""A meeting as the documents receive it, built by hand (no database): names chosen so that Czech
order differs from code-point order (Čermák after Cibulka, Chalupa after Hrubý, Šťastná after Svoboda)."""
from __future__ import annotations

import datetime as dt

from db.collation import czech_key
from db.meetings.models import AttendanceState, MeetingState, TaskState
from db.settings import OfficeDetails
from printing.meetings.data import (
    AgendaLine, MeetingDocument, NextMeeting, PersonLine, ResolutionLine, ReviewLine, Strip, TaskLine,
)

P, E, A = AttendanceState.PRESENT, AttendanceState.EXCUSED, AttendanceState.ABSENT

# (title before, first, last, title after, organisation, triad role, role, e-mail, attendance)
MEMBERS = [
    ("Mgr.", "Jana", "Šťastná", "", "Charita Příbram", "poskytovatel", "vedoucí", "stastna@charita.cz", P),
    ("", "Petr", "Svoboda", "", "Město Příbram, odbor sociálních věcí", "zadavatel", "člen", "svoboda@pribram.eu", P),
    ("Ing.", "Karel", "Čermák", "", "Senior klub Příbram, z. s.", "uživatel", "člen", "", P),
    ("", "Eva", "Cibulková", "DiS.", "Domov pro seniory Příbram", "poskytovatel", "člen", "cibulkova@dps.cz", E),
    ("", "Tomáš", "Chalupa", "", "Spolek <Naděje> & přátelé", "veřejnost", "člen", "chalupa@nadeje.cz", P),
    ("Bc.", "Lucie", "Hrubá", "", "Pečovatelská služba Příbram", "poskytovatel", "zapisovatel", "hruba@ps.cz", P),
    ("", "Zdeněk", "Žák", "", "", "uživatel", "člen", "zak@seznam.cz", A),
    ("PhDr.", "Marie", "Řeháková", "Ph.D.", "Oblastní charita", "poskytovatel", "člen", "rehakova@och.cz", P),
    ("", "Adam", "Novák", "", "Centrum pro zdravotně postižené", "poskytovatel", "člen", "novak@czp.cz", P),
]


def person(row) -> PersonLine:
    before, first, last, after, org, triad, role, email, state = row
    name = " ".join(x for x in (before, first, last) if x) + (f", {after}" if after else "")
    return PersonLine(name=name, sort_key=czech_key(f"{last} {first}"), organisation=org, triad_role=triad,
                      role=role, email=email, voting=True, attendance=state)


def czech_ordered_names() -> list[str]:
    return [p.name for p in sorted((person(r) for r in MEMBERS), key=lambda p: p.sort_key)]


LONG_DISCUSSION = "\n\n".join(
    f"Odstavec {n}: členové skupiny probrali výsledky dotazníkového šetření mezi seniory v obcích "
    "ORP Příbram. Z odpovědí vyplývá, že nejvíce chybí odlehčovací služba a doprava k lékaři; "
    "zástupce města doplnil, že v rozpočtu na rok 2027 je s navýšením počítáno. " * 2
    for n in range(1, 9))


def sample_document(strip: Strip | None = None, minutes_text: str = "", members=MEMBERS) -> MeetingDocument:
    people = tuple(sorted((person(r) for r in members), key=lambda p: p.sort_key))
    old_task = TaskLine("Zjistit zájem obcí o odlehčovací službu", "Mgr. Jana Šťastná", dt.date(2026, 10, 31),
                        TaskState.ONGOING, origin="2/2026", origin_date=dt.date(2026, 6, 10))
    done_task = TaskLine("Aktualizovat leták pro seniory", "Charita Příbram", dt.date(2026, 9, 30),
                         TaskState.DONE, origin="2/2026", origin_date=dt.date(2026, 6, 10))
    return MeetingDocument(
        meeting_id=42, group_name="Senioři", group_short_name="PS Senioři", number=3, year=2026,
        date=dt.date(2026, 12, 15), starts_at="09:00", ends_at="11:30",
        place="Zasedací místnost č. 12, MěÚ Příbram, Tyršova 108", state=MeetingState.HELD,
        chair="Mgr. Jana Šťastná", minute_taker="Bc. Lucie Hrubá", verifiers=("Petr Svoboda",),
        excuse_to="Bc. Lucie Hrubá, tel. 318 402 244, hruba@ps.cz", excuse_by=dt.date(2026, 12, 11),
        minutes_text=minutes_text, members=people,
        guests=(PersonLine("Ing. Alena Veselá", czech_key("Veselá Alena"), "Krajský úřad", role="host",
                           attendance=P),),
        agenda=(
            AgendaLine("Kontrola úkolů z minulých jednání", "Mgr. Jana Šťastná", 15, is_task_review=True),
            AgendaLine("Výsledky dotazníku potřeb seniorů", "Petr Svoboda", 40, notes=LONG_DISCUSSION,
                       resolutions=(ResolutionLine(
                           "PS Senioři 3/2026/1", "Pracovní skupina bere na vědomí výsledky dotazníku a "
                           "doporučuje zařadit odlehčovací službu do akčního plánu 2027.", 7, 0, 1, True,
                           "Hlasování: pro 7, proti 0, zdržel se 1 – usnesení bylo přijato."),),
                       tasks=(TaskLine("Připravit návrh opatření pro akční plán 2027", "Petr Svoboda",
                                       dt.date(2027, 1, 31)),)),
            AgendaLine("Různé", notes="Příští jednání se uskuteční v únoru."),
        ),
        reviews=(ReviewLine(old_task, TaskState.ONGOING, "přesunuto na únor"), ReviewLine(done_task, TaskState.DONE)),
        quorum_sentence="Přítomno 7 z 9 členů s hlasovacím právem, skupina je usnášeníschopná.", has_quorum=True,
        next_meeting=NextMeeting(dt.date(2027, 2, 16), "09:00", "MěÚ Příbram"), strip=strip,
        office=OfficeDetails(town="Město Příbram", department="Odbor sociálních věcí", email="socialni@pribram.eu"),
    )


def sample_tasks(made_on: dt.date = dt.date(2026, 11, 30)):
    from printing.meetings.data import TaskOverview

    tasks = (
        TaskLine("Zjistit zájem obcí o odlehčovací službu", "Mgr. Jana Šťastná", dt.date(2026, 10, 31),
                 TaskState.OPEN, note="Obce odpověděly jen zčásti.", group="Senioři", origin="2/2026",
                 origin_date=dt.date(2026, 6, 10), history=("3/2026: otevřený", "4/2026: otevřený"), overdue=True),
        TaskLine("Aktualizovat leták pro seniory", "Charita Příbram", dt.date(2026, 9, 30), TaskState.DONE,
                 closed_on=dt.date(2026, 9, 20), group="Senioři", origin="2/2026", origin_date=dt.date(2026, 6, 10)),
        TaskLine(LONG_DISCUSSION, "Petr Svoboda", dt.date(2027, 1, 31), group="Rodina, děti a mládež", origin="1/2026",
                 origin_date=dt.date(2026, 3, 1)),
        TaskLine("Oslovit <Spolek> & přátele", "Tomáš Chalupa", dt.date(2026, 11, 15), group="Osoby v krizi",
                 origin="3/2026", origin_date=dt.date(2026, 9, 1), overdue=True),
    )
    return TaskOverview("Přehled úkolů", "všechny skupiny", tasks, made_on,
                        office=OfficeDetails(town="Město Příbram"))


def sample_resolutions(made_on: dt.date = dt.date(2026, 11, 30)):
    from printing.meetings.data import ResolutionRegister, ResolutionRow

    rows = (
        ResolutionRow("Senioři", "1/2026", dt.date(2026, 3, 3), "PS Senioři 1/2026/1",
                      "Pracovní skupina schvaluje plán jednání na rok 2026.", 8, 0, 0, True),
        ResolutionRow("Senioři", "3/2026", dt.date(2026, 12, 15), "PS Senioři 3/2026/1", LONG_DISCUSSION, 3, 4, 1, False),
        ResolutionRow("Osoby v krizi", "2/2026", dt.date(2026, 5, 5), "PS Krize 2/2026/1",
                      "Skupina doporučuje navýšit kapacitu azylového domu.", None, None, None, None),
    )
    return ResolutionRegister("Evidence usnesení", "všechny skupiny; rok 2026", rows, made_on)
