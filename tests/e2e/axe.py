"""axe-core (installed from npm by scripts/system-deps) run inside a page, and its findings as readable text."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")  # what the issue forbids; "moderate" and "minor" are reported, not failed

RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary })),
  }));
}"""


def axe_violations(page: Page) -> list[dict]:
    """Every violation axe finds in the page as it is now (each with its rule, impact and offending elements)."""
    if not AXE.exists():  # CI must notice a missing checker, not pass without it
        pytest.fail(f"{AXE} is missing: run scripts/system-deps (it runs `npm ci` in tests/e2e)", pytrace=False)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=AXE)
    return page.evaluate(RUN_AXE)


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def described(violations: list[dict]) -> str:
    """One paragraph per rule: what it wants, where it failed, and axe's own hint for each element."""
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}\n      {node['html'][:300]}")
            lines.extend(f"      {hint}" for hint in (node["summary"] or "").splitlines())
    return "\n".join(lines)
