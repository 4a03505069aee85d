"""Záložka Pracovní skupiny: groups, their members, meetings, tasks and resolutions."""
