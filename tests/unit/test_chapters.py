"""The chapters' notebooks as learners get them: committed without outputs, and no code cell holds
a check or an answer key (the claims are checked by tests/unit/claims, against the text)."""
import json

import pytest

from support.course_pages import CHECK_OR_KEY, ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_no_code_cell_holds_an_assert_or_an_answer_key(notebook):
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            code = "".join(cell["source"])
            assert not CHECK_OR_KEY.search(code), f"{notebook.name}: {code[:200]!r}"
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{notebook.name}: saved outputs"
