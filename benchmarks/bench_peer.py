"""Peer reference: the same journal in an encrypted jrnl, a whole-process search in both.

jrnl (https://jrnl.sh) decrypts and parses the whole journal on every command. It is
installed into a throwaway virtualenv under ~/.cache (never a project dependency);
if that fails, this benchmark says so and skips. Both tools read their key from the
same private keyring session. Our search is also timed with --passphrase-stdin,
which pays scrypt on purpose (a passphrase must be slow to guess).
Target: ours <= 1/4 of jrnl's time (keyring path).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PASSPHRASE, SEARCH_WORD, median, open_vault, parse_args, report  # noqa: E402

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "integrate-bench"
JRNL_PASSWORD = "jrnl benchmark password"
RATIO_TARGET = 0.25

ENCRYPT = """
import sys
from pathlib import Path
from jrnl.encryption import determine_encryption_method_for_writing
cls = determine_encryption_method_for_writing(True)
enc = cls("default", {"encrypt": True})
enc.password = sys.argv[2]
Path(sys.argv[1]).write_bytes(enc.encrypt(sys.stdin.read()))
import keyring
keyring.set_password("jrnl", "default", sys.argv[2])
assert keyring.get_password("jrnl", "default") == sys.argv[2]
"""

CONFIG = """colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: true
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
    encrypt: true
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: {version}
"""


def _jrnl_venv() -> Path | None:
    venv = CACHE / "jrnl-venv"
    jrnl = venv / "bin" / "jrnl"
    if jrnl.exists():
        return venv
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "venv", "--clear", str(venv)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "jrnl"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"Peer benchmark skipped: could not install jrnl ({type(exc).__name__}).")
        return None
    return venv if jrnl.exists() else None


def _journal_text(data_dir: str) -> tuple[str, int]:
    vault = open_vault(data_dir)
    rows = vault.conn.execute("SELECT created_at, title, body FROM entries ORDER BY created_at")
    parts = []
    count = 0
    for created, title, body in rows:
        stamp = str(created)[:16].replace("T", " ")
        heading = str(title).strip() or "Entry."
        parts.append(f"[{stamp}] {heading}\n{body}\n")
        count += 1
    vault.close()
    return "\n".join(parts), count


def _timed(
    command: list[str], env: dict[str, str], stdin: str | None, runs: int
) -> tuple[float, str]:
    times = []
    out = ""
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(
            command, input=stdin, capture_output=True, text=True, env=env, timeout=300
        )
        times.append((time.perf_counter() - start) * 1000)
        if result.returncode != 0:
            raise SystemExit(f"{command[0]} failed: {result.stderr[-600:]}")
        out = result.stdout
    return median(times), out


def main() -> int:
    args = parse_args()
    if args.quick:
        print("Peer benchmark skipped in quick mode.")
        return 0
    venv = _jrnl_venv()
    if venv is None:
        return 0
    version = subprocess.run(
        [str(venv / "bin" / "jrnl"), "--version"], capture_output=True, text=True
    ).stdout.split()[1]
    work = Path(tempfile.mkdtemp(prefix="integrate-bench-jrnl-"))
    journal = work / "journal.txt"
    text, count = _journal_text(args.data_dir)
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(work / "config")
    (work / "config" / "jrnl").mkdir(parents=True)
    (work / "config" / "jrnl" / "jrnl.yaml").write_text(
        CONFIG.format(journal=journal, version=version)
    )
    subprocess.run(
        [str(venv / "bin" / "python"), "-c", ENCRYPT, str(journal), JRNL_PASSWORD],
        input=text,
        text=True,
        check=True,
        env=env,
        timeout=120,
    )
    runs = 5
    jrnl_ms, jrnl_out = _timed(
        [str(venv / "bin" / "jrnl"), "-contains", SEARCH_WORD], env, None, runs
    )
    ours = [sys.executable, "-m", "integrate", "search", SEARCH_WORD, "--data-dir", args.data_dir]
    ours_ms, ours_out = _timed(ours, env, None, runs)
    pass_ms, _ = _timed([*ours, "--passphrase-stdin"], env, PASSPHRASE + "\n", runs)
    found_jrnl = jrnl_out.count(f"{SEARCH_WORD}") > 0
    found_ours = bool(ours_out.strip())
    report(
        f"Peer: jrnl {version} -contains {SEARCH_WORD}",
        jrnl_ms,
        "ms",
        "(reference)",
        None,
        f"{count} entries, encrypted, key from the keyring; found={found_jrnl}",
    )
    report(
        "Peer: integrate search (keyring)",
        ours_ms,
        "ms",
        f"<= 1/4 of jrnl = {RATIO_TARGET * jrnl_ms:.0f} ms",
        ours_ms <= RATIO_TARGET * jrnl_ms,
        f"{ours_ms / jrnl_ms:.2f}x jrnl's time; found={found_ours}",
    )
    report(
        "Peer: integrate search (--passphrase-stdin)",
        pass_ms,
        "ms",
        "(reference: pays scrypt)",
        None,
        f"{pass_ms / jrnl_ms:.2f}x jrnl's time",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
