"""What a phone page must get right (issue 21), measured in the browser at 360×740.

``PAGE_CHECK`` runs in the page and returns plain data; ``problems`` turns it into readable failures:

- no sideways scroll of the page (``scrollWidth <= clientWidth``);
- no text cut off: no element that hides overflowing text (``overflow: hidden/clip`` or an ellipsis) with
  more content than room, apart from the visually-hidden helper texts of screen readers;
- tap targets at least 44 px high (and wide) for links and buttons in the main content, apart from links
  inside a sentence (WCAG 2.5.8's inline exception);
- the page's main action, when it has one, visible without scrolling: the element marked
  ``data-main-action`` (``includes/jump_to_actions.html`` on long record pages), else the first primary
  button; for a form with fields, the start of the form.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

MIN_TARGET = 44
VIEWPORT = {"width": 360, "height": 740}

PAGE_CHECK = Path(__file__).with_name("phone_checks.js").read_text(encoding="utf-8")
PAGE_CHECK = PAGE_CHECK.replace("__MIN__", str(MIN_TARGET))


def problems(measured: dict[str, Any]) -> list[str]:
    """Readable failures of one page's measurements (empty when the page is right)."""
    found = []
    if measured["scrollWidth"] > measured["clientWidth"]:
        widest = measured.get("widest") or "?"
        found.append(f"sideways scroll: {measured['scrollWidth']} px wide in {measured['clientWidth']} px ({widest})")
    found.extend(f"text cut off: {item}" for item in measured["cut"])
    found.extend(f"tap target under {MIN_TARGET} px: {item}" for item in measured["small"])
    action = measured["mainAction"]
    limit = measured["viewportHeight"]
    if action is not None and (action["top"] + MIN_TARGET > limit if action["isForm"] else action["bottom"] > limit):
        where = round(action["top"] if action["isForm"] else action["bottom"])
        found.append(f"main action below the fold ({where} px): {action['label']}")
    return found


SERIOUS = ("serious", "critical")


def serious_violations(response: dict[str, Any]) -> list[str]:
    """axe-core violations of serious or critical impact, one line each with the first offending node."""
    return [
        f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): "
        f"{violation['nodes'][0]['target'] if violation['nodes'] else ''}"
        for violation in response["violations"]
        if violation.get("impact") in SERIOUS
    ]
