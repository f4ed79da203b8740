"""The Python API: `validator.check` over dicts, with their line numbers, and a non-dict reported."""
import pytest
from conftest import GOOD

from validator import check

pytestmark = pytest.mark.usefixtures("isolated_cwd")


def test_python_api_over_dicts():
    findings = check([GOOD, dict(GOOD, id="x", title=""), "not a dict"], select=["schema", "input"])
    assert [(f.rule, f.line) for f in findings] == [("missing-title", 2), ("not-an-object", 3)]
