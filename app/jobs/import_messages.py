"""What the import pipeline tells a person when a document stops (French and English). Qt-free.

The verification's own sentences (an invoice gone, amounts other than those sent) live with the
verification, in :mod:`app.jobs.lookups`.
"""

from __future__ import annotations

from app.domain.text import Text


FILE_GONE = Text(
    "Le fichier « {name} » est introuvable ou illisible : remettez-le à sa place ({path}) ou "
    "déposez-le à nouveau.",
    'The file "{name}" is missing or unreadable: put it back ({path}) or drop it again.',
)
FILE_CHANGED = Text(
    "Le fichier « {name} » a changé depuis sa lecture : déposez-le à nouveau.",
    'The file "{name}" changed since it was read: drop it again.',
)
INVALID_BODY = Text(
    "La facture est incomplète ou invalide : {details}. Complétez-la puis réessayez.",
    "The invoice is incomplete or invalid: {details}. Complete it and try again.",
)
LOOKUP_FAILED = Text(
    "La facture a été envoyée mais Pennylane n'a pas confirmé sa création, et la vérification n'a "
    "pas abouti ({details}). Rien ne sera renvoyé sans vérifier d'abord (référence externe "
    "« {ref} ») : réessayez quand Pennylane répond.",
    "The invoice was sent but Pennylane did not confirm it, and the check could not be made "
    "({details}). Nothing will be sent again without checking first (external reference "
    '"{ref}"): try again when Pennylane answers.',
)
STILL_UNKNOWN = Text(
    "Pennylane n'a pas répondu à l'import et la facture est introuvable pour l'instant (référence "
    "externe « {ref} »). Réessayez dans quelques minutes : l'application vérifiera avant de renvoyer.",
    "Pennylane did not answer the import and the invoice cannot be found yet (external reference "
    '"{ref}"). Try again in a few minutes: the app will check before sending again.',
)
COUNTERPART_GONE = Text(
    "Le fichier a été renvoyé et Pennylane ne trouve toujours pas un élément de la facture : le "
    "fournisseur ou le client choisi a sans doute été supprimé. Choisissez-le à nouveau.",
    "The file was sent again and Pennylane still cannot find something the invoice names: the "
    "chosen supplier or customer was probably deleted. Choose it again.",
)
SAME_FILE_STILL_THERE = Text(
    "Ce fichier est déjà la facture n° {id} dans Pennylane. Pour l'importer à nouveau, supprimez "
    "d'abord cette facture dans Pennylane.",
    "This file is already invoice #{id} in Pennylane. To import it again, first delete that "
    "invoice in Pennylane.",
)
HELD = Text(
    "Ce document est en cours d'import par une autre fenêtre ou un autre programme ({owner}, "
    "depuis cet ordinateur ou un autre). Il n'est pas envoyé une seconde fois : attendez la fin de "
    "cet import, puis réessayez si besoin.",
    "This document is being imported by another window or program ({owner}, on this computer or "
    "another). It is not sent a second time: wait for that import to finish, then try again if needed.",
)
HELD_SAME_INVOICE = Text(
    "Une autre fenêtre ou un autre programme ({owner}) importe en ce moment la même facture (même tiers, "
    "même numéro) depuis un autre fichier. Attendez la fin de cet import : cette facture sera alors "
    "signalée comme doublon.",
    "Another window or program ({owner}) is importing the same invoice (same counterpart, same "
    "number) from another file right now. Wait for that import to finish: this invoice will then be "
    "reported as a duplicate.",
)
INTERNAL = Text(
    "Erreur interne de l'application ({details}). Signalez-la ; la facture n'a pas été envoyée "
    "deux fois.",
    "Internal error in the app ({details}). Please report it; the invoice was not sent twice.",
)
CANCELLED_REASON = Text("Annulé.", "Cancelled.")


def short(exc: BaseException) -> str:
    """An error's message on one line, at most 300 characters (for a person's message)."""
    text = str(exc).strip().replace("\n", " ")
    return (text[:300] + "…") if len(text) > 300 else text or type(exc).__name__
