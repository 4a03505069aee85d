"""Core of Komunitní plán: data model, storage, imports and exports. Knows nothing of Qt."""
