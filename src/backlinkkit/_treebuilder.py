"""html5lib tree construction with a depth cap (stub: no cap yet)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import html5lib

__all__ = ["parse"]


def parse(text: str) -> tuple[ET.Element, bool]:
    """Parse *text* (scripting disabled); return the root and whether the depth cap was hit."""
    root: ET.Element = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=True)
    return root, False
