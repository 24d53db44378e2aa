"""The one error config reading raises: every problem found, each phrased for a person."""

from __future__ import annotations


class ConfigError(Exception):
    """One or more problems in the config files, each naming the file, the entry and the field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))
