"""A bounded load test: 200 concurrent requests against `ringkas serve` (a real subprocess on loopback) with a
fake model backend. Figures are printed by `python -m benchmarks.load`; here only outcomes are checked."""

from benchmarks.load import run_load


def test_two_hundred_concurrent_requests_are_served_or_shed_and_nothing_leaks():
    result = run_load(200, api_key="k-load-7d2e")
    assert sum(result.statuses.values()) == 200
    assert set(result.statuses) <= {200, 429}, result.statuses  # never a 5xx, never a hang
    assert result.statuses[200] >= 34  # 2 at work + 32 queued, by default, always get through
    for body in result.error_bodies:
        assert "too many requests" in body and "Traceback" not in body
    log = result.server_log
    assert "k-load-7d2e" not in log and "Gubernur Banten" not in log and "Traceback" not in log
