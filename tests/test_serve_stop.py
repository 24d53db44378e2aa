"""`fundwatch serve` stopped by SIGTERM (a service manager) or Ctrl-C: its normal end, exit 0.

uvicorn shuts down gracefully and then raises the signal again, so Ctrl-C printed "Aborted!" and
exited 1 ("something needs a look", README's exit codes) and SIGTERM ended the process by the
signal (143). Now both stop it cleanly, say so in one line and exit 0, as `fundwatch run` does.
The real command, on loopback.
"""

from __future__ import annotations

import signal
import subprocess
import time
import urllib.request

import pytest

from tests.crawl_helpers import ROOT, fundwatch_command, fundwatch_env
from tests.smtp_server import free_port
from tests.web_helpers import make_site


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_ends_serve_cleanly(tmp_path, stop):
    _, db_path, _ = make_site(tmp_path)
    config = tmp_path / "config"
    port = free_port()
    process = subprocess.Popen(
        [*fundwatch_command(config=config, db=db_path), "serve", "--port", str(port)],
        cwd=ROOT,
        env=fundwatch_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(150):  # until it answers (it starts in about a second)
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                assert process.poll() is None, process.communicate()
                time.sleep(0.2)
        process.send_signal(stop)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert f"fundwatch serve: stopped by {stop.name}" in err
    assert "Aborted" not in err and "Traceback" not in err
