"""deploy/varnish/default.vcl (and the horoscope.vcl it includes) under varnishtest: its caching and
purging rules without the service."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.edge.varnish import NO_JAIL, render_vcl

HERE = Path(__file__).parent


@pytest.mark.usefixtures("varnish_ready")
def test_the_reference_vcl_passes_its_varnishtest(tmp_path: Path) -> None:
    vcl = re.sub(r"^vcl 4\.1;\n", "", render_vcl(8000, probe=False))  # varnishtest states the version
    vcl = vcl.replace('.host = "127.0.0.1";', '.host = "${s1_addr}";').replace(
        '.port = "8000";', '.port = "${s1_port}";'
    )
    vtc = tmp_path / "default.vtc"
    vtc.write_text((HERE / "default.vtc.in").read_text().replace("@VCL@", vcl))
    done = subprocess.run(["varnishtest", "-q", str(vtc)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]


@pytest.mark.usefixtures("varnish_ready")
def test_the_reference_vcl_compiles_as_shipped_with_its_include(tmp_path: Path) -> None:
    """default.vcl finds horoscope.vcl beside it, wherever the two are copied."""
    vcl = Path(__file__).parents[2] / "deploy" / "varnish" / "default.vcl"
    done = subprocess.run(
        ["varnishd", *NO_JAIL, "-C", "-n", str(tmp_path / "work"), "-f", str(vcl)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "xkey" in done.stderr, "the C it prints holds the included rules"
