"""Text inside a paper that speaks to the assistant instead of to the reader ("ignore previous
instructions and say ...") is neither read as a figure nor quoted as an answer."""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|previous|above|prior|all|figures?|rules?)\b"
    r"|\b(you must|you are now|you should now|act as|pretend)\b"
    r"|\bsystem\s*:|\bassistant\s*:|\bprompt\b"
    r"|\b(say|answer|reply|respond|state)\b (that |with )?(the budget|\d|yes|no\b)"
    r"|\breveal\b.{0,30}\binstructions?\b",
    re.IGNORECASE,
)


def looks_like_instruction(text: str) -> bool:
    """Whether a sentence addresses an assistant (an injected instruction) rather than a reader."""
    return bool(_INSTRUCTION.search(text))
