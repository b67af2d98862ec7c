"""Command line entry point: ``pennylane-importer``.

Without a subcommand it opens the window (``--demo``: against the built-in stand-in;
``--self-test``: build the window, spin the event loop once, print the start-up time).
Subcommands live next to what they drive and are imported only when used, so start-up stays
light. Each subcommand module exposes ``configure(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

from app import APP_NAME, __version__

# subcommand -> (module, one-line help). Modules are imported lazily.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "standin": ("app.standin.cli", "run the local stand-in of the Pennylane API"),
    "inspect": ("app.pdf.cli", "read PDFs and print what was found (JSON lines)"),
    "import": ("app.jobs.cli", "import invoice PDFs into Pennylane"),
    "remember": ("app.jobs.memory_cli", "teach the memory of a supplier/customer: FILE --set field=value …"),
    "recall": ("app.jobs.memory_cli", "read PDFs with the memory of their supplier/customer applied"),
    "rules": ("app.jobs.memory_cli", "list, forget, export or import what is remembered (per company)"),
    "login": ("app.pennylane.cli_auth", "sign in and store the credentials in the OS keyring"),
    "logout": ("app.pennylane.cli_auth", "sign out and delete the stored credentials"),
}


def _window_parser(language: str = "en") -> argparse.ArgumentParser:
    from app.cli_fr import translate

    tr = translate if language == "fr" else (lambda text: text)
    parser = argparse.ArgumentParser(
        prog="pennylane-importer",
        description=f"{APP_NAME}: import invoice PDFs into Pennylane.",
        epilog=tr("subcommands") + ": "
        + "; ".join(f"{name} ({tr(text)})" for name, (_, text) in SUBCOMMANDS.items()),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the window against the built-in stand-in")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="build the main window, run the event loop once, print 'self-test ok' and exit",
    )
    parser.add_argument("files", nargs="*", help="PDF files or folders to open")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    from app.cli_fr import translate_parser

    translate_parser(parser, language)
    return parser


DEBUG_HELP = "log everything (to the log file and stderr), for a bug report"


def _logs(debug: bool) -> None:
    """The log file in the OS's log folder (rotated), warnings on stderr, secrets redacted."""
    from app.logs import configure

    configure(debug=debug)


def _language() -> str:
    """The person's language (settings, else the system locale), set for every message below."""
    from app.domain.text import choose_language, current_language, set_language

    try:
        from app.config import load_settings

        chosen = load_settings().language
    except Exception:  # noqa: BLE001 - unreadable settings: the system locale decides
        chosen = None
    set_language(choose_language(chosen))
    language = current_language()
    from app.cli_fr import install

    install()  # argparse's own words ("usage:", "options"...) too
    return language


def _run_command(module: object, args: argparse.Namespace, name: str) -> int:
    """Run a subcommand; what a person cannot act on (a traceback) never reaches the terminal:
    Ctrl+C ends quietly (130), a closed pipe (``| head``) quietly, anything unexpected in one
    bilingual line (the details go to the log)."""
    from app.domain.text import Text

    try:
        return int(module.run(args) or 0)  # type: ignore[attr-defined]
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        import os

        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no complaint at exit
        except OSError:
            pass
        return 0
    except Exception as exc:  # noqa: BLE001 - the last resort of the command line
        import logging

        logging.getLogger("app.cli").exception("pennylane-importer %s failed", name)
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        text = Text(
            f"erreur inattendue ({type(exc).__name__} : {detail}). Réessayez ; si elle revient, "
            "signalez-la avec le journal de l'application.",
            f"unexpected error ({type(exc).__name__}: {detail}). Try again; if it happens again, "
            "report it with the application's log.",
        )
        print(f"pennylane-importer {name}: {text}", file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    argv = list(sys.argv[1:] if argv is None else argv)
    language = _language()  # before parsing: --help and usage errors in the person's language
    if argv and argv[0] in SUBCOMMANDS:
        name = argv[0]
        module_name, help_text = SUBCOMMANDS[name]
        parser = argparse.ArgumentParser(prog=f"pennylane-importer {name}", description=help_text)
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            print(f"pennylane-importer: '{name}' is not available in this build", file=sys.stderr)
            return 2
        module.configure(parser, name)
        parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
        from app.cli_fr import translate_parser

        translate_parser(parser, language)
        args = parser.parse_args(argv[1:])
        args.command = name
        _logs(args.debug)
        return _run_command(module, args, name)

    args = _window_parser(language).parse_args(argv)
    _logs(args.debug)
    from app.ui.application import run_window  # Qt is imported only for the window

    return run_window(demo=args.demo, self_test=args.self_test, files=args.files, started=started)


if __name__ == "__main__":
    raise SystemExit(main())
