"""deploy/prometheus and deploy/grafana: valid, tested, and naming only metrics the service exports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask

ROOT = Path(__file__).parents[2]
RULES = ROOT / "deploy" / "prometheus" / "alerts.yml"
RULE_TESTS = ROOT / "deploy" / "prometheus" / "alerts.test.yml"
DASHBOARD = ROOT / "deploy" / "grafana" / "horoscope.json"
# Series Prometheus makes itself, not the service.
PROMETHEUS_OWN = {"up"}
SUFFIXES = {"counter": ("_total", "_created"), "histogram": ("_bucket", "_sum", "_count", "_created")}


def promtool() -> str:
    """The promtool on PATH or beside this Python (`make promtool`); the test is skipped without one."""
    found = shutil.which("promtool") or shutil.which("promtool", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("promtool is not installed: `make promtool` unpacks it from Debian's prometheus package")
    return found


def alert_rules() -> list[dict[str, Any]]:
    return [rule for group in yaml.safe_load(RULES.read_text())["groups"] for rule in group["rules"]]


def dashboard_expressions() -> list[str]:
    panels = json.loads(DASHBOARD.read_text())["panels"]
    return [target["expr"] for panel in panels for target in panel["targets"]]


def as_prometheus(expr: str) -> str:
    """A dashboard expression with Grafana's variables given values Prometheus accepts."""
    return expr.replace("$__rate_interval", "5m").replace("$instance", ".*")


def series_named(expr: str) -> set[str]:
    """The metric names an expression selects: identifiers before a `{` or a range, and horoscope_*."""
    expr = re.sub(r'"[^"]*"', '""', expr)  # label values are not names
    selected = set(re.findall(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{", expr))
    keywords = {"by", "without", "on", "ignoring", "group_left", "group_right"}
    return (selected - keywords) | set(re.findall(r"\bhoroscope_[a-z0-9_]+", expr))


@pytest.fixture
def exported(make_app: Callable[..., Flask]) -> set[str]:
    """Every series name /metrics can show, from its families' TYPE lines (purging to an edge on)."""
    client = make_app(edge_backends=("varnish",), varnish_urls=("http://127.0.0.1:9",)).test_client()
    client.get("/v1/signs/leo")
    text = client.get("/metrics").get_data(as_text=True)
    names = set()
    for name, kind in re.findall(r"^# TYPE (\S+) (\S+)$", text, re.MULTILINE):
        names |= {name, *(name + suffix for suffix in SUFFIXES.get(kind, ()))}
    return names


def test_the_alert_rules_are_valid() -> None:
    checked = subprocess.run([promtool(), "check", "rules", str(RULES)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_alert_rules_pass_their_unit_tests() -> None:
    tested = subprocess.run(
        [promtool(), "test", "rules", RULE_TESTS.name], cwd=RULE_TESTS.parent, capture_output=True, text=True
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_every_alert_has_a_unit_test_that_fires_it() -> None:
    fired = {
        case["alertname"]
        for test in yaml.safe_load(RULE_TESTS.read_text())["tests"]
        for case in test["alert_rule_test"]
        if case.get("exp_alerts")
    }
    assert {rule["alert"] for rule in alert_rules()} == fired


def test_every_alert_has_a_severity_and_says_what_to_do() -> None:
    for rule in alert_rules():
        assert rule["labels"]["severity"] in ("warning", "critical"), rule["alert"]
        assert rule["annotations"]["summary"], rule["alert"]
        assert rule["annotations"]["description"], rule["alert"]


def test_the_dashboards_expressions_are_valid_promql(tmp_path: Path) -> None:
    # promtool checks PromQL in rule files: each expression as a recording rule.
    rules = {"groups": [{"name": "dashboard", "rules": []}]}
    for number, expr in enumerate(dashboard_expressions()):
        rules["groups"][0]["rules"].append(
            {"record": f"dashboard:expr_{number}", "expr": as_prometheus(expr)}
        )
    (tmp_path / "dashboard.yml").write_text(yaml.safe_dump(rules))
    checked = subprocess.run(
        [promtool(), "check", "rules", str(tmp_path / "dashboard.yml")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_dashboard_is_one_grafana_can_import() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    panels = dashboard["panels"]
    assert len({panel["id"] for panel in panels}) == len(panels)
    assert {variable["name"] for variable in dashboard["templating"]["list"]} == {"datasource", "instance"}
    for panel in panels:
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, panel["title"]
        assert panel["targets"], panel["title"]
        assert panel["description"], panel["title"]
    titles = " ".join(panel["title"].lower() for panel in panels)
    for subject in ("requests", "latency", "cache", "redis errors", "job runs", "refresh", "heartbeat"):
        assert subject in titles, f"no panel on {subject}"


def test_the_rules_and_the_dashboard_name_only_exported_metrics(exported: set[str]) -> None:
    expressions = [rule["expr"] for rule in alert_rules()] + dashboard_expressions()
    named = set().union(*(series_named(expr) for expr in expressions))
    assert "horoscope_http_request_duration_seconds_bucket" in named  # the parser finds names at all
    assert named - exported - PROMETHEUS_OWN == set()


def test_the_metric_name_parser_reads_selectors() -> None:
    expr = 'sum by (le) (rate(horoscope_x_bucket{route!~"/a|up{"}[5m])) / up{job="h"} and on () vector(1)'
    assert series_named(expr) == {"horoscope_x_bucket", "up"}
