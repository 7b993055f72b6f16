"""scripts/test's control flow, in a sandbox with stand-ins for setup, the build and pytest.

What CI relies on: a failure anywhere (the build, either half) fails the run; pytest's "no test
selected" (exit 5) in one half is not a failure; extra arguments reach both halves; one verdict.
The stand-in pytest writes the junit file a real run would and exits as told; the verdict itself is
computed by the real tests/junit_summary.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FAKE_PYTHON = """#!/usr/bin/env bash
# Stand-in for .venv/bin/python: "-m pytest" is faked, anything else runs the real interpreter.
if [[ $1 == -m && $2 == pytest ]]; then
  shift 2
  echo "pytest $*" >> "$CALLS"
  half=site; rc=${FAKE_SITE_RC:-0}; failed=${FAKE_SITE_FAILED:-0}; tests=${FAKE_SITE_TESTS:-3}
  if [[ " $* " == *" --fast "* ]]; then half=fast; rc=${FAKE_FAST_RC:-0}; failed=${FAKE_FAST_FAILED:-0}; tests=${FAKE_FAST_TESTS:-2}; fi
  if [[ " $* " == *" -m waits "* ]]; then half=waits; rc=${FAKE_WAITS_RC:-0}; failed=${FAKE_WAITS_FAILED:-0}; tests=1; fi
  for arg in "$@"; do
    # the first half's list of the files holding built-site tests, as tests/conftest.py writes it
    if [[ $arg == --list-built-site-files=* ]]; then printf '%s\n' ${FAKE_SITE_FILES:-} > "${arg#*=}"; fi
    if [[ $arg == --junitxml=* && $rc != 5 ]]; then
      printf '<testsuites><testsuite name="%s" tests="%s" failures="%s" errors="0" skipped="0"/></testsuites>' \\
        "$half" "$tests" "$failed" > "${arg#--junitxml=}"
    fi
  done
  echo "fake pytest ($half half): exit $rc"
  exit "$rc"
fi
exec "$REAL_PYTHON" "$@"
"""


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    (repo / ".venv" / "bin").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "test", repo / "scripts" / "test")
    stubs = {
        "scripts/setup": '#!/usr/bin/env bash\necho "setup $*" >> "$CALLS"\n',
        "scripts/build": '#!/usr/bin/env bash\necho "build $*" >> "$CALLS"\nexit "${FAKE_BUILD_RC:-0}"\n',
        ".venv/bin/python": FAKE_PYTHON,
    }
    for rel, text in stubs.items():
        (repo / rel).write_text(text, "utf-8")
        (repo / rel).chmod(0o755)
    return repo


def run(repo: Path, *args: str, **fake: str) -> tuple[int, str, list[str]]:
    calls = repo / "calls.log"
    env = {**os.environ, "CALLS": str(calls), "REAL_PYTHON": sys.executable,
           "PYTHONPATH": str(ROOT), **fake}
    done = subprocess.run(["bash", str(repo / "scripts" / "test"), *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120)
    lines = calls.read_text("utf-8").splitlines() if calls.is_file() else []
    return done.returncode, done.stdout + done.stderr, lines


def test_both_halves_pass_one_verdict_and_the_arguments_reach_both(sandbox: Path) -> None:
    rc, out, calls = run(sandbox, "-k", "loan")
    assert rc == 0, out
    assert calls[0] == "setup --test" and "build --local" in calls
    pytest_calls = [c for c in calls if c.startswith("pytest")]
    assert len(pytest_calls) == 2
    assert "--fast" in pytest_calls[0].split() and "--built-site-only" in pytest_calls[1].split()
    assert all("-k loan" in c for c in pytest_calls)
    assert out.rstrip().splitlines()[-1] == "tests: 5 passed, 0 failed, 0 skipped"
    assert (sandbox / ".cache" / "test" / "junit.xml").is_file()


def test_a_failed_build_fails_the_run_and_no_site_test_runs(sandbox: Path) -> None:
    rc, out, calls = run(sandbox, FAKE_BUILD_RC="3")
    assert rc == 3, out
    assert not any("--built-site-only" in c for c in calls)
    assert "the build failed (exit 3)" in out


def test_a_failure_in_the_first_half_fails_the_run(sandbox: Path) -> None:
    rc, out, _ = run(sandbox, FAKE_FAST_RC="1", FAKE_FAST_FAILED="1")
    assert rc == 1, out
    assert "FAILED: the tests that need no built site (exit 1)" in out
    assert out.rstrip().splitlines()[-1] == "tests: 4 passed, 1 failed, 0 skipped"


def test_a_failure_in_the_second_half_fails_the_run(sandbox: Path) -> None:
    rc, out, _ = run(sandbox, FAKE_SITE_RC="1", FAKE_SITE_FAILED="2")
    assert rc == 1, out
    assert "FAILED: the tests of the built site (exit 1)" in out


def test_no_test_selected_in_one_half_is_not_a_failure_but_none_at_all_is(sandbox: Path) -> None:
    rc, out, _ = run(sandbox, "tests/calculators", FAKE_SITE_RC="5")
    assert rc == 0, out
    assert out.rstrip().splitlines()[-1] == "tests: 2 passed, 0 failed, 0 skipped"
    rc, out, _ = run(sandbox, "-k", "nothing", FAKE_SITE_RC="5", FAKE_FAST_RC="5")
    assert rc == 5, out


def test_fast_runs_one_pytest_and_no_build(sandbox: Path) -> None:
    rc, out, calls = run(sandbox, "--fast", "tests/pdf")
    assert rc == 0, out
    assert not any(c.startswith("build") for c in calls)
    assert [c for c in calls if c.startswith("pytest")] == [c for c in calls if "--fast tests/pdf" in c]


def _marked_waits(repo: Path) -> None:
    """A test file holding one test marked waits, as tests/deploy/test_reliability_browser.py does."""
    (repo / "tests" / "deploy").mkdir(parents=True)
    (repo / "tests" / "deploy" / "test_slow.py").write_text(
        "import pytest\n\n\n@pytest.mark.waits\ndef test_slow_link(site_dir):\n    pass\n", "utf-8")


def test_a_whole_run_puts_the_tests_marked_waits_in_a_lane_beside_the_site_half(sandbox: Path) -> None:
    """No extra arguments: the marked tests run in a pytest of their own (only their files), the
    site half leaves them out, and their junit joins the one verdict."""
    _marked_waits(sandbox)
    rc, out, calls = run(sandbox)
    assert rc == 0, out
    pytest_calls = [c.split() for c in calls if c.startswith("pytest")]
    assert len(pytest_calls) == 3, calls
    lane = [c for c in pytest_calls if " -m waits " in f" {' '.join(c)} "]
    assert len(lane) == 1 and "tests/deploy/test_slow.py" in lane[0] and "--built-site-only" in lane[0]
    site = [c for c in pytest_calls if "--built-site-only" in c and c not in lane]
    assert len(site) == 1 and "-m not waits" in " ".join(site[0]), calls
    assert "tests that mostly wait" in out
    assert out.rstrip().splitlines()[-1] == "tests: 6 passed, 0 failed, 0 skipped"


def test_a_failure_in_the_waits_lane_fails_the_run(sandbox: Path) -> None:
    _marked_waits(sandbox)
    rc, out, _ = run(sandbox, FAKE_WAITS_RC="1", FAKE_WAITS_FAILED="1")
    assert rc == 1, out
    assert out.rstrip().splitlines()[-1] == "tests: 5 passed, 1 failed, 0 skipped"


def test_a_run_with_arguments_has_no_lane(sandbox: Path) -> None:
    """Arguments pick tests: the marked ones then run where the arguments put them, as before."""
    _marked_waits(sandbox)
    rc, out, calls = run(sandbox, "-k", "slow")
    assert rc == 0, out
    pytest_calls = [c for c in calls if c.startswith("pytest")]
    assert len(pytest_calls) == 2 and not any("waits" in c for c in pytest_calls), calls


def test_a_whole_run_collects_only_the_files_the_first_half_listed(sandbox: Path) -> None:
    """The first half writes the files holding built-site tests; a whole run's site half is given
    exactly those; a run with arguments, or an empty list, leaves collection to pytest."""
    files = "tests/site/test_a.py tests/widget/test_b.py"
    rc, out, calls = run(sandbox, FAKE_SITE_FILES=files)
    assert rc == 0, out
    fast, site = [c.split() for c in calls if c.startswith("pytest")]
    assert "--fast" in fast and any(a.startswith("--list-built-site-files=") for a in fast)
    assert "--built-site-only" in site and site[-3:-1] == files.split(), site
    for args, fake in ((("-k", "loan"), files), ((), "")):
        rc, out, calls = run(sandbox, *args, FAKE_SITE_FILES=fake)
        site = [c for c in calls if "--built-site-only" in c][-1]  # calls.log keeps the runs before
        assert rc == 0 and "tests/" not in site, (args, site)


def test_the_fast_half_lists_the_files_of_the_tests_it_leaves_out(tmp_path: Path) -> None:
    """tests/conftest.py's --list-built-site-files, on two real files: one holding a built-site
    test (the crawl's CSP check), one holding none."""
    listed = tmp_path / "site-files"
    done = subprocess.run([sys.executable, "-m", "pytest", "--fast", "--collect-only", "-q", "-p", "no:cacheprovider",
                           f"--list-built-site-files={listed}", "tests/deploy/test_nginx_browser.py",
                           "tests/test_xdist_order.py"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert listed.read_text("utf-8").splitlines() == ["tests/deploy/test_nginx_browser.py"]
