"""The image's inputs: the lock (current, complete, wheels for both Pythons), the wheel, the Dockerfile.

`make image-check` builds and runs the image itself (minutes, and Docker or podman); these checks are
what CI can afford on every run, and they catch what breaks a build: a stale lock, a dependency
without a wheel, a file the build context leaves out, a module the wheel leaves out.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).parents[2]
UV = str(Path(sys.executable).parent / "uv")
LOCK = ROOT / "deploy" / "requirements.lock"
BUILD_LOCK = ROOT / "deploy" / "build-requirements.lock"
# The image's platform: Debian bookworm (glibc 2.36) on x86_64; Python 3.11 now, 3.12 by build argument.
PLATFORMS = [f"manylinux_2_{minor}_x86_64" for minor in range(36, 4, -1)] + [
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
    "linux_x86_64",
]
PYTHONS = [(3, 11), (3, 12)]


def pyproject() -> dict:  # type: ignore[type-arg]
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def without_header(text: str) -> str:
    """A requirements file without the comment lines uv writes above it (they name the command)."""
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines)


def locked_requirements(path: Path) -> list[Requirement]:
    """name==version ; marker of each requirement in a hashed requirements file."""
    joined = re.sub(r"\\\n\s*", " ", path.read_text())
    return [
        Requirement(re.sub(r"\s+--hash=\S+", "", line).strip())
        for line in joined.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(instruction, arguments) of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    found = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            instruction, _, arguments = line.strip().partition(" ")
            found.append((instruction.upper(), arguments.strip()))
    return found


def test_uv_lock_matches_pyproject() -> None:
    checked = subprocess.run(
        [UV, "lock", "--check", "--offline"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, f"run `make lock`: {checked.stderr}"


@pytest.mark.parametrize(
    ("path", "selection"),
    [(LOCK, ["--group", "image"]), (BUILD_LOCK, ["--only-group", "build"])],
    ids=["requirements", "build-requirements"],
)
def test_the_images_lock_files_are_exports_of_uv_lock(path: Path, selection: list[str]) -> None:
    exported = subprocess.run(
        [UV, "export", "--quiet", "--frozen", *selection, "--no-emit-project"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert without_header(path.read_text()) == without_header(exported), f"run `make lock` ({path.name})"


def test_the_build_group_pins_the_build_systems_requirements() -> None:
    project = pyproject()
    assert project["dependency-groups"]["build"] == project["build-system"]["requires"]


def test_every_runtime_dependency_is_locked_with_hashes() -> None:
    text = re.sub(r"\\\n\s*", " ", LOCK.read_text())
    pinned = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert pinned
    assert all("==" in line and "--hash=sha256:" in line for line in pinned)
    locked = {canonicalize_name(requirement.name) for requirement in locked_requirements(LOCK)}
    declared = [Requirement(spec) for spec in pyproject()["project"]["dependencies"]]
    assert {canonicalize_name(requirement.name) for requirement in declared} <= locked
    assert "dumb-init" in locked


@pytest.mark.parametrize("python", PYTHONS, ids=lambda version: "{}.{}".format(*version))
def test_every_locked_package_has_a_wheel_for_the_image(python: tuple[int, int]) -> None:
    """The image installs wheels only (no compiler in it): each pin needs one for its Python."""
    supported = set(cpython_tags(python, platforms=PLATFORMS)) | set(
        compatible_tags(python, "cp{}{}".format(*python), platforms=PLATFORMS)
    )
    environment = {
        "python_version": "{}.{}".format(*python),
        "python_full_version": "{}.{}.9".format(*python),
        "sys_platform": "linux",
        "platform_system": "Linux",
        "platform_machine": "x86_64",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    }
    packages = tomllib.loads((ROOT / "uv.lock").read_text())["package"]
    wheels: dict[tuple[str, str], set[Tag]] = {}
    for package in packages:
        key = (canonicalize_name(package["name"]), package["version"])
        for wheel in package.get("wheels", []):
            wheels.setdefault(key, set()).update(parse_wheel_filename(wheel["url"].rsplit("/", 1)[1])[3])
    missing = []
    for requirement in locked_requirements(LOCK) + locked_requirements(BUILD_LOCK):
        if requirement.marker is not None and not Marker(str(requirement.marker)).evaluate(environment):
            continue
        version = next(iter(requirement.specifier)).version
        if not wheels.get((canonicalize_name(requirement.name), version), set()) & supported:
            missing.append(f"{requirement.name}=={version}")
    assert not missing, f"no wheel for Python {python[0]}.{python[1]} on the image's platform: {missing}"


def test_the_wheel_carries_every_module_and_data_file(tmp_path: Path) -> None:
    source = tmp_path / "source"
    for name in ("pyproject.toml", "README.md"):
        source.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, source / name)
    tracked = subprocess.run(
        ["git", "ls-files", "service", "schemas", "jobs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    for name in ("service", "schemas", "jobs"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    # As the image's build stage does it: setuptools from the build lock, its hashes checked.
    subprocess.run(
        [UV, "build", "--quiet", "--wheel", "--out-dir", str(tmp_path / "dist"), "--build-constraints",
         str(BUILD_LOCK), "--require-hashes", str(source)],
        check=True,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    packaged = {name for name in zipfile.ZipFile(wheel).namelist() if ".dist-info/" not in name}
    assert packaged == set(tracked.stdout.split())
    entry_points = zipfile.ZipFile(wheel).read(f"{wheel.name.split('-')[0]}-0.1.0.dist-info/entry_points.txt")
    assert b"horoscope-service = service.cli:main" in entry_points


def test_the_base_image_is_pinned_by_digest_through_a_build_argument() -> None:
    instructions = dockerfile_instructions()
    pin, *again = [arguments for instruction, arguments in instructions if instruction == "ARG"]
    assert re.fullmatch(r"PYTHON_IMAGE=python:3\.11-slim-bookworm@sha256:[0-9a-f]{64}", pin)
    assert set(again) <= {"PYTHON_IMAGE"}, "later ARGs only bring the pin into a stage (its label)"
    assert all(arguments.startswith("${PYTHON_IMAGE}") for i, arguments in instructions if i == "FROM")


def test_the_image_installs_from_the_locks_and_runs_unprivileged_under_an_init() -> None:
    instructions = dockerfile_instructions()
    installs = [arguments for instruction, arguments in instructions if "pip install" in arguments]
    assert all("--require-hashes" in arguments or "--no-index" in arguments for arguments in installs)
    values = dict(instructions)
    assert values["USER"] == "10001:10001"
    assert values["STOPSIGNAL"] == "SIGTERM"
    assert values["ENTRYPOINT"].startswith('["dumb-init", "--single-child", "--"')
    assert values["HEALTHCHECK"].endswith("CMD /app/docker-entrypoint.sh health")


def test_the_build_context_holds_what_the_dockerfile_copies_and_nothing_else() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def in_context(path: str) -> bool:  # the last matching pattern decides, as Docker's does
        included = True
        for pattern in patterns:
            negated = pattern.startswith("!")
            pattern = pattern.removeprefix("!").removeprefix("**/").rstrip("/")
            parts = path.split("/")
            if any(fnmatch.fnmatch("/".join(parts[: n + 1]), pattern) for n in range(len(parts))) or (
                fnmatch.fnmatch(parts[-1], pattern)
            ):
                included = negated
        return included

    copied = [
        source
        for instruction, arguments in dockerfile_instructions()
        if instruction == "COPY" and "--from" not in arguments
        for source in arguments.split()[:-1]
        if source != "."  # the whole context: .dockerignore decides
    ]
    assert copied
    assert all(in_context(source) for source in copied), copied
    for left_out in (".git/HEAD", ".venv/bin/python", "var/redis/appendonly.aof", "tests/conftest.py"):
        assert not in_context(left_out), left_out
    assert not in_context("service/__pycache__/cli.cpython-311.pyc")
    # `COPY . ./` in the wheel stage: what the wheel is built from.
    for needed in (
        "pyproject.toml",
        "README.md",
        "service/cli.py",
        "service/content/data/x.yaml",
        "jobs/cli.py",
    ):
        assert in_context(needed), needed
    assert in_context("schemas/__init__.py")
