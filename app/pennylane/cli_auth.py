"""``pennylane-importer login`` / ``logout``: sign in from the command line (scripts).

    pennylane-importer login --token-stdin < token.txt   # a company API token, checked with GET /me
    pennylane-importer login [--no-browser]              # OAuth in the browser (partner builds)
    pennylane-importer logout [--company ID]             # revoke (OAuth), delete the keyring entry

Exit codes: 0 done, 1 failed (bad token, no keyring, network…), 2 usage.
``PENNYLANE_API_TOKEN`` is honoured by every command and never stored.
"""

from __future__ import annotations

import argparse
import sys
import webbrowser
from typing import Any, TextIO

from app.config import load_settings
from app.domain.text import Text, detect_language, set_language

OK, FAILED, USAGE = 0, 1, 2


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    if name == "login":
        parser.description = (
            "Sign in to Pennylane and keep the credentials in the OS keyring. With --token-stdin, read "
            "a company API token (Pennylane: Settings → Connectivity → Developers) from standard input; "
            "otherwise sign in with OAuth in the browser."
        )
        parser.add_argument("--token-stdin", action="store_true",
                            help="read a company API token from standard input, check it and store it")
        parser.add_argument("--no-browser", action="store_true",
                            help="OAuth: print the sign-in URL instead of opening the browser")
        parser.add_argument("--timeout", type=float, default=300.0,
                            help="OAuth: seconds to wait for the browser (default 300)")
        parser.add_argument("--api-url", default=None,
                            help="API base URL (default: PENNYLANE_API_URL or the settings)")
    else:
        parser.description = "Sign out: revoke the OAuth sign-in, delete the keyring entry, forget the company."
        parser.add_argument("--company", type=int, default=None, metavar="ID",
                            help="company id (default: the current company)")


def _say(text: Text, stream: TextIO | None = None) -> None:
    print(str(text), file=stream or sys.stdout)


def _err(text: Text) -> None:
    _say(text, sys.stderr)


def describe(me: Any) -> list[Text]:
    """Company, user, scopes, missing scopes and sandbox flag of a ``GET /me``, for people."""
    from app.pennylane.scopes import missing_scopes

    lines: list[Text] = []
    company = me.company
    name = company.name or f"#{company.id}"
    lines.append(Text(f"Société : {name} (id {company.id})", f"Company: {name} (id {company.id})"))
    if me.is_sandbox:
        lines.append(Text(
            f"Environnement de test (sandbox, {company.reg_no}) : les factures importées n'iront pas en "
            "comptabilité réelle.",
            f"Test environment (sandbox, {company.reg_no}): imported invoices will not reach the real books.",
        ))
    user = me.user
    if user is not None:
        who = " ".join(p for p in (user.first_name, user.last_name) if p) or "?"
        mail = f" <{user.email}>" if user.email else ""
        lines.append(Text(f"Utilisateur : {who}{mail}", f"User: {who}{mail}"))
    scopes = list(me.scopes or [])
    if scopes:
        joined = ", ".join(scopes)
        lines.append(Text(f"Autorisations : {joined}", f"Scopes: {joined}"))
        missing = missing_scopes(scopes)
        if missing:
            lst = ", ".join(missing)
            lines.append(Text(
                f"Attention : il manque à ce jeton {lst}. L'import échouera sans ces autorisations ; créez "
                "un jeton en lecture et écriture (Paramètres → Connectivité → Développeurs).",
                f"Warning: this token lacks {lst}. Importing will fail without them; create a read-and-write "
                "token (Settings → Connectivity → Developers).",
            ))
    else:
        lines.append(Text("Autorisations : non communiquées par Pennylane.", "Scopes: not reported by Pennylane."))
    return lines


def _save(company_id: int, secret: Any, me: Any) -> int:
    from app.pennylane import credentials

    try:
        credentials.store(company_id, secret)
    except credentials.KeyringUnavailable as exc:
        _err(exc.text)
        _err(Text(
            "En ligne de commande, une session n'existe pas au-delà de la commande : pour un script, "
            "passez plutôt le jeton dans la variable PENNYLANE_API_TOKEN (jamais enregistrée).",
            "On the command line a session ends with the command: for a script, pass the token in the "
            "PENNYLANE_API_TOKEN variable instead (never stored).",
        ))
        return FAILED
    credentials.remember_company(company_id, me.company.name or "", sandbox=me.is_sandbox)
    name = me.company.name or f"#{company_id}"
    _say(Text(
        f"Enregistré dans le trousseau du système. Société courante : {name}.",
        f"Saved in the system keyring. Current company: {name}.",
    ))
    return OK


def _login_token(args: argparse.Namespace) -> int:
    from app.pennylane.auth import StaticToken
    from app.pennylane.client import PennylaneClient
    from app.pennylane.credentials import Secret
    from app.pennylane.errors import PennylaneError, token_error_text
    from app.pennylane.logsafe import remember_secret

    raw = sys.stdin.read()
    token = StaticToken(raw).access_token()
    if not token or any(c.isspace() for c in token):
        _err(Text(
            "Aucun jeton lu sur l'entrée standard (attendu : le jeton seul, sur une ligne).",
            "No token read from standard input (expected: the token alone, on one line).",
        ))
        return USAGE
    remember_secret(token)
    base_url = args.api_url or load_settings().effective_api_url()
    try:
        with PennylaneClient(token, base_url) as client:
            me = client.me()
    except PennylaneError as exc:
        _err(Text("Jeton refusé ou Pennylane injoignable :", "Token refused or Pennylane unreachable:"))
        _err(token_error_text(exc, worked_before=False))  # a token being logged in with never worked yet
        return FAILED
    for line in describe(me):
        _say(line)
    return _save(me.company.id, Secret.token(token), me)


def _login_oauth(args: argparse.Namespace) -> int:
    from app.pennylane import oauth
    from app.pennylane.client import PennylaneClient
    from app.pennylane.credentials import Secret
    from app.pennylane.errors import PennylaneError

    config = oauth.OAuthConfig.load()
    if config is None:
        _err(Text(
            "La connexion OAuth n'est pas configurée dans cette installation (oauth.json dans le dossier de "
            "configuration, ou variables PENNYLANE_OAUTH_CLIENT_ID/_SECRET). Utilisez un jeton API : "
            "pennylane-importer login --token-stdin",
            "OAuth sign-in is not configured in this installation (oauth.json in the config folder, or "
            "PENNYLANE_OAUTH_CLIENT_ID/_SECRET variables). Use an API token: "
            "pennylane-importer login --token-stdin",
        ))
        return FAILED

    def open_browser(url: str) -> bool:
        if args.no_browser:
            _err(Text("Ouvrez cette adresse dans votre navigateur :", "Open this address in your browser:"))
            print(url, file=sys.stderr, flush=True)
            return True
        _err(Text("Connexion dans le navigateur… (si rien ne s'ouvre, allez à l'adresse ci-dessous)",
                  "Signing in in the browser… (if nothing opens, go to the address below)"))
        print(url, file=sys.stderr, flush=True)
        return webbrowser.open(url)

    try:
        pair = oauth.authorize(config, open_browser, args.timeout)
    except KeyboardInterrupt:
        _err(Text("Connexion annulée.", "Sign-in cancelled."))
        return FAILED
    except PennylaneError as exc:
        _err(exc.text)
        return FAILED
    base_url = args.api_url or load_settings().effective_api_url()
    try:
        with PennylaneClient(pair.access_token, base_url) as client:
            me = client.me()
    except PennylaneError as exc:
        _err(exc.text)
        return FAILED
    for line in describe(me):
        _say(line)
    if not pair.refresh_token:
        _err(Text("Pennylane n'a pas fourni de jeton de renouvellement.", "Pennylane returned no refresh token."))
        return FAILED
    code = _save(me.company.id, Secret.oauth(pair.refresh_token), me)
    if code != OK:  # not kept anywhere: do not leave a live grant behind
        try:
            oauth.revoke(config, pair.refresh_token)
        except PennylaneError:
            pass
    return code


def _logout(args: argparse.Namespace) -> int:
    from app.pennylane import credentials, oauth
    from app.pennylane.errors import PennylaneError

    settings = load_settings()
    company_id = args.company if args.company is not None else settings.current_company_id
    if company_id is None:
        if credentials.env_token() is not None:
            _say(Text("Le jeton vient de PENNYLANE_API_TOKEN : il n'est pas enregistré, rien à supprimer.",
                      "The token comes from PENNYLANE_API_TOKEN: it is not stored, nothing to delete."))
            return OK
        _err(Text("Aucune société connectée.", "No company is signed in."))
        return FAILED
    known = str(company_id) in settings.companies
    code = OK
    try:
        secret = credentials.load(company_id)
    except credentials.KeyringUnavailable as exc:
        _err(exc.text)
        secret, code = None, FAILED
    if secret is not None and secret.kind == "oauth":
        config = oauth.OAuthConfig.load()
        revoked = False
        if config is not None:
            try:
                revoked = oauth.revoke(config, secret.value)
            except PennylaneError as exc:
                _err(exc.text)
        if not revoked:
            _err(Text(
                "La révocation auprès de Pennylane n'a pas abouti ; l'accès est tout de même supprimé de cet "
                "ordinateur (vous pouvez le révoquer dans Pennylane).",
                "Revoking with Pennylane did not succeed; access is still removed from this computer (you can "
                "revoke it in Pennylane).",
            ))
    deleted = False
    try:
        deleted = credentials.delete(company_id)
    except credentials.KeyringUnavailable as exc:
        _err(exc.text)
        code = FAILED
    credentials.forget_company(company_id)
    if not known and not deleted and secret is None:
        _err(Text(f"Aucune connexion enregistrée pour la société {company_id}.",
                  f"No stored sign-in for company {company_id}."))
        return FAILED
    name = settings.companies.get(str(company_id)) or f"#{company_id}"
    _say(Text(f"Déconnecté de {name} : identifiants supprimés.", f"Signed out of {name}: credentials deleted."))
    return code


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    set_language(settings.language or detect_language())
    if args.command == "logout":
        return _logout(args)
    if args.token_stdin:
        return _login_token(args)
    return _login_oauth(args)
