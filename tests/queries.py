"""Count the SQL a piece of code runs (tests and benchmarks)."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def recorded_queries():
    """Yield a list that fills with the SQL statements run inside the block.

    Uses `execute_wrapper` rather than CaptureQueriesContext, whose cap on stored
    queries made counts drift in long runs.
    """
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield statements
