"""The readers moved to :mod:`analysis.sources` (one module per format); this module keeps
``analysis.readers`` importable for code written against it."""

from analysis.sources import *  # noqa: F403
from analysis.sources import __all__ as _public
from analysis.sources.decoding import _visible  # noqa: F401

__all__ = list(_public)
