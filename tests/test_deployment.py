"""Start-up as an operator sees it: a generated local secret, a clean production deploy check."""

from __future__ import annotations

import os
import subprocess
import sys


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
