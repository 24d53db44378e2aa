"""`fundwatch serve`: the browsable repository, Datasette over the repository file, read-only.

Datasette and uvicorn are imported here, so only `serve` pays for them (the command starts
answering in about 0.7 s on the 2-core reference machine).
"""

from __future__ import annotations

import signal

import click
import uvicorn

from notifier.commands.context import Context, pass_context
from notifier.web.app import make_datasette
from notifier.web.listen import CannotListen, listening_socket, url_host
from storage.db import repository_file
from storage.web_queries import readable_live

# Datasette opens the file as an SQLite URI without quoting it: these would change its meaning.
URI_CHARACTERS = "?#%"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8001, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option(
    "--allow-sql",
    is_flag=True,
    help="Let visitors run their own read-only SQL queries (off by default).",
)
@pass_context
def serve(context: Context, host: str, port: int, allow_sql: bool) -> None:
    """The browsable repository in Datasette: search, filter and share funding calls.

    Serves the repository read-only at http://HOST:PORT/ (127.0.0.1:8001 by default): a search
    page, filters people think in (topic, funder, status, can councils apply, kind of notice,
    source, closing month), a page per call with its sources and history, ready-made lists, and each team's and
    each topic's Atom feed and ICS calendar at stable URLs under /-/feeds. Crawls may write to the
    repository meanwhile. Ctrl-C stops it.
    """
    config = context.config()
    db = context.db(readonly=True)  # one clear line if the repository is missing or unusable
    path = repository_file(db)
    db.close()
    if path is None or any(ch in str(path) for ch in URI_CHARACTERS):
        raise click.ClickException(
            f"cannot serve {path}: move the repository to a path without {URI_CHARACTERS!r}"
        )
    try:
        sock = listening_socket(host, port)
    except CannotListen as error:
        raise click.ClickException(str(error)) from None
    live = readable_live(path)
    datasette = make_datasette(path, config, allow_sql=allow_sql, live=live, follow_edits=True)
    mode = "read-only" if live else "read-only, as an immutable file (read-only mount)"
    click.echo(f"fundwatch: serving {path} ({mode}) at http://{url_host(host)}:{port}/", err=True)
    click.echo(f"  custom SQL is {'ON' if allow_sql else 'off'}; Ctrl-C stops", err=True)
    server = uvicorn.Server(
        uvicorn.Config(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
    )
    stopped_by = run_until_stopped(server, sock)
    if stopped_by is not None:
        click.echo(f"fundwatch serve: stopped by {stopped_by}", err=True)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def run_until_stopped(server: uvicorn.Server, sock) -> str | None:
    """Serve until SIGTERM or Ctrl-C; the signal's name, or None. A stop is serve's normal end
    (exit 0, as `run`'s is): uvicorn shuts down gracefully, then raises the signal again once it
    has put back the handlers it found, which made Ctrl-C "Aborted!" with exit 1 and a service
    manager's SIGTERM a death by signal. The handlers it finds are these, which note the signal
    (and, before uvicorn has its own in place, ask the server to stop)."""
    received: list[int] = []

    def note(signum, frame) -> None:
        received.append(signum)
        server.handle_exit(signum, frame)

    before = {signum: signal.signal(signum, note) for signum in STOP_SIGNALS}
    try:
        server.run(sockets=[sock])
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    return signal.Signals(received[0]).name if received else None
