"""French for the command line's ``--help`` and argparse's own messages.

The subcommands write their help in English (``configure(parser)``); under a French locale (or
language setting) :func:`translate_parser` replaces each help text, description and epilog by its
French from :data:`HELP_FR`, and :func:`install` makes argparse's own words ("usage:", "options",
"the following arguments are required") French. ``tests/test_cli.py`` fails on a help text of any
subcommand that has no French here.
"""

from __future__ import annotations

import argparse
from typing import Callable

# argparse's own messages (Python 3.11–3.13 wording)
ARGPARSE_FR: dict[str, str] = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments positionnels",
    "options": "options",
    "optional arguments": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (parmi %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "expected one argument": "un argument attendu",
    "expected at least one argument": "au moins un argument attendu",
    "expected at most one argument": "au plus un argument attendu",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
}

HELP_FR: dict[str, str] = {
    "Pennylane Importer: import invoice PDFs into Pennylane.":
        "Pennylane Importer : importer des factures PDF dans Pennylane.",
    "open the window against the built-in stand-in": "ouvrir la fenêtre sur le simulateur intégré de Pennylane",
    "build the main window, run the event loop once, print 'self-test ok' and exit":
        "construire la fenêtre, faire un tour de boucle, afficher « self-test ok » et quitter",
    "PDF files or folders to open": "fichiers PDF ou dossiers à ouvrir",
    "run the local stand-in of the Pennylane API": "lancer le simulateur local de l'API Pennylane",
    "TCP port on 127.0.0.1 (default: any free port)": "port TCP sur 127.0.0.1 (par défaut : un port libre)",
    "requests per window per token (default 25/5; 'off' disables)":
        "requêtes par fenêtre et par jeton (25/5 par défaut ; « off » désactive)",
    "seconds added to every API request": "secondes ajoutées à chaque requête de l'API",
    "share of API requests answered 500": "part des requêtes de l'API qui reçoivent une erreur 500",
    "seed of the fault injection": "graine de l'injection de pannes",
    "uploaded files expire after this many seconds unless used (an import then gets 404)":
        "les fichiers envoyés expirent après ce nombre de secondes s'ils ne servent pas (un import reçoit alors 404)",
    "read PDFs and print what was found (JSON lines)": "lire des PDF et afficher ce qui a été trouvé (lignes JSON)",
    "PDF files or folders (searched recursively)": "fichiers PDF ou dossiers (parcourus récursivement)",
    "one JSON object per file per line": "un objet JSON par fichier et par ligne",
    "always extract the first pages' text (and show it)": "toujours extraire le texte des premières pages (et l'afficher)",
    "import invoice PDFs into Pennylane": "importer des factures PDF dans Pennylane",
    "supplier (purchase) or customer (sales) invoices; auto (default): from each document, the company "
    "being its buyer (purchase) or its seller (sale)":
        "factures fournisseur (achat) ou client (vente) ; auto (par défaut) : d'après chaque document, selon "
        "que la société en est l'acheteur (achat) ou le vendeur (vente)",
    "Pennylane supplier/customer id for every file (default: matched automatically)":
        "identifiant Pennylane du fournisseur ou du client pour tous les fichiers (par défaut : trouvé automatiquement)",
    "company id (default: the token's company)": "identifiant de la société (par défaut : celle du jeton)",
    "check everything, send nothing": "tout vérifier, ne rien envoyer",
    "import even the files that look like duplicates (explicit choice)":
        "importer même les fichiers qui ressemblent à des doublons (choix explicite)",
    "import the files that carry a warning (a supplier IBAN that differs from the one known in Pennylane, "
    "a kind that contradicts the document...); without it they are held, with their reason":
        "importer les fichiers qui portent un avertissement (IBAN du fournisseur différent de celui connu dans "
        "Pennylane, type contraire au document…) ; sans cette option ils sont retenus, avec leur raison",
    "auto (default): a Factur-X file Pennylane can read (BASIC, EN 16931, EXTENDED) goes through its e-invoice "
    "import (one request: the file; Pennylane reads the XML), the others through the regular import (upload + "
    "import); import / e_invoice: that route for every file":
        "auto (par défaut) : un Factur-X que Pennylane sait lire (BASIC, EN 16931, EXTENDED) passe par son import "
        "de factures électroniques (une requête : le fichier ; Pennylane lit le XML), les autres par l'import "
        "classique (envoi du fichier + import) ; import / e_invoice : cette voie pour tous les fichiers",
    "a document that prints no due date is due on receipt (its invoice date); without this option your usual "
    "payment terms (Preferences) give it, and without those such a document is not imported, and says why":
        "un document qui n’imprime pas d’échéance est payable à réception (à sa date de facture) ; sans cette "
        "option, vos conditions de paiement habituelles (Préférences) la donnent, et sans elles un tel document "
        "n’est pas importé, et la raison est donnée",
    "also resume the files a previous run left unfinished (from the journal)":
        "reprendre aussi les fichiers qu'une exécution précédente a laissés inachevés (d'après le journal)",
    "parallel workers (default 3: they hide each request's latency; the rate limit is shared)":
        "envois en parallèle (3 par défaut : ils masquent l'attente de chaque requête ; la limite de débit est "
        "partagée)",
    "teach the memory of a supplier/customer: FILE --set field=value …":
        "apprendre à la mémoire d'un fournisseur ou d'un client : FICHIER --set champ=valeur …",
    "company id (default: the company last signed in)":
        "identifiant de la société (par défaut : la dernière connectée)",
    "JSON output": "sortie en JSON",
    "the PDF": "le PDF",
    "a corrected value (repeatable)": "une valeur corrigée (répétable)",
    "purchase or sale (default: as remembered, else supplier)":
        "achat ou vente (par défaut : comme mémorisé, sinon fournisseur)",
    "read PDFs with the memory of their supplier/customer applied":
        "lire des PDF en appliquant la mémoire de leur fournisseur ou client",
    "PDF files or folders": "fichiers PDF ou dossiers",
    "list, forget, export or import what is remembered (per company)":
        "lister, oublier, exporter ou importer ce qui est mémorisé (par société)",
    "forget this counterpart (its key)": "oublier ce tiers (sa clé)",
    "with --forget: forget only this field": "avec --forget : n'oublier que ce champ",
    "write the rules to a JSON file": "écrire les règles dans un fichier JSON",
    "read rules from a JSON file (merged; --replace to replace them all)":
        "lire des règles depuis un fichier JSON (fusionnées ; --replace pour toutes les remplacer)",
    "sign in and store the credentials in the OS keyring":
        "se connecter et garder les identifiants dans le trousseau du système",
    "Sign in to Pennylane and keep the credentials in the OS keyring. With --token-stdin, read a company "
    "API token (Pennylane: Settings → Connectivity → Developers) from standard input; otherwise sign in "
    "with OAuth in the browser.":
        "Se connecter à Pennylane et garder les identifiants dans le trousseau du système. Avec --token-stdin, "
        "lire un jeton d'API de la société (Pennylane : Paramètres → Connectivité → Développeurs) sur l'entrée "
        "standard ; sinon, se connecter avec OAuth dans le navigateur.",
    "read a company API token from standard input, check it and store it":
        "lire un jeton d'API de la société sur l'entrée standard, le vérifier et le garder",
    "OAuth: print the sign-in URL instead of opening the browser":
        "OAuth : afficher l'adresse de connexion au lieu d'ouvrir le navigateur",
    "OAuth: seconds to wait for the browser (default 300)":
        "OAuth : secondes d'attente du navigateur (300 par défaut)",
    "API base URL (default: PENNYLANE_API_URL or the settings)":
        "adresse de base de l'API (par défaut : PENNYLANE_API_URL ou les réglages)",
    "sign out and delete the stored credentials": "se déconnecter et supprimer les identifiants gardés",
    "Sign out: revoke the OAuth sign-in, delete the keyring entry, forget the company.":
        "Se déconnecter : révoquer la connexion OAuth, supprimer l'entrée du trousseau, oublier la société.",
    "company id (default: the current company)": "identifiant de la société (par défaut : la société courante)",
    "subcommands": "sous-commandes",
    "log everything (to the log file and stderr), for a bug report":
        "tout journaliser (dans le fichier journal et sur la sortie d'erreur), pour signaler un problème",
}


def translate(text: str) -> str:
    """French for ``text`` when there is one, else ``text``."""
    return HELP_FR.get(text) or ARGPARSE_FR.get(text) or text


def install() -> None:
    """argparse's own messages in the current language (``argparse`` looks ``_`` up at each
    message; the language is the one of :mod:`app.domain.text` at that moment)."""
    if getattr(argparse, "_original_gettext", None) is not None:
        return
    from app.domain.text import current_language

    original: Callable[[str], str] = argparse._  # type: ignore[attr-defined]
    argparse._original_gettext = original  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        if current_language() == "fr":
            return ARGPARSE_FR.get(message) or original(message)
        return original(message)

    argparse._ = gettext  # type: ignore[attr-defined]


def translate_parser(parser: argparse.ArgumentParser, language: str) -> None:
    """Help texts, description and epilog of ``parser`` in ``language`` (French or as written)."""
    if language != "fr":
        return
    if parser.description:
        parser.description = translate(parser.description)
    if parser.epilog:
        parser.epilog = translate(parser.epilog)
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            action.help = translate(action.help)
