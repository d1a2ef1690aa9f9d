"""Errors a user can act on; the CLI prints them as one message, never a traceback."""

from __future__ import annotations


class KgError(Exception):
    """Base class: the message is meant for the user as it stands."""

    exit_code = 2


class InputError(KgError):
    """A data or ontology file cannot be read or parsed."""


class QuerySyntaxError(KgError):
    """A SPARQL query does not parse; the message names line and column."""


class UpdateRefused(KgError):
    """A SPARQL Update was sent to a read-only graph."""


class UnknownQuery(KgError):
    """No named query has that name."""


class ParameterError(KgError):
    """A query parameter is unknown or malformed."""


class EndpointError(KgError):
    """A remote SPARQL endpoint failed or could not be reached."""
