"""Every data file the code reads is shipped in the installed package, not only in the checkout."""
import fnmatch
import tomllib

from conftest import ROOT


def test_every_data_file_is_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]
    for package in ("validator", "rules"):
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts:
                relative = path.relative_to(ROOT / package).as_posix()
                assert any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(relative, p.replace("**/", ""))
                           for p in patterns.get(package, [])), f"{package}/{relative} is not package data"
