"""The documents of working-group meetings (issue 13): invitation, attendance sheet, minutes, task
overview and resolution register, plus the invitation's .ics and .eml.

`data` collects what is printed from the database into plain dataclasses; every builder takes such
data and an output path and returns nothing Qt (the CLI and the preview dialog call them alike).
"""
