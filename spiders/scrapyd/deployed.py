"""The config a node crawls with: the folder deployed in the egg beside the code.

The egg carries sources.yaml, tags.yaml and settings.yaml in a package of their own (BUNDLE), not in
`config`: Scrapyd puts an egg after the installed packages on the path, so an installed fundwatch's
`config` would win over the deployed one. subscriptions.yaml is never deployed: who is subscribed
where stays on the repository's machine.
"""

from __future__ import annotations

import atexit
import importlib.resources
import shutil
import tempfile
from functools import cache
from pathlib import Path

from config.loader import config_dir

BUNDLE = "fundwatch_deployed_config"
FILES = ("sources.yaml", "tags.yaml", "settings.yaml")


@cache
def node_config_dir() -> Path:
    """The deployed config, copied out of the egg (a zip the YAML loader cannot read in place);
    without an egg (a spider run by hand), FUNDWATCH_CONFIG or ./config, as everywhere."""
    try:
        bundle = importlib.resources.files(BUNDLE)
    except ModuleNotFoundError:
        return config_dir()
    folder = Path(tempfile.mkdtemp(prefix="fundwatch-config-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for name in FILES:
        entry = bundle / name
        if entry.is_file():
            (folder / name).write_bytes(entry.read_bytes())
    return folder
