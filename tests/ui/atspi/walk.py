"""Walk the AT-SPI tree of one application, as a screen reader sees it.

Run with Debian's /usr/bin/python3 (pyatspi is an OS package, not on PyPI):
    /usr/bin/python3 walk.py APP_NAME OUT.json
Writes a JSON list of the showing nodes, in tree order: role, name, description,
whether focusable, and the path of child indexes. Plain standard library otherwise.
"""

from __future__ import annotations

import json
import sys

import pyatspi  # type: ignore[import-not-found]

MAX_NODES = 4000
MAX_CHILDREN = 60  # long lists and tables: the first rows say enough


def find_app(name: str):  # noqa: ANN201
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == name:
            return app
    return None


def walk(node, path, out) -> None:  # noqa: ANN001
    if len(out) >= MAX_NODES or node is None:
        return
    try:
        states = node.getState()
        showing = states.contains(pyatspi.STATE_SHOWING)
        if not showing and path:
            return
        out.append(
            {
                "path": path,
                "role": node.getRoleName(),
                "name": node.name or "",
                "description": node.description or "",
                "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
                "enabled": states.contains(pyatspi.STATE_ENABLED),
            }
        )
        for i in range(min(node.childCount, MAX_CHILDREN)):
            walk(node.getChildAtIndex(i), [*path, i], out)
    except Exception as exc:  # noqa: BLE001 - a node that went away mid-walk
        out.append({"path": path, "role": "error", "name": str(exc)[:80]})


def main() -> int:
    app = find_app(sys.argv[1])
    nodes: list[dict] = []
    if app is not None:
        walk(app, [], nodes)
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump(nodes if app is not None else {"error": "not on the bus"}, handle)
    return 0 if app is not None else 1


if __name__ == "__main__":
    sys.exit(main())
