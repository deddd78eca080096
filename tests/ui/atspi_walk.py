"""Test-only AT-SPI walker for tests/ui/test_atspi.py, run with the OS's /usr/bin/python3.

pyatspi comes from Debian (python3-pyatspi), not PyPI, so this runs outside the venv and
imports nothing from Integrate. For each "walk" line on stdin it prints one line of JSON:
the application named argv[1] as a screen reader sees it (role, name, description,
focusable/showing/enabled), descending only into what is showing, as Orca does.
"""

from __future__ import annotations

import json
import sys

import pyatspi
from gi.repository import GLib

MAX_DEPTH = 60
# Controls whose AT-SPI name may be their value: Orca then speaks the label they point to.
LABELLED_ROLES = {"combo box", "spin button", "slider", "text", "entry"}


def _labels(acc) -> list[dict]:
    """The labels `acc` is labelled by (a QLabel's buddy, a group box's title in Qt)."""
    names = []
    for relation in acc.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            for index in range(relation.getNTargets()):
                target = relation.getTarget(index)
                if target is not None:
                    names.append({"role": target.getRoleName(), "name": target.name or ""})
    return names


def _node(acc, depth: int) -> dict:
    states = acc.getState()
    node_role = acc.getRoleName()
    node = {
        "role": node_role,
        "name": acc.name or "",
        "description": acc.description or "",
        "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        "showing": states.contains(pyatspi.STATE_SHOWING),
        "enabled": states.contains(pyatspi.STATE_ENABLED),
        "labelled_by": _labels(acc) if node_role in LABELLED_ROLES else [],
        "children": [],
    }
    if depth < MAX_DEPTH:
        for index in range(acc.childCount):
            child = acc.getChildAtIndex(index)
            if child is None:
                continue
            try:
                if not child.getState().contains(pyatspi.STATE_SHOWING):
                    continue
                node["children"].append(_node(child, depth + 1))
            except GLib.Error:  # a widget deleted while we read: it is gone, skip it
                continue
    return node


def walk(app_name: str, *, fresh: bool) -> dict | None:
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and app.name == app_name:
            if fresh:
                app.clear_cache()  # libatspi: drop what it cached for this app
            return _node(app, 0)
    return None


def listen(seconds: float) -> list[dict]:
    """Announcements and description changes the app sends during `seconds`."""
    heard: list[dict] = []

    def hear(event) -> None:
        source = event.source
        heard.append(
            {
                "type": event.type,
                "source": (source.name or "") if source is not None else "",
                "text": event.any_data if isinstance(event.any_data, str) else "",
            }
        )

    names = ("object:announcement", "object:property-change:accessible-description")
    pyatspi.Registry.registerEventListener(hear, *names)
    loop = GLib.MainLoop()
    GLib.timeout_add(int(seconds * 1000), loop.quit)
    loop.run()
    pyatspi.Registry.deregisterEventListener(hear, *names)
    return heard


def main() -> int:
    # "walk" reads what libatspi keeps up to date from the app's events, as Orca does;
    # "walk fresh" drops that cache first.
    for line in sys.stdin:
        words = line.split()
        if words[:1] == ["listen"]:
            print(json.dumps(listen(float(words[1]))), flush=True)
            continue
        if words[:1] != ["walk"]:
            continue
        print(json.dumps(walk(sys.argv[1], fresh="fresh" in words)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
