from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from tandem.lib.env import env_bool, env_int, env_list, env_str


@pytest.mark.parametrize("raw", ["1", "true", "True", "ON", " on "])
def test_it_reads_true(monkeypatch, raw):
    monkeypatch.setenv("DEBUG", raw)

    assert env_bool("DEBUG", False) is True


@pytest.mark.parametrize("raw", ["0", "false", "FALSE", "off", ""])
def test_it_reads_false(monkeypatch, raw):
    monkeypatch.setenv("DEBUG", raw)

    assert env_bool("DEBUG", True) is False


@pytest.mark.parametrize("raw", ["yes", "no", "y", "enabled", "2"])
def test_it_rejects_a_flag_it_would_have_to_guess(monkeypatch, raw):
    monkeypatch.setenv("DEBUG", raw)

    with pytest.raises(ImproperlyConfigured) as error:
        env_bool("DEBUG", False)

    assert str(error.value) == f"DEBUG must be one of true/false/1/0/on/off, not {raw!r}"


def test_it_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.delenv("EMAIL_PORT", raising=False)
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)

    assert env_bool("DEBUG", True) is True
    assert env_int("EMAIL_PORT", 587) == 587
    assert env_list("ALLOWED_HOSTS", ["localhost"]) == ["localhost"]
    assert env_str("SITE_URL", "http://127.0.0.1:8000") == "http://127.0.0.1:8000"


def test_it_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "2525")

    assert env_int("EMAIL_PORT", 587) == 2525


def test_it_uses_the_default_for_an_empty_number(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "  ")

    assert env_int("EMAIL_PORT", 587) == 587


@pytest.mark.parametrize("raw", ["five", "25.5", "587tcp"])
def test_it_rejects_a_number_that_is_not_whole(monkeypatch, raw):
    monkeypatch.setenv("EMAIL_PORT", raw)

    with pytest.raises(
        ImproperlyConfigured, match=rf"EMAIL_PORT must be a whole number, not '{raw}'"
    ):
        env_int("EMAIL_PORT", 587)


def test_it_splits_a_list_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " tandem.example , ,localhost,")

    assert env_list("ALLOWED_HOSTS", []) == ["tandem.example", "localhost"]


def test_it_reads_an_empty_list_as_empty(monkeypatch):
    monkeypatch.setenv("CSRF_TRUSTED_ORIGINS", "")

    assert env_list("CSRF_TRUSTED_ORIGINS", ["https://default.example"]) == []
