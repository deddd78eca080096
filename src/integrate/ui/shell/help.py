"""In-app help: topics written as Markdown in resources/help/ (our own files only).

Shift+F1 or the "Help" button in the top bar opens it, locked or unlocked. The data
folder's path is shown as plain text below the topics, never mixed into the Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from integrate.resources import load_toml, resource_path
from integrate.ui.base import theme
from integrate.ui.base.icons import icon
from integrate.ui.widgets.common import button, flow_row, plain_label, text_sized
from integrate.ui.widgets.flow import SideBySide


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


@dataclass(frozen=True)
class HelpTopic:
    key: str
    title: str
    markdown: str


def _topic_file(key: str, language: str) -> Path:
    localised = resource_path("help", language, f"{key}.md")
    return localised if language and localised.is_file() else resource_path("help", f"{key}.md")


def help_topics(language: str | None = None) -> list[HelpTopic]:
    """Topics in index order; a translation in resources/help/<language>/ wins."""
    lang = (language if language is not None else QLocale().name()).split("_")[0]
    topics = []
    for key in load_toml("help", "index.toml")["topics"]:
        text = _topic_file(key, lang).read_text(encoding="utf-8")
        first = text.lstrip().splitlines()[0] if text.strip() else key
        title = first.lstrip("#").strip() if first.startswith("#") else key
        topics.append(HelpTopic(key, title, text))
    return topics


class HelpDialog(QDialog):
    """Topics on the left, the chosen topic on the right, the data folder below."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(_tr("Help"))
        self.resize(text_sized(900, 640, parent))
        self.data_dir = data_dir
        self.topics = help_topics()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        body = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("helpTopics")
        self.list.setAccessibleName(_tr("Help topics"))
        self.list.setSpacing(round(3 * theme.scale()))  # wrapped titles stay apart
        self._fit_list(self.width())
        self.list.setWordWrap(True)  # long titles wrap rather than scroll sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for topic in self.topics:
            self.list.addItem(topic.title)
        self.text = QTextBrowser()
        self.text.setObjectName("helpText")
        self.text.setAccessibleName(_tr("Help text"))
        self.text.setOpenLinks(False)  # our files link nowhere; nothing is fetched
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        body.addWidget(self.list)
        body.addWidget(self.text, 1)
        layout.addLayout(body, 1)

        self.folder_label = plain_label(
            _tr("Your journal's folder: {path}").format(path=str(data_dir)), object_name="muted"
        )
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setAccessibleName(_tr("Your journal's folder"))
        self.folder_label.setAccessibleDescription(str(data_dir))
        self.copy_button = button(_tr("Copy folder path"))
        self.copy_button.clicked.connect(self._copy_path)
        self.open_button = button(_tr("Open folder"))
        self.open_button.clicked.connect(self._open_folder)
        self.open_button.setEnabled(data_dir.is_dir())
        folder_buttons = QHBoxLayout()
        folder_buttons.addWidget(self.copy_button)
        folder_buttons.addWidget(self.open_button)
        # The path with its buttons beside it, or under it when there is no room.
        layout.addLayout(SideBySide(self.folder_label, folder_buttons, main_chars=30))

        buttons = flow_row()
        self.about_button = button(_tr("About Integrate"), accessible=_tr("About Integrate"))
        self.about_button.setIcon(icon("about"))
        self.about_button.clicked.connect(self.show_about)
        buttons.addWidget(self.about_button)
        buttons.addStretch(1)
        self.close_button = button(_tr("Close"), primary=True)
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.list.currentRowChanged.connect(self.show_topic)
        self.list.setCurrentRow(0)
        self.list.setFocus()

    def _fit_list(self, width: int) -> None:
        """220-300 px beside 11 pt text, growing with it, but never more than 40% of the
        dialog: the topic itself needs the room more."""
        most = min(round(300 * theme.scale()), int(width * 0.4))
        self.list.setMaximumWidth(most)
        self.list.setMinimumWidth(min(round(220 * theme.scale()), most))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_list(event.size().width())

    def show_topic(self, row: int) -> None:
        if 0 <= row < len(self.topics):
            self.text.setMarkdown(self.topics[row].markdown)

    def open_topic(self, key: str) -> None:
        for row, topic in enumerate(self.topics):
            if topic.key == key:
                self.list.setCurrentRow(row)

    def _copy_path(self) -> None:
        QGuiApplication.clipboard().setText(str(self.data_dir))

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

    def show_about(self) -> None:
        from integrate.ui.shell.about import AboutDialog

        dialog = AboutDialog(self)
        dialog.open()
