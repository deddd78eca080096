"""Extract translatable strings to translations/*.ts and build .qm files.

    python scripts/i18n.py update [--lang de]   # refresh translations/integrate_<lang>.ts
    python scripts/i18n.py release              # build resources/translations/*.qm
    python scripts/i18n.py check                # list strings that cannot be translated

Integrate's modules call a local `_tr(text)` that wraps
`QCoreApplication.translate("Context", text)`. pyside6-lupdate only sees direct
`translate(...)` calls, so this script first finds every `_tr("...")` with its module's
context and writes them as direct calls into a temporary shim that lupdate reads along
with the sources. lupdate keeps existing translations and marks vanished ones obsolete.
See docs/translating.md.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "src" / "integrate"
TS_DIR = ROOT / "translations"
QM_DIR = ROOT / "resources" / "translations"


MARKED = "# i18n: marked"  # on a `_tr(value)` line: value's texts are tr_noop-marked


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    where: str  # file:line


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found (it comes with PySide6: pip install PySide6-Essentials)")
    return found


def _translate_context(func: ast.FunctionDef) -> str | None:
    """ "Ctx" if `func` is `def f(text): return QCoreApplication.translate("Ctx", text)`."""
    if not func.args.args:
        return None
    param = func.args.args[0].arg
    for node in ast.walk(func):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "translate"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and isinstance(node.args[1], ast.Name)
            and node.args[1].id == param
        ):
            return node.args[0].value
    return None


def extract(path: Path) -> tuple[list[Message], list[str]]:
    """Messages from `_tr`-style wrappers in one file, and calls that cannot be extracted."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    wrappers = {
        node.name: ctx
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and (ctx := _translate_context(node)) is not None
    }
    messages: list[Message] = []
    problems: list[str] = []
    rel = path.relative_to(ROOT)
    lines = path.read_text(encoding="utf-8").splitlines()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id == "tr_noop":  # text kept as data, translated where it is shown
            ctx_arg, text_arg = (node.args + [None, None])[:2]
            if _is_str(ctx_arg) and _is_str(text_arg):
                messages.append(Message(ctx_arg.value, text_arg.value, f"{rel}:{node.lineno}"))
            else:
                problems.append(f"{rel}:{node.lineno}: tr_noop() needs two literal strings")
            continue
        ctx = wrappers.get(node.func.id)
        if ctx is None or not node.args:
            continue
        arg = node.args[0]
        if _is_str(arg):
            messages.append(Message(ctx, arg.value, f"{rel}:{node.lineno}"))
        elif isinstance(arg, ast.JoinedStr):
            problems.append(f"{rel}:{node.lineno}: f-string passed to {node.func.id}()")
        elif MARKED not in lines[node.lineno - 1]:
            # A variable: its values reach the template only if they are tr_noop-marked
            # where they are defined; the call says so with the MARKED comment.
            problems.append(
                f"{rel}:{node.lineno}: {node.func.id}() of a variable: mark its values with "
                f"tr_noop() and add '{MARKED}' to this line"
            )
    return messages, problems


def _is_str(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def collect() -> tuple[list[Message], list[str]]:
    messages: list[Message] = []
    problems: list[str] = []
    for path in sorted(SOURCES.rglob("*.py")):
        found, bad = extract(path)
        messages += found
        problems += bad
    return messages, problems


def write_shim(messages: list[Message], folder: Path) -> Path:
    """A Python file of direct translate() calls lupdate understands."""
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    for m in messages:
        lines.append(f"# {m.where}")
        lines.append(f"QCoreApplication.translate({m.context!r}, {m.source!r})")
    shim = folder / "integrate_tr_shim.py"
    shim.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return shim


def update(lang: str) -> Path:
    messages, problems = collect()
    for line in problems:
        print(f"warning: {line}", file=sys.stderr)
    TS_DIR.mkdir(exist_ok=True)
    ts = TS_DIR / f"integrate_{lang}.ts"
    with tempfile.TemporaryDirectory() as tmp:
        shim = write_shim(messages, Path(tmp))
        sources = [str(p) for p in sorted(SOURCES.rglob("*.py"))]
        cmd = [_tool("pyside6-lupdate"), *sources, str(shim), "-locations", "none"]
        if lang != "en":
            cmd += ["-target-language", lang]
        subprocess.run([*cmd, "-ts", str(ts)], check=True)
    print(f"{ts}: {len({(m.context, m.source) for m in messages})} strings from _tr wrappers")
    return ts


def release() -> list[Path]:
    QM_DIR.mkdir(parents=True, exist_ok=True)
    built = []
    for ts in sorted(TS_DIR.glob("integrate_*.ts")):
        if ts.stem == "integrate_en":  # the source language needs no .qm
            continue
        qm = QM_DIR / (ts.stem + ".qm")
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("update", help="refresh translations/integrate_<lang>.ts")
    up.add_argument("--lang", default="en", help="language code, e.g. de, fr, pt_BR")
    sub.add_parser("release", help="build resources/translations/*.qm")
    sub.add_parser("check", help="list _tr() calls with text that cannot be extracted")
    args = parser.parse_args(argv)
    if args.command == "update":
        update(args.lang)
    elif args.command == "release":
        for qm in release():
            print(qm)
    else:
        _, problems = collect()
        print("\n".join(problems) or "every _tr() call has literal text")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
