"""The investigator's page in a real headless Chromium (Debian's, driven by Playwright):
search → entity → diagram → flag evidence, a big network capped and expanded, a contract
page, and the review of possible matches. The diagram of a generated holder with a trust and
a cycle in its chain is saved as a screenshot."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from api.app import create_app
from ingest.ledger import Ledger
from ingest.resolve import judgements
from registry.apikeys import Role, new_key
from registry.diagram import diagram_of
from registry.model import EdgeRole
from registry.queries import contract_of
from registry.settings import Settings
from tests.support.api_workspace import PLANTED_TRUST, ApiWorkspace
from tests.support.paths import in_ci

try:
    from playwright import sync_api as playwright_api
    from playwright.sync_api import Browser, Page
except ImportError:  # pragma: no cover - the dev extra installs it
    if in_ci():
        raise
    pytest.skip("playwright is not installed", allow_module_level=True)

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
#: Debian's chromium; Playwright's own browser download is never used.
CHROMIUM_NAMES = ("chromium", "chromium-browser")


def _chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    message = "no chromium on PATH (apt-get install chromium; `make test` installs it)"
    if in_ci():
        pytest.fail(f"CI needs a real browser: {message}")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class Served:
    url: str
    settings: Settings
    analyst_key: str


@pytest.fixture(scope="module")
def served(
    api_workspace: ApiWorkspace, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The API and page on a free port, over a copy of the workspace (judgements change
    its ledger), with an analyst key configured and anonymous reading on."""
    key, record = new_key("analyst-key", Role.ANALYST)
    copy = api_workspace.copy(tmp_path_factory.mktemp("browser") / "ws")
    settings = Settings(workspace=copy.workspace, api_keys=[record], api_anonymous_read=True)
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the API did not start")
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{port}", settings, key)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = _chromium()
    with playwright_api.sync_playwright() as play:
        launched = play.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # A laptop screen.
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield opened
    finally:
        context.close()
    assert errors == [], errors


def test_search_entity_diagram_and_flag_evidence(
    served: Served, page: Page, api_workspace: ApiWorkspace, tmp_path: Path
) -> None:
    p = page
    p.goto(served.url + "/")
    name = api_workspace.holder_name
    p.fill("[data-testid=search-input]", name.split(",")[0][:14])
    suggestion = p.locator("[data-testid=suggestion]", has_text=name)
    suggestion.first.wait_for()
    suggestion.first.click()
    p.wait_for_selector("[data-testid=entity-name]")
    assert name in p.inner_text("[data-testid=entity-name]")
    assert "MX-RFC:" in p.inner_text("[data-testid=identifiers]")
    diagram = p.locator("[data-testid=diagram]")
    diagram.wait_for()
    trust = diagram.locator("[data-testid=diagram-node][data-kind=trust]")
    assert PLANTED_TRUST[:20] in str(trust.first.text_content())
    assert diagram.locator("[data-testid=diagram-node].cycle").count() >= 2
    assert diagram.locator("[data-testid=diagram-edge].cycle").count() >= 2
    labels = diagram.locator("[data-testid=edge-label]").all_text_contents()
    assert "25 %" in labels  # the trust's share, on its edge
    assert diagram.locator("[data-testid=diagram-node][data-kind=hydrocarbon_contract]").count()
    # Tall enough that the whole diagram, down to the contract, is in the picture.
    p.set_viewport_size({"width": 1366, "height": 1400})
    shot = tmp_path / "holder-diagram.png"
    p.locator("[data-testid=diagram-card]").screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(shot, ARTIFACTS / "holder-diagram.png")
    # Flag evidence: the planted trust has no beneficiary on record.
    flag = p.locator("[data-testid=flag]", has_text="TRUST_OPAQUE")
    flag.first.click()
    evidence = p.locator("[data-testid=evidence]").first
    evidence.wait_for()
    assert "bo-declarations-planted.csv" in evidence.inner_text()
    # Owners with their effective ranges.
    rows = p.locator("[data-testid=owner-row]").all_inner_texts()
    assert any(PLANTED_TRUST[:20] in r and "25 %" in r for r in rows)


def test_expand_on_click_and_capped_networks(
    served: Served, page: Page, api_workspace: ApiWorkspace
) -> None:
    p = page
    # The biggest holder of mining titles: capped, with the number left out on an
    # "and N more" pill.
    store = api_workspace.store()
    held = Counter(e.source for e in store.iter_edges({EdgeRole.HOLDING}))
    survivor = held.most_common(1)[0][0]
    hidden = next(
        n.more_holdings for n in diagram_of(store, survivor, depth=3).nodes if n.id == survivor
    )
    assert hidden > 50
    p.goto(f"{served.url}/ui/#/entity/{survivor}")
    more = p.locator(
        f"[data-testid=diagram-more][data-id='{survivor}']", has_text=f"and {hidden} more"
    )
    more.wait_for()
    count = "document.querySelectorAll('[data-testid=diagram-node]').length"
    before = p.evaluate(count)
    # A click on the node expands it; the pill then counts what is still left out.
    p.locator(f"[data-testid=diagram-node][data-id='{survivor}']").click()
    p.wait_for_function(f"{count} > {before}")
    after = p.evaluate(count)
    left = p.locator(f"[data-testid=diagram-more][data-id='{survivor}']")
    assert int(str(left.text_content()).split()[1]) == hidden - (after - before)
    left.click()
    p.wait_for_function(f"{count} > {after}")


def test_contract_page_lists_holders_and_owners(
    served: Served, page: Page, api_workspace: ApiWorkspace
) -> None:
    p = page
    contract = next(
        n
        for n in diagram_of(api_workspace.store(), api_workspace.holder, depth=1).nodes
        if n.kind.value == "hydrocarbon_contract"
    )
    p.goto(f"{served.url}/ui/#/contract/{contract.name}")
    p.wait_for_selector("[data-testid=contract-name]")
    assert contract.name in p.inner_text("[data-testid=contract-name]")
    expected = next(
        h
        for h in contract_of(api_workspace.store(), contract.name).holders
        if h.id == api_workspace.holder
    )
    holders = p.locator("[data-testid=holder]").all_inner_texts()
    shown = next(h for h in holders if api_workspace.holder_name in h)
    assert expected.owners
    for owner in expected.owners:
        assert owner.name in shown


def test_review_flow_needs_an_analyst_key(served: Served, page: Page) -> None:
    p = page
    p.goto(f"{served.url}/ui/#/review")
    row = p.locator("[data-testid=match-row]").first
    row.wait_for()
    row.locator("[data-testid=judge-different]").click()
    refused = row.locator("[data-testid=outcome]")
    refused.locator("[data-testid=error]").wait_for()
    assert "analyst" in refused.inner_text()
    p.click("[data-testid=who]")
    p.fill("[data-testid=api-key]", served.analyst_key)
    p.click("[data-testid=save-key]")
    p.locator("[data-testid=who]", has_text="analyst-key").wait_for()
    row = p.locator("[data-testid=match-row]").first
    row.wait_for()
    names = row.locator("td").nth(0).inner_text()
    row.locator("[data-testid=judge-different]").click()
    outcome = row.locator("[data-testid=outcome]")
    outcome.filter(has_text="judged different by analyst-key").wait_for()
    with Ledger(served.settings.ledger_path) as ledger:
        last = judgements(ledger)[-1]
    assert (last.verdict, last.by) == ("different", "analyst-key")
    # The judged pair is gone from the list of pairs awaiting review.
    p.reload()
    p.locator("[data-testid=match-row]").first.wait_for()
    first = p.locator("[data-testid=match-row]").first.locator("td").nth(0).inner_text()
    assert first != names
