"""The systemd unit README gives for the service is one an administrator can paste and start.

systemd treats `#` as a comment only at the start of a line: a comment after a value becomes part of
the value (an EnvironmentFile path that names no file, so the service never starts).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.crawl_helpers import ROOT

README = (ROOT / "README.md").read_text()


def units() -> list[str]:
    operations = README[README.index("## Operations") :]
    return re.findall(r"```ini\n(.*?)```", operations, re.S)


def test_the_service_and_serve_have_units():
    starts = [re.search(r"^ExecStart=(.*)$", unit, re.M).group(1) for unit in units()]
    assert starts == [
        "/opt/fundwatch/.venv/bin/fundwatch run",
        "/opt/fundwatch/.venv/bin/fundwatch serve --host 127.0.0.1 --port 8001",
    ]


@pytest.mark.parametrize("unit", units(), ids=["run", "serve"])
def test_no_value_carries_an_inline_comment(unit):
    settings = [
        line
        for line in unit.splitlines()
        if "=" in line and not line.lstrip().startswith(("#", ";"))
    ]
    assert settings, "the unit should have settings"
    assert [line for line in settings if re.search(r"\s[#;]", line)] == []


@pytest.mark.parametrize("unit", units(), ids=["run", "serve"])
def test_the_unit_asks_for_the_network_it_waits_for(unit):
    assert "After=network-online.target" in unit
    assert "Wants=network-online.target" in unit  # After= alone orders, but pulls nothing in


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
@pytest.mark.parametrize("unit", units(), ids=["run", "serve"])
def test_systemd_analyze_verifies_the_unit(tmp_path, unit):
    # The unit names /opt/fundwatch: point it at this checkout's venv, which make has built
    unit = unit.replace("/opt/fundwatch", str(ROOT))
    path = tmp_path / "fundwatch.service"
    path.write_text(unit)
    result = subprocess.run(
        ["systemd-analyze", "verify", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "fundwatch.service" not in result.stderr, result.stderr
