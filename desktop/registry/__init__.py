"""Import z registru MPSV: the dialog, its territory tree and preview tabs. Entry point: run_registry_import."""
