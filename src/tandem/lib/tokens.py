"""Secret tokens that are shown once and stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets


def new_token(prefix: str) -> str:
    # 32 random bytes: unguessable; the prefix tells a leaked token's kind at a glance.
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
