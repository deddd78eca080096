"""`integrate init` and `integrate check`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from integrate.cli.context import (
    CliContext,
    add_unlock_arguments,
    cli_keystore,
    no_journal,
    vault_or_error,
)
from integrate.cli.errors import EXIT_DAMAGED, EXIT_FAILURE, CliError
from integrate.paths import VaultPaths
from integrate.vault.instance_lock import InstanceLock, VaultInUse
from integrate.vault.keys import KeySlotError, KeySlots, VaultKey
from integrate.vault.slot_file import read_slots, repair_if_needed
from integrate.vault.state_record import StateCheck
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
    p.add_argument(
        "--country",
        metavar="CC",
        help="country whose crisis lines are shown, e.g. GB (see `integrate settings country`)",
    )
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser(
        "check", parents=[common], help="unlock, run the integrity checks and count records"
    )
    add_unlock_arguments(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--accept-rollback",
        action="store_true",
        help="open a journal that is older than its last recorded state as it is now, "
        "and record that state (changes saved since are not brought back)",
    )
    p.set_defaults(handler=cmd_check)


def cmd_init(ctx: CliContext) -> int:
    paths = ctx.paths
    if paths.db.exists() or paths.exists():
        raise CliError(f"A journal already exists in {paths.root}.", EXIT_FAILURE)
    country = None
    if ctx.args.country is not None:
        from integrate.cli.crisis_cmds import check_country

        country = check_country(ctx.args.country)  # checked before anything is created
    passphrase = ctx.stdin.secret("passphrase") if ctx.args.passphrase_stdin else None
    try:
        created = create_vault(paths, keystore=ctx.keystore(), passphrase=passphrase)
    except VaultError as exc:
        raise CliError(f"{exc} (use --passphrase-stdin)", EXIT_FAILURE) from exc
    with created.vault:
        where = "the system keyring" if created.vault.slots.keyring else "your passphrase"
        print(f"Created a new journal in {paths.root}; its key is kept by {where}.")
        print("Recovery code (shown once - write it down or print it, and keep it safe):")
        print(f"  {created.recovery_code}")
    if country is not None:
        from integrate.country_pref import write_country

        write_country(paths.root, country)
        print(f"Crisis lines are shown for {country}.")
    else:
        print(
            "No country is set for crisis lines: choose one with "
            "`integrate settings country CC` (the app asks too)."
        )
    return 0


def cmd_check(ctx: CliContext) -> int:
    paths = ctx.paths
    if not paths.exists():
        raise no_journal(paths)  # the words every other verb uses
    passphrase = ctx.stdin.secret("passphrase") if ctx.args.passphrase_stdin else None
    recovery = ctx.stdin.secret("recovery code") if ctx.args.recovery_code_stdin else None
    # The key slots are checked first, without any secret: a damaged slot is reported
    # even when it is the one that would have unlocked the journal.
    slot_problems = _check_slot_file(paths)
    # Accepting a rollback records the current state: that writes, so it takes the lock.
    accept = bool(ctx.args.accept_rollback)
    kw = {"take_lock": accept, "full_check": False, "accept_rollback": accept}
    if passphrase is not None:
        result = unlock_with_passphrase(paths, passphrase, **kw)
    elif recovery is not None:
        result = unlock_with_recovery(paths, recovery, **kw)
    else:
        result = unlock_with_keyring(paths, ctx.keystore(), **kw)
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
        version = vault.schema_version()
        state = vault.state
    problems = report.cipher_problems + report.sqlite_problems
    _report(
        ctx,
        ok=report.ok and not slot_problems,
        problems=problems,
        counts=counts,
        version=version,
        slot_problems=slot_problems,
        state=state,
    )
    if state is not None and not state.ok:  # only reached with --accept-rollback
        print(
            f"{state.describe()} Accepted as it is now: this is the journal's recorded "
            "state from here on.",
            file=sys.stderr,
        )
    return 0 if report.ok and not slot_problems else EXIT_DAMAGED


def _check_slot_file(paths: VaultPaths) -> list[str]:
    """Both copies of the key slot file, each slot checked against its checksum. What is
    found goes to stderr; damage with an intact copy elsewhere is repaired when no other
    process holds the journal. Returns the problems found (empty: all intact)."""
    try:
        found = read_slots(paths)
    except KeySlotError:
        return []  # the unlock reports an unreadable or missing slot file
    for problem in found.problems:
        print(f"integrate: key slots: {problem}", file=sys.stderr)
    if not found.problems:
        return []
    if found.slots.damaged:
        if "recovery" in found.slots.damaged:
            print(
                "integrate: your recovery code can no longer be checked: make a new one "
                "(in the app: Settings) once the journal is open.",
                file=sys.stderr,
            )
        return found.problems
    lock = InstanceLock(paths.lock)
    try:
        lock.acquire()
    except VaultInUse:
        print(
            "integrate: key slots: the journal is open elsewhere; the damaged copy is "
            "repaired the next time the app or a writing command opens it.",
            file=sys.stderr,
        )
        return found.problems
    try:
        if repair_if_needed(paths, found.slots):
            print("integrate: key slots: repaired from the intact copy.", file=sys.stderr)
    finally:
        lock.release()
    return found.problems


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
            key = VaultKey.from_hex(cli_keystore().fetch(slots.vault_id).secret or "")
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
    slot_problems: list[str] | None = None,
    state: StateCheck | None = None,
) -> None:
    if ctx.args.json:
        print(
            json.dumps(
                {
                    "ok": ok,
                    "problems": problems,
                    "key_slot_problems": slot_problems or [],
                    "counts": counts,
                    "schema_version": version,
                    "state": None
                    if state is None
                    else {
                        "change_counter": state.in_database,
                        "recorded": state.recorded,
                        "problem": str(state.problem) or None,
                    },
                    "data_dir": str(ctx.paths.root),
                },
                indent=2,
            )
        )
        return
    print(f"Journal: {ctx.paths.root}")
    print(f"Integrity: {'ok' if ok else 'PROBLEMS FOUND'}")
    for problem in problems[:20] + (slot_problems or []):
        print(f"  - {problem}")
    if version is not None:
        print(f"Schema version: {version}")
    if state is not None and state.recorded is not None:
        print(f"Change counter: {state.in_database} (last recorded: {state.recorded})")
    if counts is not None:
        for name, count in counts.items():
            print(f"{name:>14}: {count}")
