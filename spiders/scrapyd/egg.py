"""Build the egg Scrapyd runs: `python -m spiders.scrapyd.egg [--config DIR] OUTPUT.egg`.

Then deploy it with scrapyd-client, to a target in scrapy.cfg: `scrapyd-deploy --egg OUTPUT.egg`.
(Plain `scrapyd-deploy` would write a setup.py into the project and build with it, which fails
beside pyproject.toml; this builds from a copy, in a temporary folder, and leaves the tree alone.)

The egg holds the packages a crawl needs (config, spiders, storage) and the config folder the nodes
crawl with (see deployed.py), and names spiders/scrapyd/settings.py as the project's settings.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from config.loader import config_dir, load_sources
from config.settings import VERSION
from spiders.custom import spider_file_check
from spiders.scrapyd.deployed import BUNDLE, FILES

PROJECT = Path(__file__).resolve().parents[2]
PACKAGES = ("config", "spiders", "storage")
SETUP = """
from setuptools import find_packages, setup
setup(
    name="fundwatch-spiders",
    version={version!r},
    packages=find_packages(include=[{packages}]),
    package_data={{{bundle!r}: ["*.yaml"]}},
    entry_points={{"scrapy": ["settings = spiders.scrapyd.settings"]}},
    zip_safe=True,
)
"""
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc")  # bdist_egg takes modules, not snapshots


def build_egg(output: Path, *, config: Path | None = None) -> Path:
    """Write the egg to `output`; the config folder (default: FUNDWATCH_CONFIG or ./config) is
    checked first, so a node is never sent sources it cannot read."""
    folder = config_dir(config)
    load_sources(
        folder, checks=(spider_file_check,)
    )  # ConfigError, naming file, entry and field, before anything is built
    with tempfile.TemporaryDirectory(prefix="fundwatch-egg-") as scratch:
        root = Path(scratch)
        for package in PACKAGES:
            shutil.copytree(PROJECT / package, root / package, ignore=SKIP)
        bundle = root / BUNDLE
        bundle.mkdir()
        (bundle / "__init__.py").write_text('"""The config deployed with this egg."""\n')
        for name in FILES:
            if (folder / name).is_file():
                shutil.copy(folder / name, bundle / name)
        packages = ", ".join(repr(f"{p}*") for p in (*PACKAGES, BUNDLE))
        (root / "setup.py").write_text(
            SETUP.format(version=VERSION, packages=packages, bundle=BUNDLE)
        )
        dist = root / "dist"
        built = subprocess.run(
            [sys.executable, "setup.py", "-q", "bdist_egg", "--dist-dir", str(dist)],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        eggs = sorted(dist.glob("*.egg"))
        if built.returncode or not eggs:
            raise RuntimeError(f"building the egg failed:\n{built.stdout}{built.stderr}")
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(eggs[0], output)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spiders.scrapyd.egg", description=__doc__)
    parser.add_argument(
        "output", type=Path, help="where to write the egg, e.g. build/fundwatch.egg"
    )
    parser.add_argument("--config", type=Path, help="config folder to deploy (default ./config)")
    args = parser.parse_args(argv)
    egg = build_egg(args.output, config=args.config)
    print(f"wrote {egg}; deploy it with: scrapyd-deploy [TARGET] --egg {egg}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
