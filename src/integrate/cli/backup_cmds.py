"""`integrate backup`, `restore`, `export-json`, `export-markdown` and `import-json`.

Standard input order when a verb reads two secrets: the BACKUP password is always the
first line; the journal's passphrase or recovery code (--passphrase-stdin /
--recovery-code-stdin) is the second line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from integrate.cli.context import CliContext, add_unlock_arguments
from integrate.cli.errors import EXIT_FAILURE, EXIT_LOCKED, EXIT_USAGE, CliError
from integrate.services.ownership import export_to_json, export_to_markdown, import_from_json
from integrate.vault.backup import (
    BackupError,
    BackupInfo,
    BackupUnreadable,
    backup_now,
    describe,
    inspect_backup,
    replace_vault_contents,
    restore_to_new_vault,
)
from integrate.vault.export_json import NOT_ENCRYPTED_WARNING
from integrate.vault.import_json import ImportRejected
from integrate.vault.vault import Vault, VaultError

T = TypeVar("T")
_STDIN_ORDER = (
    "Standard input: the backup password is the FIRST line; with "
    "--passphrase-stdin or --recovery-code-stdin the journal's passphrase or "
    "recovery code is the SECOND line."
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="write an encrypted backup file",
        description="Write an encrypted backup of the journal to FILE, "
        "protected by a backup password of its own (at least 8 "
        "characters; independent of the keyring and of the "
        "journal's passphrase). " + _STDIN_ORDER,
    )
    p.add_argument("--out", required=True, metavar="FILE", help="the backup file to write")
    _add_password_stdin(p)
    add_unlock_arguments(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore",
        parents=[common],
        help="restore an encrypted backup",
        description="Restore a backup. Without --replace, a new journal is "
        "made in --data-dir (which must hold none): its key goes "
        "to the system keyring where one works, and its passphrase "
        "is the one given with --passphrase-stdin or, if none, the "
        "backup password. With --replace, the current journal is "
        "unlocked, an encrypted copy of it is saved in its "
        "backups/ folder, then its records are replaced. A wrong "
        "password or damaged file changes nothing (exit code 3). " + _STDIN_ORDER,
    )
    p.add_argument("file", metavar="FILE", help="the backup file")
    _add_password_stdin(p)
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace the current journal's records (after saving a copy of it)",
    )
    p.add_argument(
        "--inspect", action="store_true", help="only show what the backup holds; change nothing"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_unlock_arguments(p)
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser(
        "export-json",
        parents=[common],
        help="export everything to an open JSON file (NOT encrypted)",
        description="Write the whole journal to FILE in the documented JSON "
        "format (docs/export-format.md). " + NOT_ENCRYPTED_WARNING,
    )
    p.add_argument("--out", required=True, metavar="FILE")
    add_unlock_arguments(p)
    p.set_defaults(handler=cmd_export_json)

    p = sub.add_parser(
        "export-markdown",
        parents=[common],
        help="export a readable Markdown folder (NOT encrypted)",
        description="Write one Markdown file per month into DIR. " + NOT_ENCRYPTED_WARNING,
    )
    p.add_argument("--out", required=True, metavar="DIR")
    add_unlock_arguments(p)
    p.set_defaults(handler=cmd_export_markdown)

    p = sub.add_parser(
        "import-json",
        parents=[common],
        help="import a JSON export",
        description="Import a JSON export (e.g. from another computer). The "
        "file is checked completely before anything is written; "
        "records already present (same id) are kept unless the "
        "file's copy is newer; all or nothing.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable summary")
    add_unlock_arguments(p)
    p.set_defaults(handler=cmd_import_json)


def _add_password_stdin(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the backup password from the first line of standard input (required)",
    )


def _backup_password(ctx: CliContext) -> str:
    if not ctx.args.password_stdin:
        raise CliError(
            "Give the backup password on standard input with --password-stdin.", EXIT_USAGE
        )
    return ctx.stdin.secret("backup password")


def cmd_backup(ctx: CliContext) -> int:
    password = _backup_password(ctx)
    target = Path(ctx.args.out).expanduser()
    with ctx.open_vault(write=False) as vault:
        try:
            written = backup_now(vault, target.resolve(), password)
        except BackupError as exc:
            raise CliError(str(exc), EXIT_FAILURE) from exc
    print(
        f"Backup written to {written}. Keep the backup password safe: without it the "
        "backup cannot be opened."
    )
    return 0


def _print_info(ctx: CliContext, info: BackupInfo, extra: dict[str, Any]) -> None:
    if ctx.args.json:
        print(json.dumps({**describe(info), **extra}, indent=2))
        return
    first = f"{info.first:%Y-%m-%d}" if info.first else "-"
    last = f"{info.last:%Y-%m-%d}" if info.last else "-"
    made = f"{info.created_at:%Y-%m-%d %H:%M}" if info.created_at else "unknown"
    print(f"Backup made {made}; records from {first} to {last}.")
    for name, count in info.counts.items():
        print(f"{name:>14}: {count}")


def cmd_restore(ctx: CliContext) -> int:
    args = ctx.args
    password = _backup_password(ctx)
    source = Path(args.file).expanduser().resolve()
    try:
        if args.inspect:
            _print_info(ctx, inspect_backup(source, password), {})
            return 0
        if args.replace:
            with ctx.open_vault(write=True) as vault:
                result = replace_vault_contents(vault, source, password)
            _print_info(ctx, result.info, {"safety_copy": str(result.safety_copy)})
            if not args.json:
                print(
                    f"Restored. The journal as it was before is saved (encrypted) at "
                    f"{result.safety_copy}."
                )
            return 0
        if args.recovery_code_stdin:
            raise CliError(
                "A new journal needs a passphrase, not a recovery code "
                "(use --passphrase-stdin, or --replace).",
                EXIT_USAGE,
            )
        paths = ctx.paths
        if paths.exists():
            raise CliError(
                f"A journal already exists in {paths.root}. Use --replace (a copy "
                "of it is saved first) or another --data-dir.",
                EXIT_FAILURE,
            )
        vault_pass = ctx.stdin.secret("passphrase") if args.passphrase_stdin else password
        restored = restore_to_new_vault(
            source, password, paths, keystore=ctx.keystore(), vault_passphrase=vault_pass
        )
        assert restored.created is not None
        with restored.created.vault as vault:
            in_keyring = vault.slots.keyring is not None
        _print_info(ctx, restored.info, {"data_dir": str(paths.root)})
        where = "the system keyring and your passphrase" if in_keyring else "your passphrase"
        print(
            f"Restored into a new journal in {paths.root}; it opens with {where}"
            f"{'' if args.passphrase_stdin else ' (the backup password)'}.\n"
            "New recovery code (shown once - write it down and keep it safe):\n"
            f"  {restored.recovery_code}",
            file=sys.stderr,
        )
        return 0
    except BackupUnreadable as exc:
        raise CliError(str(exc), EXIT_LOCKED) from exc
    except (BackupError, VaultError) as exc:
        raise CliError(str(exc), EXIT_FAILURE) from exc


def _export_open(ctx: CliContext, export: Callable[[Vault, Path], T], target: Path) -> T:
    """Warn that the export is not encrypted, then write it to `target` with `export`;
    a file that cannot be written (disk full, no permission) is a failure, said plainly."""
    print(f"Warning: {NOT_ENCRYPTED_WARNING}", file=sys.stderr)
    with ctx.open_vault(write=False) as vault:
        try:
            return export(vault, target)
        except OSError as exc:
            raise CliError(
                f"The export could not be written: {exc.strerror or exc}.", EXIT_FAILURE
            ) from exc


def cmd_export_json(ctx: CliContext) -> int:
    target = Path(ctx.args.out).expanduser().resolve()
    if not target.parent.is_dir():
        raise CliError(f"The folder {target.parent} does not exist.", EXIT_USAGE)
    counts = _export_open(ctx, export_to_json, target)
    print(f"Exported {sum(counts.values())} records to {target}.")
    return 0


def cmd_export_markdown(ctx: CliContext) -> int:
    target = Path(ctx.args.out).expanduser().resolve()
    files = _export_open(ctx, export_to_markdown, target)
    print(f"Wrote {len(files)} files to {target}.")
    return 0


def cmd_import_json(ctx: CliContext) -> int:
    source = Path(ctx.args.file).expanduser()
    with ctx.open_vault(write=True) as vault:
        try:
            summary = import_from_json(vault, source)
        except ImportRejected as exc:
            raise CliError(f"Not imported: {exc} The journal is unchanged.", EXIT_USAGE) from exc
    if ctx.args.json:
        print(
            json.dumps(
                {"added": summary.added, "updated": summary.updated, "skipped": summary.skipped},
                indent=2,
            )
        )
    else:
        print(f"Imported: {summary.sentence()}")
    return 0
