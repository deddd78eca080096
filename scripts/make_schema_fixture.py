"""Write tests/vault/fixtures/schema_vN/: a small vault at the current schema version.

Run once per released schema version (never regenerate an old one): the migration tests
upgrade every fixture to the latest schema. The passphrase is a test fixture, not a secret.
"""

from __future__ import annotations

import shutil
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from integrate.paths import VaultPaths
from integrate.vault import migrations
from integrate.vault.keys import KdfParams
from integrate.vault.vault import create_vault

PASSPHRASE = "schema fixture passphrase"


def main() -> int:
    version = migrations.LATEST_VERSION
    target = (
        Path(__file__).resolve().parents[1] / "tests" / "vault" / "fixtures" / f"schema_v{version}"
    )
    if target.exists():
        print(f"{target} exists; fixtures of released versions are never regenerated.")
        return 1
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    created = create_vault(
        VaultPaths(tmp), keystore=None, passphrase=PASSPHRASE, kdf=KdfParams(n=2**14)
    )
    from integrate.demo import populate_demo

    populate_demo(
        created.vault, seed=1, now=datetime(2026, 11, 1, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    )
    created.vault.close()
    (tmp / "vault.lock").unlink(missing_ok=True)
    (tmp / "PASSPHRASE").write_text(PASSPHRASE + "\n")
    tmp.rename(target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
