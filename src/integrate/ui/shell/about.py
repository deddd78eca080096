"""About Integrate: version, the licences of what it is built on, instrument attributions.

Licences are read from the installed packages' metadata; a package that does not
declare one falls back to what its licence file says (checked by hand, FALLBACK).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from integrate import APP_NAME, __version__
from integrate.ui.widgets.common import button, flow_row, page_title, plain_label, text_sized


def _tr(text: str) -> str:
    return QCoreApplication.translate("About", text)


# (distribution, what it does for Integrate)
DEPENDENCIES: tuple[tuple[str, str], ...] = (
    ("PySide6-Essentials", "Qt for Python: windows and PDFs (Qt)"),
    ("PySide6-Addons", "Qt for Python: charts"),
    ("shiboken6", "Qt for Python bindings"),
    ("sqlcipher3", "encrypted database (SQLCipher, SQLite, OpenSSL bundled)"),
    ("keyring", "system keyring access"),
    ("SecretStorage", "Secret Service keyring on Linux"),
    ("jeepney", "D-Bus for the keyring"),
    ("cryptography", "key wrapping and PDF encryption"),
    ("platformdirs", "standard data folders"),
    ("pypdf", "PDF passwords"),
    ("icalendar", "calendar export"),
)
# Packages whose metadata declares no licence; from their licence files.
FALLBACK = {
    "sqlcipher3": "zlib (sqlcipher3); BSD-3-Clause-style (SQLCipher); "
    "public domain (SQLite); Apache-2.0 (OpenSSL)",
}


@dataclass(frozen=True)
class Dependency:
    name: str
    version: str
    licence: str
    purpose: str


def licence_of(dist: metadata.Distribution) -> str:
    """The licence a distribution declares (SPDX expression, License field or classifier)."""
    meta = dist.metadata
    expression = meta.get_all("License-Expression") or []
    if expression:
        return str(expression[0])
    field = str((meta.get_all("License") or [""])[0]).strip()
    if field and len(field) < 120 and "\n" not in field:
        return field
    classifiers = [
        c.split("::")[-1].strip()
        for c in (meta.get_all("Classifier") or [])
        if c.startswith("License ::")
    ]
    return ", ".join(classifiers)


def dependencies() -> list[Dependency]:
    """What Integrate runs on, as installed here."""
    out = []
    for name, purpose in DEPENDENCIES:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        licence = licence_of(dist) or FALLBACK.get(name, "")
        out.append(Dependency(name, str(dist.version), licence or "see package", purpose))
    return out


def instrument_attributions() -> list[tuple[str, str]]:
    """(instrument name, attribution) for every questionnaire Integrate shows."""
    from integrate.core.measures import load_instruments

    return [(inst.name, inst.attribution) for inst in load_instruments().values()]


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_tr("About {app}").format(app=APP_NAME))
        self.resize(text_sized(760, 600, parent))  # larger with larger text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(page_title(APP_NAME))
        layout.addWidget(
            plain_label(
                _tr(
                    "Version {version}. A private journal for the days between therapy "
                    "sessions. Free software under the GNU General Public License, "
                    "version 3 or later."
                ).format(version=__version__)
            )
        )
        self.details = QTextBrowser()
        self.details.setObjectName("aboutDetails")
        self.details.setAccessibleName(_tr("Licences and attributions"))
        self.details.setOpenLinks(False)
        self.details.setPlainText(self.details_text())
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        layout.addWidget(self.details, 1)
        row = flow_row()
        row.addStretch(1)
        self.close_button = button(_tr("Close"), primary=True)
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.close_button)
        layout.addLayout(row)

    @staticmethod
    def details_text() -> str:
        """Plain text (package metadata is not ours: never shown as markup)."""
        lines = [_tr("Built with"), ""]
        for dep in dependencies():
            lines.append(f"{dep.name} {dep.version} - {dep.licence}")
            lines.append(f"    {dep.purpose}")
        lines += ["", _tr("Questionnaires"), ""]
        for name, attribution in instrument_attributions():
            lines.append(name)
            lines.append(f"    {attribution}")
        lines += [
            "",
            _tr(
                "Qt is available under the GNU Lesser General Public License version 3; "
                "you may replace the Qt libraries Integrate uses with your own build."
            ),
        ]
        return "\n".join(lines)
