"""The visitor's address as the one trusted reverse proxy saw it (TANDEM_BEHIND_PROXY)."""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest


def forwarded_client_ip(request: HttpRequest) -> str | None:
    """The rightmost X-Forwarded-For address: the one our proxy added.

    Addresses further left come from the visitor and can be made up, so they are never
    trusted. Without a readable header the connecting address is used.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    rightmost = forwarded.rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(rightmost))
    except ValueError:
        return request.META.get("REMOTE_ADDR")
