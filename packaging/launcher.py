"""Entry point of the frozen app (PyInstaller): the same as the ``pennylane-importer`` script."""

import multiprocessing

if __name__ == "__main__":
    # PDFs are read in spawned worker processes (app/ui/reading_processes.py): in a frozen app a
    # spawned child re-runs this executable, and freeze_support() turns it into the worker.
    multiprocessing.freeze_support()
    from app.cli import main

    raise SystemExit(main())
