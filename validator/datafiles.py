"""The data files that ship beside the code (each folder's `data/`, with the sources of its
tables): tab-separated rows, with `#` comment lines and blank lines skipped."""
from __future__ import annotations

from importlib.resources import files


def read(package: str, name: str) -> str:
    """The text of `name` in the `data` folder of `package`."""
    return files(package).joinpath("data", name).read_text(encoding="utf-8")


def rows(text: str) -> list[list[str]]:
    """The tab-separated rows of a table's text."""
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def table(package: str, name: str) -> list[list[str]]:
    """The rows of the table `name` in the `data` folder of `package`."""
    return rows(read(package, name))
