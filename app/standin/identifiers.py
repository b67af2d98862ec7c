"""French company identifiers for the seed: SIREN/SIRET (Luhn), FR VAT numbers, IBANs (mod 97).

Kept here (not imported from the client or the domain) so the stand-in checks the client's
arithmetic independently.
"""

from __future__ import annotations

import random
import string


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def luhn_complete(prefix: str) -> str:
    """Append the digit that makes ``prefix + digit`` pass Luhn."""
    for digit in "0123456789":
        if luhn_ok(prefix + digit):
            return prefix + digit
    raise AssertionError("unreachable")


def siren_ok(siren: str) -> bool:
    return len(siren) == 9 and luhn_ok(siren)


def siret_ok(siret: str) -> bool:
    return len(siret) == 14 and luhn_ok(siret)


def vat_key(siren: str) -> int:
    return (12 + 3 * (int(siren) % 97)) % 97


def fr_vat_number(siren: str) -> str:
    return f"FR{vat_key(siren):02d}{siren}"


def fr_vat_ok(vat: str) -> bool:
    return (
        len(vat) == 13
        and vat.startswith("FR")
        and vat[2:].isdigit()
        and siren_ok(vat[4:])
        and int(vat[2:4]) == vat_key(vat[4:])
    )


def _iban_digits(text: str) -> str:
    return "".join(str(int(c, 36)) for c in text)


def iban_ok(iban: str) -> bool:
    iban = iban.replace(" ", "").upper()
    if len(iban) < 15 or not iban[:2].isalpha() or not iban[2:4].isdigit():
        return False
    return int(_iban_digits(iban[4:] + iban[:4])) % 97 == 1


def _rib_letter_value(char: str) -> str:
    if char.isdigit():
        return char
    # French RIB: A..I → 1..9, J..R → 1..9, S..Z → 2..9
    if "A" <= char <= "I":
        return str(ord(char) - ord("A") + 1)
    if "J" <= char <= "R":
        return str(ord(char) - ord("J") + 1)
    return str(ord(char) - ord("S") + 2)


def fr_iban(bank: str, branch: str, account: str) -> str:
    """A French IBAN from bank (5), branch (5) and account (11) codes, with RIB key and check digits."""
    account_digits = "".join(_rib_letter_value(c) for c in account)
    key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account_digits)) % 97
    bban = f"{bank}{branch}{account}{key:02d}"
    check = 98 - int(_iban_digits(bban + "FR00")) % 97
    return f"FR{check:02d}{bban}"


def random_siren(rng: random.Random) -> str:
    while True:
        prefix = str(rng.randint(30_000_000, 99_999_999))
        siren = luhn_complete(prefix)
        if siren_ok(siren):
            return siren


def siret_for(siren: str, nic_prefix: str = "0001") -> str:
    return luhn_complete(siren + nic_prefix)


def random_iban(rng: random.Random) -> str:
    bank = f"{rng.randint(10000, 30099):05d}"
    branch = f"{rng.randint(0, 99999):05d}"
    account = "".join(rng.choice(string.digits) for _ in range(11))
    return fr_iban(bank, branch, account)
