"""The Poskytovatelé tab: the directory of providers and their services."""
