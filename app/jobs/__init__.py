"""The import pipeline and its crash-safe SQLite journal. Qt-free."""
