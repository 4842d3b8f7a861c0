"""What a line of a forecast CSV may hold, for every reader of one (``erlang --forecast``,
the weekly and dated forecasts a stream names).

A row is a few dozen characters. A NUL byte or a line past ``MAX_LINE_CHARS`` means the file
is not a forecast (``/dev/zero``, a binary file, a runaway quote): refused at its line before
anything parses it, so no reader spends seconds and gigabytes on one line, and no message
quotes a megabyte of it.
"""

from __future__ import annotations

from ccorg.errors import ConfigError, Location
from ccorg.i18n import N_, _

MAX_LINE_CHARS = 1024 * 1024

NUL_BYTE = N_("binary content (a NUL byte), not CSV text")  # as config.csv_text says it
LONG_LINE = N_(
    "a line longer than {limit} characters (the limit of a forecast line): not a forecast CSV"
)
LONG_QUOTE = N_(
    "a quoted field runs on past {limit} characters (the limit of a forecast line); "
    "is its closing quote missing?"
)


def not_a_forecast(display: str, line: int, message: str) -> ConfigError:
    """The error for one of the messages above, at ``line`` of the file ``display``."""
    return ConfigError.at(
        Location(display, line), _(message).format(limit=f"{MAX_LINE_CHARS:,}"), "value"
    )


def check_lines(lines: list[str], display: str) -> None:
    """Refuse a forecast's ``lines`` (``config.csv_text.decode_csv`` has refused a NUL byte)
    at the first line past the limit (1-based, as ``lines`` counts)."""
    if lines and max(map(len, lines)) > MAX_LINE_CHARS:
        long = next(i for i, line in enumerate(lines) if len(line) > MAX_LINE_CHARS)
        raise not_a_forecast(display, long + 1, LONG_LINE)
