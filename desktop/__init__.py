"""Qt Widgets user interface of Komunitní plán."""
from desktop.qt_workarounds import pin_singletons

# Before any widget exists: every Qt call from then on is safe (see qt_workarounds).
pin_singletons()
