"""Entry point of the frozen app (PyInstaller): the same as the ``pennylane-importer`` script."""

from app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
