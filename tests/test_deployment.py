"""Start-up as an operator sees it: a generated local secret, a clean production deploy check."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

import tandem.settings
from tests.conftest import PASSWORD


def _tandem(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # A fresh operator's shell: none of the test run's own settings (the browser tests, for
    # one, allow synchronous database calls from async code).
    ignored = ("SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(
        [sys.executable, "-m", "tandem", *args],
        env={**clean, "DJANGO_SETTINGS_MODULE": "tandem.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_generates_and_keeps_a_secret_key_in_the_data_directory(tmp_path):
    first = _tandem("manage", "check", env={"TANDEM_DATA_DIR": str(tmp_path)})
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    key = key_file.read_text()
    assert len(key) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    _tandem("manage", "check", env={"TANDEM_DATA_DIR": str(tmp_path)})
    assert key_file.read_text() == key


def test_it_passes_the_deploy_check_in_the_documented_production_configuration(tmp_path):
    result = _tandem(
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "TANDEM_DATA_DIR": str(tmp_path),
            "SECRET_KEY": "x" * 20 + "production-secret-with-enough-entropy-1234567890",
            "TANDEM_HTTPS": "true",
            "ALLOWED_HOSTS": "tandem.example.com",
            "EMAIL_HOST": "smtp.example.com",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_a_debug_value_it_cannot_read(tmp_path):
    result = _tandem("version", env={"TANDEM_DATA_DIR": str(tmp_path), "DEBUG": "yes"})
    assert result.returncode == 0  # the version needs no settings
    result = _tandem("manage", "check", env={"TANDEM_DATA_DIR": str(tmp_path), "DEBUG": "yes"})
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def _settings_behind_a_proxy(tmp_path, monkeypatch) -> dict:
    """The settings an operator gets with TANDEM_BEHIND_PROXY=true, read from settings.py."""
    monkeypatch.setenv("TANDEM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TANDEM_BEHIND_PROXY", "true")
    computed = runpy.run_path(str(Path(tandem.settings.__file__)))
    names = ("SECURE_PROXY_SSL_HEADER", "AXES_CLIENT_IP_CALLABLE")
    return {name: computed.get(name) for name in names}


def _login_through_the_proxy(forwarded_for: str, password: str):
    # The proxy itself always connects from one address and appends the visitor's.
    return Client(REMOTE_ADDR="10.0.0.2").post(
        reverse("login"),
        {"username": "alice@example.com", "password": password},
        headers={"X-Forwarded-For": forwarded_for},
    )


def test_it_does_not_lock_everyone_out_behind_a_proxy(tmp_path, monkeypatch, settings, alice):
    for name, value in _settings_behind_a_proxy(tmp_path, monkeypatch).items():
        setattr(settings, name, value)
    for _ in range(5):
        _login_through_the_proxy("203.0.113.9", "a stranger's guess")
    assert _login_through_the_proxy("203.0.113.9", PASSWORD).status_code == 429

    # Alice, at home, is not the stranger, even if the stranger claims to be her.
    response = _login_through_the_proxy("198.51.100.7", PASSWORD)

    assert response.status_code == 302
    for _ in range(5):
        _login_through_the_proxy("198.51.100.7, 203.0.113.9", "a stranger's guess")
    assert _login_through_the_proxy("198.51.100.7", PASSWORD).status_code == 302
