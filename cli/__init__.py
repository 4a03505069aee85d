"""Command line of Komunitní plán: `main.py SUBCOMMAND`, or no subcommand for the window."""
