"""The commented starter configs that ``ccorg init`` writes; each passes ``ccorg check --strict``.

One file per template and language under ``templates/``: ``minimal`` (posts by fixed counts and
ratios), ``voice`` (a voice queue and the workload post that answers it, the product's core)
and ``bank`` (a bank's center: a general manager held concurrently, calls and complaints,
three departments, a budget).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

SCHEMA_MARK = "@SCHEMA@"
TEMPLATES = Path(__file__).resolve().parent / "templates"


class InitTemplate(StrEnum):
    """What `ccorg init --template` starts from."""

    minimal = "minimal"
    voice = "voice"
    bank = "bank"


def starter_config(template: str, language: str, schema_reference: str) -> str:
    """The ``template`` starter in ``language`` (zh or en), its modeline pointing at
    ``schema_reference``."""
    text = (TEMPLATES / f"{template}.{language}.yaml").read_text(encoding="utf-8")
    return text.replace(SCHEMA_MARK, schema_reference)
