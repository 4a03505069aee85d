"""Qt Widgets user interface of Komunitní plán."""
from desktop.qt_workarounds import pin_bool_singletons

pin_bool_singletons()
