"""``communique serve``: the host check and the refusals, before anything listens."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from communique.cli.main import app
from communique.errors import UsageError
from communique.web import server

runner = CliRunner()


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_needs_no_token(host):
    assert server.is_loopback(host)
    server.check_host(host, None)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.org", "::"])
def test_a_host_facing_a_network_needs_a_token(host):
    with pytest.raises(UsageError, match="E950"):
        server.check_host(host, None)
    server.check_host(host, "s3cret")


def test_serve_refuses_a_network_host_without_a_token(tmp_path):
    done = runner.invoke(app, ["serve", "--db", str(tmp_path / "x.duckdb"), "--host", "0.0.0.0"])
    assert done.exit_code == 2 and "[E950]" in done.output and "--token" in done.output


def test_serve_refuses_a_missing_database(tmp_path):
    done = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert done.exit_code == 1 and "[E201]" in done.output


def test_the_printed_url_carries_the_token_once():
    assert server.url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert server.url("::1", 8000, "a b") == "http://[::1]:8000/?token=a%20b"
