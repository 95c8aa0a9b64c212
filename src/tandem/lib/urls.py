from __future__ import annotations


def local_path(target: str | None, fallback: str = "") -> str:
    """`target` when it is a path on this site, else `fallback`: no open redirects."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return fallback
