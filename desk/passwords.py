"""Staff passwords: scrypt (stdlib hashlib) with a random salt per password.

scrypt is memory-hard, so guessing on GPUs is expensive; the parameters are stored with each
hash so they can be raised later without invalidating existing accounts.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# n=2**14, r=8: 16 MiB and about 50 ms per check on one core, the usual interactive setting.
N, R, P = 2 ** 14, 8, 1
SALT_BYTES, KEY_BYTES = 16, 32
MIN_LENGTH = 10


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES,
                          maxmem=256 * 1024 * 1024)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(_derive(password, salt, N, R, P))}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = _derive(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    # compare_digest: the time taken must not reveal how many leading bytes matched.
    return hmac.compare_digest(actual, base64.b64decode(expected))


# Spent on unknown user names so that a login attempt takes as long whether the name exists
# or not (otherwise the response time lists the staff accounts).
DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


def password_problem(password: str) -> str:
    """Empty when acceptable, otherwise what is wrong."""
    if len(password) < MIN_LENGTH:
        return f"the password needs at least {MIN_LENGTH} characters"
    if len(password) > 1024:
        return "the password is longer than 1024 characters"
    return ""
