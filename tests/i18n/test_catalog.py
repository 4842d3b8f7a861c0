"""The Chinese catalog covers every message and its compiled .mo is current.

Messages are what ``_()``, ``N_()`` and ``ngettext()`` mark in src/ccorg. After adding or
changing one, ``pytest tests/i18n --update-golden`` adds it to ccorg.po (and drops messages no
longer used); translate the new entries there, then run it again to compile ccorg.mo.
"""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from ccorg.i18n import LOCALE_DIR

SOURCE = Path(__file__).resolve().parents[2] / "src" / "ccorg"
PO = LOCALE_DIR / "zh" / "LC_MESSAGES" / "ccorg.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def source_messages() -> dict[str | tuple[str, str], list[tuple[str, int]]]:
    """Every marked message in the package, and every help text of the command line, with
    where it is used."""
    found: dict[str | tuple[str, str], list[tuple[str, int]]] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        SOURCE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        found.setdefault(message, []).append((filename, line))
    for text in help_texts():
        found.setdefault(text, []).append(("cli.py", 0))
    return found


def help_texts() -> list[str]:
    """The help of every command and option as typer builds it (cli_help.polish translates
    them when the help is shown)."""
    from typer._click import Context
    from typer.main import get_command

    from ccorg.cli import app
    from ccorg.cli_help import walk

    texts = []
    for command in walk(get_command(app)):
        texts += [command.help, command.short_help, command.epilog]
        context = Context(command, info_name=command.name, help_option_names=["-h", "--help"])
        for param in [*command.params, command.get_help_option(context)]:
            texts.append(getattr(param, "help", None))
    return [text for text in texts if text]


def read_catalog() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="zh_Hans_CN", domain="ccorg")


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def catalog(request: pytest.FixtureRequest) -> Catalog:
    catalog = read_catalog()
    if request.config.getoption("--update-golden"):
        _update(catalog)
        catalog = read_catalog()
    return catalog


def _update(catalog: Catalog) -> None:
    """Add new messages, drop unused ones, keep every translation, recompile the .mo."""
    template = Catalog(locale="zh_Hans_CN", domain="ccorg")
    for message, places in sorted(source_messages().items(), key=lambda item: str(item[0])):
        template.add(message, locations=[(filename, None) for filename, _line in places])
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    catalog.obsolete.clear()
    with PO.open("wb") as handle:
        # Files without line numbers: an edit elsewhere in a file does not churn the catalog.
        write_po(handle, catalog, width=100, sort_output=True, include_lineno=False)
    translated = read_catalog()
    MO.write_bytes(compiled(translated))


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def test_every_message_has_a_chinese_translation(catalog: Catalog) -> None:
    missing = []
    for message, places in source_messages().items():
        key = _key(message)
        entry = catalog.get(key)
        strings = () if entry is None else entry.string
        strings = (strings,) if isinstance(strings, str) else strings
        if entry is None or entry.fuzzy or not all(strings):
            filename, line = places[0]
            missing.append(f"{filename}:{line}: {key!r}")
    assert not missing, "untranslated (run pytest tests/i18n --update-golden):\n" + "\n".join(
        missing
    )


def test_catalog_holds_no_unused_message(catalog: Catalog) -> None:
    used = {_key(message) for message in source_messages()}
    unused = [message.id for message in catalog if message.id and _key(message.id) not in used]
    assert not unused


def test_translations_keep_their_placeholders(catalog: Catalog) -> None:
    """A translation names the same {fields} as its English, or format() would fail."""
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for translated in filter(None, strings):
            assert fields(translated) == fields(ids[-1]), message.id


def test_compiled_catalog_is_current(catalog: Catalog) -> None:
    assert MO.read_bytes() == compiled(catalog), (
        "ccorg.mo is stale: pytest tests/i18n --update-golden"
    )


def test_compiled_catalogs_ship_in_the_package() -> None:
    """A non-editable install carries the .mo: pyproject's package-data globs match it."""
    pyproject = tomllib.loads((SOURCE.parents[1] / "pyproject.toml").read_text("utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["ccorg.i18n"]
    package = SOURCE / "i18n"
    shipped = {path for pattern in globs for path in package.glob(pattern)}
    assert MO in shipped
