"""A small JSON client for the `tandem` command: the standard library only, so it starts fast."""

from __future__ import annotations

import json
import os
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_SECONDS = 10


class ClientError(Exception):
    """One line for the person at the terminal."""


def config_path() -> Path:
    if override := os.environ.get("TANDEM_CONFIG"):
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("tandem", appauthor=False)) / "config.json"


@dataclass
class Config:
    server: str
    token: str
    partnership: int | None = None

    @classmethod
    def load(cls) -> Config:
        path = config_path()
        try:
            data = json.loads(path.read_text())
            return cls(data["server"], data["token"], data.get("partnership"))
        except FileNotFoundError:
            raise ClientError("Not logged in: run 'tandem login --server URL' first.") from None
        except (ValueError, KeyError):
            raise ClientError(f"{path} is damaged: run 'tandem login' again.") from None

    def save(self) -> Path:
        path = config_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.__dict__, indent=2))
        path.chmod(0o600)  # it holds a token
        return path


def request(
    server: str,
    method: str,
    path: str,
    body: dict | None = None,
    token: str | None = None,
    *,
    raw: bytes | None = None,
    content_type: str = "application/json",
):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(server.rstrip("/") + path, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", content_type)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_SECONDS) as response:
            payload = response.read()
    except urllib.error.HTTPError as error:
        raise ClientError(_reason(error)) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        raise ClientError(f"Cannot reach {server}: {reason}.") from None
    try:
        return json.loads(payload) if payload else None
    except ValueError:
        # Some other web server: a mistyped address, a proxy's log-in page.
        raise ClientError(f"{server} did not answer as Tandem does; check the address.") from None


def _reason(error: urllib.error.HTTPError) -> str:
    try:
        detail = json.loads(error.read()).get("detail")
    except (ValueError, AttributeError):
        detail = None
    if error.code == 401:
        return detail or "Your token is not valid any more: run 'tandem login' again."
    return (
        detail if isinstance(detail, str) else f"The server answered {error.code} {error.reason}."
    )


class Api:
    """The calls the command line makes, on the logged-in server."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def call(self, method: str, path: str, body: dict | None = None, **kwargs):
        return request(self.config.server, method, path, body, self.config.token, **kwargs)

    def upload(self, path: str, filename: str, data: bytes):
        """POST one file as multipart/form-data (the field is named "file")."""
        boundary = secrets.token_hex(16)
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: text/calendar\r\n\r\n"
        )
        body = head.encode() + data + f"\r\n--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
        return self.call("POST", path, raw=body, content_type=content_type)

    def partnership_id(self, chosen: int | None) -> int:
        if chosen is not None:
            return chosen
        if self.config.partnership is not None:
            return self.config.partnership
        raise ClientError("No partnership chosen: pass --partnership ID (see 'tandem login').")
