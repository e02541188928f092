"""Every error the library raises on purpose derives from AnalyzerError, so
callers (and the CLI) can catch "bad input or data" in one place and leave
real bugs to surface as bugs."""
from __future__ import annotations


class AnalyzerError(ValueError):
    """Input or data the analyzer cannot use; the message says what and where."""


class NoIngredientsError(AnalyzerError):
    """The input holds no ingredient list."""


class BinaryInputError(AnalyzerError):
    """The bytes are not text (an image, an archive, compressed data...)."""


class KnowledgeBaseError(AnalyzerError):
    """A knowledge-base file that cannot be used; the message says where and why."""


class LabelledSetError(AnalyzerError):
    """A labelled set that cannot be used; the message names the file and line."""


class CompareInputError(AnalyzerError):
    """A product given to compare that cannot be read."""


class SourceError(AnalyzerError):
    """An input (a path, an export) that cannot be opened or read as asked."""


class BrokenInputError(SourceError):
    """One input that cannot be read at all (unreadable, empty, not JSON, no
    ingredients column). Unlike a wrong option, it does not stop a batch: it
    gets one error record and the run goes on."""
