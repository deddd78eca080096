"""Profile the start-up benchmark: pyinstrument (main thread) and py-spy (all threads).

    python benchmarks/profile_startup.py           # 10-year vault, TMPDIR/integrate-startup-profile
    python benchmarks/profile_startup.py --years 1 --out /tmp/p --no-py-spy

Runs exactly what bench_startup.py measures - `python -m integrate --data-dir DIR
--benchmark-startup` against a fresh `integrate demo` vault whose key is in a private
gnome-keyring (benchmarks/keyring_session.py), under xvfb-run, from compiled bytecode in
a private PYTHONPYCACHEPREFIX - and benchmarks/bare_window.py for comparison. Each target
runs once unprofiled first (compiles site-packages into that cache, warms the disk cache).

The profiled process is this script in `--child` mode: it starts pyinstrument's Profiler,
runs the target as `python -m integrate ...` / `python bare_window.py` would, and stops
the profiler when the target prints its `startup_ms=` line (the first paint), so the
after-paint integrity check is not in the profile. pyinstrument samples the main thread
only; time the main thread spends waiting for the GIL held by the keyring thread shows
up in whatever the main thread was doing. py-spy (`record --threads --idle --nonblocking`,
needs ptrace: root, or CAP_SYS_PTRACE) samples every thread; the child then exits at the
first paint.

Writes into --out: `{app,bare}.pyisession` (open with `pyinstrument --load FILE`),
`{app,bare}.txt` (call tree down to --min-ms), `{app,bare}.pyspy.json` (speedscope) and
`{app,bare}.pyspy.txt` (py-spy's samples as a call tree per thread, same threshold).
Needs pyinstrument (and py-spy for the thread view) in this interpreter's environment:
`pip install pyinstrument py-spy` (not project dependencies).
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import sys
from pathlib import Path
from typing import Any, TextIO

# The profiled child imports only the above before the target starts; the parent's
# helpers (subprocess, keyring_session, common) are imported in main().
HERE = Path(__file__).resolve().parent
XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]


# -- child: run one target, stop at its first paint


class _PaintWatch:
    """stdout wrapper: on the target's `startup_ms=` line, call `on_paint` (once)."""

    def __init__(self, stream: TextIO, on_paint: Any) -> None:
        self._stream = stream
        self._on_paint = on_paint
        self._seen = False

    def write(self, text: str) -> int:
        written = self._stream.write(text)
        if not self._seen and "startup_ms=" in text:
            self._seen = True
            self._stream.flush()
            self._on_paint()
        return written

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _child(target: str, session: str | None, interval: float, target_args: list[str]) -> int:
    profiler = None
    if session:
        from pyinstrument import Profiler

        profiler = Profiler(interval=interval, async_mode="disabled")

    def on_paint() -> None:
        if profiler is not None and session:
            profiled = profiler.stop()
            profiled.save(session)
        else:
            os._exit(0)  # py-spy: the recording ends with the process

    sys.stdout = _PaintWatch(sys.stdout, on_paint)
    if profiler is not None:
        profiler.start()
    try:
        if target == "app":
            sys.argv = ["integrate", *target_args]
            runpy.run_module("integrate", run_name="__main__", alter_sys=True)
        else:
            sys.argv = [str(HERE / "bare_window.py")]
            runpy.run_path(str(HERE / "bare_window.py"), run_name="__main__")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


# -- parent: keyring session, vault, runs, reports


def _run(command: list[str], env: dict[str, str]) -> str:
    import subprocess

    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if "startup_ms=" not in out.stdout:
        raise SystemExit(f"no first paint from {command}: {out.stdout} {out.stderr[-1500:]}")
    return next(line for line in out.stdout.splitlines() if line.startswith("startup_ms="))


def _label(function: str, file: str, line: object) -> str:
    for marker in ("site-packages/", "/src/", "/lib/python3.", "/benchmarks/"):
        if marker in file:
            file = file.split(marker, 1)[1]
            if marker == "/lib/python3.":
                file = file.split("/", 1)[-1]  # 11/enum.py -> enum.py
            break
    return f"{function}  {file}:{line}" if line else f"{function}  {file}"


def _opaque(file: str) -> bool:
    """Frames whose insides the trees do not show: the standard library and built-ins
    (re's compiler, enum, dataclasses, inspect...). What called them is what matters."""
    if file.endswith(("importlib/__init__.py", "threading.py", "runpy.py", "runpy>")):
        return False  # import_module(), a thread's run(): what they run is the point
    return file.startswith("<") or ("/lib/python3." in file and "site-packages" not in file)


def _pyinstrument_text(session_file: Path, min_ms: float) -> str:
    """The main thread's call tree: nodes >= min_ms, standard-library calls as leaves,
    import machinery folded (an import reads module -> module), runpy's frames skipped."""
    from pyinstrument import processors
    from pyinstrument.session import Session

    session = Session.load(str(session_file))
    root = session.root_frame()
    options: dict[str, Any] = {"filter_threshold": 0}
    for process in (
        processors.remove_importlib,
        processors.merge_consecutive_self_time,
        processors.aggregate_repeated_calls,
    ):
        if root is not None:
            root = process(root, options=options)
    lines = [f"main thread, {session.duration * 1000:.0f} ms sampled (pyinstrument)"]

    def walk(frame: Any, depth: int) -> None:
        for child in sorted(frame.children, key=lambda f: -f.time):
            ms = child.time * 1000
            if ms < min_ms:
                continue
            file = child.file_path or ""
            function = child.function or ""
            if function == "[self]" or not file:
                label = "[self]"  # time in the frame itself (C code it called, for Qt)
            else:
                name = f"{child.class_name}.{function}" if child.class_name else function
                label = _label(name, file, child.line_no)
            skip = "runpy" in file or function in ("_child", "<module>") and "__main__" in file
            if skip:
                walk(child, depth)
                continue
            lines.append(f"{'  ' * depth}{ms:6.1f}  {label}")
            if not _opaque(file):
                walk(child, depth + 1)

    if root is not None:
        walk(root, 0)
    return "\n".join(lines) + "\n"


def _bucket(frame: Any) -> str | None:
    """Where a pyinstrument frame's time goes, for the summary (None: look inside)."""
    function, file = frame.function or "", frame.file_path or ""
    created = any(c.function == "_create_" for c in frame.children)
    if file.endswith("enum.py") and function == "__call__" and created:
        return "Qt enum types (PySide6 creates them with Enum's functional API)"
    if file.endswith("dataclasses.py") and function in ("wrap", "dataclass"):
        return "dataclass creation (exec of generated methods)"
    if "shibokensupport/feature.py" in file and function == "feature_imported":
        return "PySide6 import hook (reads the source of each later import)"
    if "signature_bootstrap" in file and function == "bootstrap":
        return "shiboken6 signature bootstrap (the bare window too)"
    if "tomllib" in file and function in ("load", "loads"):
        return "TOML parsing"
    if file.startswith("<built-in>") and function in ("stat", "listdir"):
        return "stat/listdir (import lookups; the GIL goes to other threads here)"
    if function in ("create_dynamic", "exec_dynamic"):
        return "loading extension modules (.so)"
    if file.startswith("<built-in>") and function == "loads":
        return "unmarshalling .pyc"
    return None


def _buckets(session_file: Path) -> str:
    from pyinstrument.session import Session

    session = Session.load(str(session_file))
    totals: dict[str, float] = {}

    def walk(frame: Any) -> None:
        bucket = _bucket(frame)
        if bucket:
            totals[bucket] = totals.get(bucket, 0.0) + frame.time
            return
        for child in frame.children:
            walk(child)

    root = session.root_frame()
    if root is not None:
        walk(root)
    lines = ["where the main thread's time goes (outermost frames of each kind):"]
    for bucket, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        lines.append(f"{seconds * 1000:8.1f}  {bucket}")
    return "\n".join(lines) + "\n\n"


def _pyspy_text(speedscope: Path, min_ms: float) -> str:
    """py-spy's speedscope samples as an indented call tree per thread (ms = samples)."""
    data = json.loads(speedscope.read_text())
    frames = data["shared"]["frames"]
    lines = []
    for profile in data["profiles"]:
        tree: dict[str, Any] = {}
        total = 0.0
        for stack, weight in zip(profile["samples"], profile["weights"], strict=True):
            ms = weight * 1000  # speedscope weights: seconds
            total += ms
            node = tree
            for index in stack:
                frame = frames[index]
                file = frame.get("file") or ""
                if file.startswith("<frozen importlib"):
                    continue  # import machinery folded, as in the pyinstrument tree
                label = _label(frame["name"], file, None)  # py-spy: a line per sample
                child = node.setdefault(label, {"ms": 0.0, "kids": {}})
                child["ms"] += ms
                node = child["kids"]
                if _opaque(file):
                    break
        lines.append(f"== {profile['name']}: {total:.0f} ms sampled")

        def walk(node: dict[str, Any], depth: int) -> None:
            for label, child in sorted(node.items(), key=lambda kv: -kv[1]["ms"]):
                if child["ms"] >= min_ms:
                    lines.append(f"{'  ' * depth}{child['ms']:6.0f}  {label}")
                    walk(child["kids"], depth + 1)

        walk(tree, 1)
    return "\n".join(lines) + "\n"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0], allow_abbrev=False)
    p.add_argument("--years", type=int, default=10, help="demo vault size (default 10)")
    p.add_argument(
        "--out", help="folder for the profiles (default: TMPDIR/integrate-startup-profile)"
    )
    p.add_argument("--interval", type=float, default=0.0005, help="pyinstrument interval, s")
    p.add_argument("--rate", type=int, default=1000, help="py-spy samples per second")
    p.add_argument("--min-ms", type=float, default=1.0, help="smallest node in the .txt trees")
    p.add_argument("--no-py-spy", action="store_true", help="pyinstrument only")
    p.add_argument("--child", choices=["app", "bare"], help=argparse.SUPPRESS)
    p.add_argument("--session", help=argparse.SUPPRESS)
    args, rest = p.parse_known_args()
    if args.child:
        return _child(args.child, args.session, args.interval, rest)

    import shutil
    import subprocess
    import tempfile

    sys.path.insert(0, str(HERE))
    import keyring_session
    from common import ROOT, make_vault

    if not keyring_session.available() or not shutil.which("xvfb-run"):
        raise SystemExit("needs dbus-daemon, gnome-keyring-daemon and xvfb-run")
    out = Path(args.out or Path(tempfile.gettempdir()) / "integrate-startup-profile").resolve()
    out.mkdir(parents=True, exist_ok=True)
    py_spy = None if args.no_py_spy else shutil.which("py-spy", path=Path(sys.executable).parent)
    py_spy = py_spy or (None if args.no_py_spy else shutil.which("py-spy"))
    work = Path(tempfile.mkdtemp(prefix="integrate-profile-"))
    try:
        with keyring_session.keyring_session() as env:
            env["PYTHONPATH"] = os.pathsep.join(
                filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])
            )
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled bytecode, as run_all.py
            env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
            env.pop("QT_QPA_PLATFORM", None)
            subprocess.run(
                [sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "integrate")],
                env=env,
                check=True,
            )
            vault = work / "vault"
            make_vault(vault, args.years, env)
            targets = {
                "app": ["--data-dir", str(vault), "--benchmark-startup"],
                "bare": [],
            }
            child = [sys.executable, str(Path(__file__).resolve()), "--child"]
            for name, target_args in targets.items():
                plain = [sys.executable, "-m", "integrate", *target_args]
                if name == "bare":
                    plain = [sys.executable, str(HERE / "bare_window.py")]
                print(f"{name} unprofiled (warm-up): {_run([*XVFB, *plain], env)}")
                print(f"{name} unprofiled: {_run([*XVFB, *plain], env)}")
                session = out / f"{name}.pyisession"
                for _ in range(2):  # the first run also compiles pyinstrument's modules
                    line = _run(
                        [
                            *XVFB,
                            *child,
                            name,
                            "--session",
                            str(session),
                            "--interval",
                            str(args.interval),
                            *target_args,
                        ],
                        env,
                    )
                print(f"{name} under pyinstrument: {line}")
                (out / f"{name}.txt").write_text(
                    _buckets(session) + _pyinstrument_text(session, args.min_ms)
                )
                if py_spy:
                    speedscope = out / f"{name}.pyspy.json"
                    line = _run(
                        [
                            *XVFB,
                            py_spy,
                            "record",
                            "--threads",
                            "--idle",
                            "--nonblocking",  # no pauses: the timings stay close to real
                            "--rate",
                            str(args.rate),
                            "--format",
                            "speedscope",
                            "-o",
                            str(speedscope),
                            "--",
                            *child,
                            name,
                            *target_args,
                        ],
                        env,
                    )
                    print(f"{name} under py-spy: {line}")
                    (out / f"{name}.pyspy.txt").write_text(_pyspy_text(speedscope, args.min_ms))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"Profiles written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
