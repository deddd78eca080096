"""Run the whole benchmark suite and (in full mode) write the results into docs/benchmarks.md.

    python benchmarks/run_all.py            # 10-year vault, all benchmarks, jrnl peer
    python benchmarks/run_all.py --quick    # 1-year vault, few iterations, no jrnl (CI)

The vault is generated fresh (`integrate demo --years N`) inside a private D-Bus +
gnome-keyring session, so the app unlocks with the key from a real keyring and the
user's own keyring is never touched. Exit status 0 means every benchmark ran and
printed its figures (missed targets are reported, not failures).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import keyring_session  # noqa: E402
from common import ROOT, machine_info, make_vault  # noqa: E402

SCRIPTS = [
    "bench_startup.py",
    "bench_search.py",
    "bench_autosave.py",
    "bench_journal.py",
    "bench_pdf.py",
    "bench_peer.py",
]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"


def _run(script: str, data_dir: Path, quick: bool, env: dict[str, str]) -> tuple[list[dict], bool]:
    command = [sys.executable, str(HERE / script), "--data-dir", str(data_dir)]
    if quick:
        command.append("--quick")
    print(f"== {script}", flush=True)
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1800)
    figures = []
    for line in result.stdout.splitlines():
        if line.startswith("BENCH "):
            figures.append(json.loads(line[6:]))
        else:
            print("   " + line, flush=True)
    if result.returncode != 0:
        print(f"   FAILED (exit {result.returncode}): {result.stderr[-1500:]}", flush=True)
    return figures, result.returncode == 0


def _table(figures: list[dict], info: dict[str, str], years: int, quick: bool) -> str:
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"Run: {stamp}, {'quick' if quick else 'full'} mode, {years}-year demo vault "
        "(`integrate demo --years N --seed 7`).",
        "",
        "| Machine | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in info.items()],
        "",
        "| Benchmark | Result | Target | Verdict | Notes |",
        "|---|---|---|---|---|",
    ]
    for f in figures:
        verdict = {True: "met", False: "**missed**", None: "reference"}[f["met"]]
        lines.append(
            f"| {f['name']} | {f['value']:.1f} {f['unit']} | {f['target']} | "
            f"{verdict} | {f['note']} |"
        )
    return "\n".join(lines)


def _write_doc(table: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text += f"\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")
    print(f"Results written to {DOC.relative_to(ROOT)}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="1-year vault, few iterations, no jrnl")
    p.add_argument("--years", type=int, help="vault size (default 10, or 1 with --quick)")
    p.add_argument(
        "--write-docs",
        action="store_true",
        help="also write docs/benchmarks.md in quick mode (full mode always does)",
    )
    args = p.parse_args()
    years = args.years or (1 if args.quick else 10)
    work = Path(tempfile.mkdtemp(prefix="integrate-bench-"))
    data_dir = work / "vault"
    scripts = list(SCRIPTS)
    with contextlib.ExitStack() as stack:
        if keyring_session.available():
            env = stack.enter_context(keyring_session.keyring_session())
        else:
            print("No dbus-daemon/gnome-keyring: the start-up benchmark is skipped.")
            env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="unix:abstract=integrate-bench-none")
            scripts.remove("bench_startup.py")
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])
        )
        # An installed app runs from compiled bytecode (pip compiles it): so do these runs,
        # from a private cache, even where PYTHONDONTWRITEBYTECODE is set (the helpers'
        # shared shell sets it: every start-up then compiled Integrate's sources again).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "integrate")],
            env=env,
            check=True,
        )
        start = time.perf_counter()
        make_vault(data_dir, years, env)
        print(f"Generated a {years}-year vault in {time.perf_counter() - start:.1f} s", flush=True)
        figures: list[dict] = [
            {
                "name": f"Generate the {years}-year demo vault",
                "value": time.perf_counter() - start,
                "unit": "s",
                "target": "well under 60 s" if years >= 10 else "-",
                "met": (time.perf_counter() - start) < 60 if years >= 10 else None,
                "note": "",
            }
        ]
        ok = True
        for script in scripts:
            got, ran = _run(script, data_dir, args.quick, env)
            figures.extend(got)
            ok = ok and ran
    shutil.rmtree(work, ignore_errors=True)
    if args.write_docs or not args.quick:
        _write_doc(_table(figures, machine_info(), years, args.quick))
    missed = [f["name"] for f in figures if f["met"] is False]
    print(f"{len(figures)} figures; targets missed: {', '.join(missed) or 'none'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
