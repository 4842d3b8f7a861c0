"""ccorg: contact-center organization and staffing plans as code."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ccorg")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
