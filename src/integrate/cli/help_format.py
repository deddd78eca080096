"""Help text that wraps to the terminal and keeps its paragraphs."""

from __future__ import annotations

import argparse
import textwrap


class ParagraphHelpFormatter(argparse.HelpFormatter):
    """Like argparse's default (description and epilog wrapped to the terminal's width),
    but a blank line still separates paragraphs. RawDescriptionHelpFormatter kept the
    paragraphs but printed a long description as one line wider than any terminal."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = [p for p in text.strip("\n").split("\n\n")]
        return "\n\n".join(
            textwrap.fill(
                " ".join(p.split()), width, initial_indent=indent, subsequent_indent=indent
            )
            for p in paragraphs
            if p.strip()
        )
