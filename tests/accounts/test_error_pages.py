"""The pages for a missing page and for a crash: styled, with a way back."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views import defaults

from tests.conftest import logged_in


def test_it_shows_a_styled_not_found_page_with_a_way_home(alice):
    response = logged_in(alice).get("/no-such-page/")

    assert response.status_code == 404
    body = response.content.decode()
    assert "There is nothing here" in body
    assert 'href="/">Back to your partnerships</a>' in body
    assert "tandem/tandem.css" in body
    assert 'aria-label="Main"' in body


@pytest.mark.django_db
def test_it_offers_a_visitor_the_log_in_from_the_not_found_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert 'href="/login/">Log in to Tandem</a>' in response.content.decode()


def test_it_renders_the_server_error_page_with_no_request_and_no_database():
    # Django renders 500.html with an empty context, and the database may be what broke: this
    # test has no database (pytest-django refuses any query without the django_db mark).
    body = render_to_string("500.html")

    assert "Something went wrong on our side" in body
    assert '<link rel="stylesheet" href="/static/tandem/tandem.css">' in body
    assert 'href="/">Back to Tandem</a>' in body


def test_it_answers_a_crash_with_the_styled_page():
    response = defaults.server_error(RequestFactory().get("/p/1/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
