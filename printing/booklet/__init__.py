"""The printed booklet „Přehled poskytovatelů sociálních služeb“.

`data` collects what is printed from the database, `options` holds the clerk's choices (stored in
the database), `builder` sets the pages with ReportLab, `imposition` places A5 pages on A4 sheets.
"""
from printing.booklet.builder import BuildCancelled, BuildResult, build_booklet, plan_chapters

__all__ = ["BuildCancelled", "BuildResult", "build_booklet", "plan_chapters"]
