"""`integrate init` and `integrate check`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from integrate.cli.context import CliContext, add_unlock_arguments, no_journal, vault_or_error
from integrate.cli.errors import EXIT_DAMAGED, EXIT_FAILURE, CliError
from integrate.paths import VaultPaths
from integrate.vault import migrations
from integrate.vault.keys import KeySlots, VaultKey
from integrate.vault.keystore import Keystore
from integrate.vault.vault import (
    UnlockOutcome,
    VaultError,
    create_vault,
    load_slots,
    open_with_key,
    unlock_with_keyring,
    unlock_with_passphrase,
    unlock_with_recovery,
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "init",
        parents=[common],
        help="create a new encrypted journal",
        description="Create a new journal. The key goes into the system "
        "keyring; with --passphrase-stdin a passphrase protects it "
        "too (required where no keyring exists). The recovery code "
        "is printed once.",
    )
    p.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read a passphrase from the first line of standard input",
    )
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser(
        "check", parents=[common], help="unlock, run the integrity checks and count records"
    )
    add_unlock_arguments(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_check)


def cmd_init(ctx: CliContext) -> int:
    paths = ctx.paths
    if paths.db.exists() or paths.keyslots.exists():
        raise CliError(f"A journal already exists in {paths.root}.", EXIT_FAILURE)
    passphrase = ctx.stdin.secret("passphrase") if ctx.args.passphrase_stdin else None
    try:
        created = create_vault(paths, keystore=Keystore(), passphrase=passphrase)
    except VaultError as exc:
        raise CliError(f"{exc} (use --passphrase-stdin)", EXIT_FAILURE) from exc
    with created.vault:
        where = "the system keyring" if created.vault.slots.keyring else "your passphrase"
        print(f"Created a new journal in {paths.root}; its key is kept by {where}.")
        print("Recovery code (shown once - write it down or print it, and keep it safe):")
        print(f"  {created.recovery_code}")
    return 0


def cmd_check(ctx: CliContext) -> int:
    paths = ctx.paths
    if not paths.exists():
        raise no_journal(paths)  # the words every other verb uses
    passphrase = ctx.stdin.secret("passphrase") if ctx.args.passphrase_stdin else None
    recovery = ctx.stdin.secret("recovery code") if ctx.args.recovery_code_stdin else None
    if passphrase is not None:
        result = unlock_with_passphrase(paths, passphrase, take_lock=False, full_check=False)
    elif recovery is not None:
        result = unlock_with_recovery(paths, recovery, take_lock=False, full_check=False)
    else:
        result = unlock_with_keyring(paths, Keystore(), take_lock=False, full_check=False)
    if result.outcome is UnlockOutcome.DAMAGED:
        problems = (
            result.integrity.cipher_problems + result.integrity.sqlite_problems
            if result.integrity
            else []
        )
        counts = _readable_counts(paths, passphrase, recovery)
        _report(ctx, ok=False, problems=problems, counts=counts, version=None)
        raise CliError(f"{result.message} {len(problems)} problem(s) found.", EXIT_DAMAGED)
    vault = vault_or_error(result)
    with vault:
        report = vault.check()
        counts = vault.counts()
        version = migrations.schema_version(vault.conn)
    problems = report.cipher_problems + report.sqlite_problems
    _report(ctx, ok=report.ok, problems=problems, counts=counts, version=version)
    return 0 if report.ok else EXIT_DAMAGED


def _readable_counts(
    paths: VaultPaths, passphrase: str | None, recovery: str | None
) -> dict[str, int] | None:
    """Best-effort counts from a damaged vault, opened read-only (never written)."""
    slots = load_slots(paths)
    if not isinstance(slots, KeySlots):
        return None
    try:
        if passphrase is not None:
            key = slots.unlock_passphrase(passphrase)
        elif recovery is not None:
            key = slots.unlock_recovery(recovery)
        else:
            key = VaultKey.from_hex(Keystore().fetch(slots.vault_id).secret or "")
        opened = open_with_key(paths, slots, key, read_only=True)
        if opened.vault is None:
            return None
        with opened.vault:
            return opened.vault.counts()
    except Exception:  # noqa: BLE001 - damaged pages may fail anywhere; counts are a bonus
        return None


def _report(
    ctx: CliContext,
    *,
    ok: bool,
    problems: list[str],
    counts: dict[str, int] | None,
    version: int | None,
) -> None:
    if ctx.args.json:
        print(
            json.dumps(
                {
                    "ok": ok,
                    "problems": problems,
                    "counts": counts,
                    "schema_version": version,
                    "data_dir": str(ctx.paths.root),
                },
                indent=2,
            )
        )
        return
    print(f"Journal: {ctx.paths.root}")
    print(f"Integrity: {'ok' if ok else 'PROBLEMS FOUND'}")
    for problem in problems[:20]:
        print(f"  - {problem}")
    if version is not None:
        print(f"Schema version: {version}")
    if counts is not None:
        for name, count in counts.items():
            print(f"{name:>14}: {count}")
