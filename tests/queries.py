"""Count the SQL a piece of code runs (tests and benchmarks)."""

import time
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


def steady_query_count(client, *urls):
    """How many statements GET requests to `urls` run once caches are warm.

    The first request after pages are published rebuilds what every request shares
    (site root paths); measuring it would count that too.
    """
    for url in urls:
        client.get(url)
    with recorded_queries() as statements:
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
    return len(statements)


def measure_page(client, url, renders):
    """(statements, mean milliseconds over `renders` requests, bytes) of a URL."""
    queries = steady_query_count(client, url)
    started = time.perf_counter()
    for _ in range(renders):
        response = client.get(url)
    milliseconds = (time.perf_counter() - started) / renders * 1000
    return queries, milliseconds, len(response.content)
