"""Working groups, their members and meetings: agenda, attendance, resolutions and tasks."""
