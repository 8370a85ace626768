"""The house of docs/architecture.md holds: the import-linter contracts of pyproject.toml are
kept (and would catch an import pointing up a layer), and pages stay widgets: they reach the
data through domain and views, never the pipeline or the database connection."""
import ast
import os
from pathlib import Path

import grimp
import pytest
from importlinter.application.use_cases import read_user_options
from importlinter.configuration import configure
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

PROJECT = Path(__file__).resolve().parents[2]
FORBIDDEN_IN_PAGES = ("santecarte.pipeline", "santecarte.core.db", "duckdb")


@pytest.fixture(scope="module")
def contracts() -> list:
    """The contracts of pyproject.toml, as import-linter reads them."""
    configure()
    here = os.getcwd()
    os.chdir(PROJECT)
    try:
        options = read_user_options()
    finally:
        os.chdir(here)
    kinds = {"layers": LayersContract, "forbidden": ForbiddenContract}
    return [kinds[c.pop("type")](c.pop("name"), options.session_options, c)
            for c in [dict(c) for c in options.contracts_options]]


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("santecarte", include_external_packages=True)


def test_the_layer_contracts_are_kept(contracts, graph):
    assert len(contracts) == 3
    broken = [c.name for c in contracts if not c.check(graph, verbose=False).kept]
    assert not broken, f"contrats import-linter rompus : {broken} (`lint-imports` montre les chaînes)"


@pytest.mark.parametrize("importer, imported", [
    ("santecarte.domain.profile", "santecarte.views.charts"),          # domain drawing a chart
    ("santecarte.pipeline.build", "santecarte.domain.travel"),         # the build reading the app's caches
    ("santecarte.accessibility.engine", "santecarte.core.db"),         # the engine reading the database
    ("santecarte.domain.cpts", "plotly.graph_objects"),                # a chart library below views
])
def test_an_import_up_a_layer_is_caught(contracts, importer, imported):
    wrong = grimp.build_graph("santecarte", include_external_packages=True)
    wrong.add_import(importer=importer, imported=imported)
    assert [c.name for c in contracts if not c.check(wrong, verbose=False).kept]


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


@pytest.mark.parametrize("page", ["app.py"] + sorted(f"pages/{p.name}" for p in (PROJECT / "pages").glob("*.py")))
def test_pages_are_widgets_only(page):
    reached = sorted(m for m in _imports(PROJECT / page) if m.startswith(FORBIDDEN_IN_PAGES))
    assert not reached, f"{page} importe {reached} : passer par santecarte.domain ou santecarte.views"
