"""Shared bits of the benchmark scripts: arguments, figures, vaults, machine info.

Every benchmark prints one line per figure, `BENCH {json}`, with its name, value, unit,
target and whether it met the target; run_all.py collects them into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "benchmark pass phrase"  # both a keyring slot and this passphrase slot
SEARCH_WORD = "komorebi"  # in the Unicode sentences: a rare word, like real searches


def parse_args(
    argv: Sequence[str] | None = None, *, needs_vault: bool = True
) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", required=needs_vault, help="a vault made by make_vault()")
    p.add_argument("--quick", action="store_true", help="fewer iterations (CI)")
    return p.parse_args(argv)


def report(
    name: str, value: float, unit: str, target: str, met: bool | None, note: str = ""
) -> None:
    """Print one figure (human line + machine line)."""
    verdict = {True: "met", False: "MISSED", None: "reference"}[met]
    print(f"{name}: {value:.1f} {unit} (target {target}) {verdict} {note}".rstrip(), flush=True)
    record = {
        "name": name,
        "value": round(value, 2),
        "unit": unit,
        "target": target,
        "met": met,
        "note": note,
    }
    print("BENCH " + json.dumps(record, ensure_ascii=False), flush=True)


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def make_vault(root: Path, years: int, env: dict[str, str] | None = None, seed: int = 7) -> None:
    """`integrate demo --years N` into `root` (key in the keyring of `env`, plus PASSPHRASE)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "integrate",
            "demo",
            "--years",
            str(years),
            "--seed",
            str(seed),
            "--data-dir",
            str(root),
            "--passphrase-stdin",
        ],
        input=PASSPHRASE + "\n",
        text=True,
        env=env,
        check=True,
        capture_output=True,
    )


def open_vault(data_dir: str):  # noqa: ANN201 - Vault, imported lazily
    from integrate.paths import VaultPaths
    from integrate.vault.vault import unlock_with_passphrase

    result = unlock_with_passphrase(VaultPaths(Path(data_dir)), PASSPHRASE)
    if result.vault is None:
        raise SystemExit(f"could not open the benchmark vault: {result.message}")
    return result.vault


def rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def machine_info() -> dict[str, str]:
    """CPU, cores, RAM, OS and the versions that matter for these figures."""
    info: dict[str, str] = {}
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["CPU"] = cpu
    info["Cores"] = f"{os.cpu_count()} logical ({len(os.sched_getaffinity(0))} usable)"
    try:
        kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        info["RAM"] = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        info["RAM"] = "?"
    try:
        pretty = next(
            line.split("=", 1)[1].strip('"')
            for line in Path("/etc/os-release").read_text().splitlines()
            if line.startswith("PRETTY_NAME=")
        )
    except (OSError, StopIteration):
        pretty = platform.system()
    info["OS"] = f"{pretty}, kernel {platform.release()}"
    info["Python"] = platform.python_version()
    try:
        import PySide6
        from PySide6 import QtCore

        info["Qt"] = f"PySide6 {PySide6.__version__}, Qt {QtCore.qVersion()}"
    except ImportError:
        info["Qt"] = "not installed"
    try:
        import sqlcipher3

        conn = sqlcipher3.connect(":memory:")
        version = conn.execute("PRAGMA cipher_version").fetchone()
        info["SQLCipher"] = f"{version[0] if version else '?'} (SQLite {sqlcipher3.sqlite_version})"
        conn.close()
    except Exception as exc:  # noqa: BLE001 - informational only
        info["SQLCipher"] = f"? ({type(exc).__name__})"
    return info
