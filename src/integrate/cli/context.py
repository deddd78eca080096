"""Shared plumbing for verbs: where the vault is, unlocking it, creating it on demand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from integrate.cli.errors import (
    EXIT_DAMAGED,
    EXIT_FAILURE,
    EXIT_IN_USE,
    EXIT_LOCKED,
    EXIT_USAGE,
    CliError,
)
from integrate.cli.secrets_input import StdinReader
from integrate.paths import VaultPaths, resolve_data_dir
from integrate.services.usecases import UseCases
from integrate.vault.keystore import Keystore
from integrate.vault.vault import (
    UnlockOutcome,
    UnlockResult,
    Vault,
    VaultError,
    create_vault,
    unlock_with_keyring,
    unlock_with_passphrase,
    unlock_with_recovery,
)

# A hung keyring daemon must not keep a command waiting: after this long it says so and
# points to --passphrase-stdin (the app waits longer, off its GUI thread).
CLI_KEYRING_TIMEOUT = 3.0


def cli_keystore() -> Keystore:
    """The system keyring as commands use it (a shorter timeout than the app's)."""
    return Keystore(timeout=CLI_KEYRING_TIMEOUT)


def add_unlock_arguments(parser: argparse.ArgumentParser) -> None:
    """--passphrase-stdin / --recovery-code-stdin for verbs that open the vault."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase from the first line of standard input",
    )
    group.add_argument(
        "--recovery-code-stdin",
        action="store_true",
        help="read the recovery code from the first line of standard input",
    )


@dataclass
class CliContext:
    args: argparse.Namespace
    stdin: StdinReader = field(default_factory=StdinReader)

    @property
    def paths(self) -> VaultPaths:
        return VaultPaths(resolve_data_dir(getattr(self.args, "data_dir", None)))

    def keystore(self) -> Keystore:
        return cli_keystore()

    def _secret_args(self) -> tuple[str | None, str | None]:
        passphrase = recovery = None
        if getattr(self.args, "passphrase_stdin", False):
            passphrase = self.stdin.secret("passphrase")
        elif getattr(self.args, "recovery_code_stdin", False):
            recovery = self.stdin.secret("recovery code")
        return passphrase, recovery

    @contextmanager
    def open_vault(self, *, write: bool, create: bool = False) -> Iterator[Vault]:
        """Unlock the vault (creating it first when `create` and none exists).

        Writing verbs take the instance lock, so they refuse while the app is open, and
        run the full integrity check; reading verbs rely on SQLCipher's whole-file HMAC
        check at open (every page read is verified again) and skip the slower
        structural quick_check (docs/decisions.md).
        """
        paths = self.paths
        passphrase, recovery = self._secret_args()
        if not paths.exists():
            if not create:
                raise no_journal(paths)
            vault = self._create(paths, passphrase)
        else:
            vault = self._unlock(paths, passphrase, recovery, write)
        try:
            yield vault
        finally:
            _say_unreadable(vault)
            vault.close()

    def _create(self, paths: VaultPaths, passphrase: str | None) -> Vault:
        try:
            created = create_vault(paths, keystore=self.keystore(), passphrase=passphrase)
        except VaultError as exc:
            raise CliError(f"{exc} (use --passphrase-stdin)", EXIT_FAILURE) from exc
        print(
            "Created a new journal in "
            f"{paths.root}.\nRecovery code (shown once - write it down and keep it safe):\n"
            f"  {created.recovery_code}",
            file=sys.stderr,
        )
        return created.vault

    def _unlock(
        self, paths: VaultPaths, passphrase: str | None, recovery: str | None, write: bool
    ) -> Vault:
        if passphrase is not None:
            result = unlock_with_passphrase(paths, passphrase, take_lock=write, full_check=write)
        elif recovery is not None:
            result = unlock_with_recovery(paths, recovery, take_lock=write, full_check=write)
        else:
            result = unlock_with_keyring(paths, self.keystore(), take_lock=write, full_check=write)
        return vault_or_error(result)


def _say_unreadable(vault: Vault) -> None:
    """Tell (on stderr) how many stored records this command had to leave out."""
    from integrate.vault.unreadable import sentence

    if not vault.is_open:  # already closed: nothing more was read through it
        return
    use = UseCases(vault)
    message = sentence(use.unreadable(), "skipped")
    use.forget_unreadable()
    if message:
        print(f"Note: {message}", file=sys.stderr)


def no_journal(paths: VaultPaths) -> CliError:
    """The one way every verb says there is no journal in the folder."""
    return CliError(
        f"No journal found in {paths.root}. Create one with `integrate init` (or open the app).",
        EXIT_FAILURE,
    )


def vault_or_error(result: UnlockResult) -> Vault:
    """The vault of a successful unlock, or a CliError saying plainly what went wrong."""
    if result.ok and result.vault is not None:
        if result.vault.recovery_code_unseen:
            print(
                "Note: a change of this journal's key was interrupted and has been completed "
                "now. Its new recovery code was never shown, so the one you wrote down no "
                "longer opens the journal: make a new one in the app (Settings).",
                file=sys.stderr,
            )
        return result.vault
    message = result.message
    if result.outcome is UnlockOutcome.DB_MISSING:
        raise CliError(message, EXIT_DAMAGED)
    if result.outcome is UnlockOutcome.ROLLED_BACK:
        detail = result.state.describe() if result.state else ""
        raise CliError(
            f"{message} {detail} To open it as it is now, run "
            "`integrate check --accept-rollback` (or open the app).",
            EXIT_DAMAGED,
        )
    if result.outcome is UnlockOutcome.DAMAGED:
        detail = result.integrity.summary() if result.integrity else ""
        raise CliError(f"{message} Details: {detail}", EXIT_DAMAGED)
    if result.outcome is UnlockOutcome.IN_USE:
        raise CliError(message, EXIT_IN_USE)  # names the app or the other command
    if result.outcome in {
        UnlockOutcome.NO_VAULT,
        UnlockOutcome.SLOTS_DAMAGED,
        UnlockOutcome.TOO_NEW,
    }:
        raise CliError(message, EXIT_FAILURE)
    if result.outcome is UnlockOutcome.WRONG_SECRET:
        raise CliError(message, EXIT_LOCKED)
    raise CliError(f"{message} (use --passphrase-stdin or --recovery-code-stdin)", EXIT_LOCKED)


def require(condition: bool, message: str) -> None:
    if not condition:
        raise CliError(message, EXIT_USAGE)
