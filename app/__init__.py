"""Pennylane Importer: get invoice PDFs into Pennylane.

The version lives here and only here (pyproject reads it, so do the installers).
"""

__version__ = "0.1.0"
APP_NAME = "Pennylane Importer"
APP_ID = "pennylane-importer"
