"""werkzeug's routing redirects never send a request's Host back."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_redirects_never_name_the_requests_host(client: FlaskClient) -> None:
    # As a server hands it over: the test client would read '//v1' as a host.
    doubled = {"PATH_INFO": "//v1//signs"}
    response = client.get("/?x=1", headers={"Host": "evil.example"}, environ_overrides=doubled)
    assert response.status_code == 308
    assert response.headers["Location"] == "/v1/signs?x=1"
    assert not response.data
