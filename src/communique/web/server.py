"""Running the app: the host check and uvicorn (``communique serve``).

Owns: :func:`check_host` (a server reachable from other machines must demand a token) and
:func:`serve` (uvicorn over :func:`~communique.web.app.create_app`; Ctrl-C stops it cleanly).
Must not: print; the CLI says where the server listens.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import quote

from ..errors import Code, UsageError


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, token: str | None) -> None:
    """Raise E950 when ``host`` faces a network and no token guards it."""
    if not token and not is_loopback(host):
        raise UsageError(Code.E950, host=host)


def url(host: str, port: int, token: str | None = None) -> str:
    """The address to open; with a token, the one-time URL that sets the token cookie."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={quote(token)}" if token else "")


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve the dashboard until interrupted (uvicorn handles Ctrl-C and finishes open requests)."""
    import uvicorn

    from .app import create_app

    check_host(host, token)
    uvicorn.run(create_app(db_path, token), host=host, port=port, log_level="warning", server_header=False)
