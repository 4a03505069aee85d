"""Qt Widgets user interface of Komunitní plán."""
