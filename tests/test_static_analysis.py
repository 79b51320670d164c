"""bandit finds nothing in our code; each accepted finding is justified in place."""

import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def test_bandit_is_clean():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "--configfile",
            "pyproject.toml",
            "--quiet",
            "--recursive",
            "atlas",
            "importers",
            "pages",
            "timeline",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
