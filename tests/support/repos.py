"""Real git repositories in temp dirs, with a pinned identity and no user config, and
the smallest valid data root to put in them."""

from __future__ import annotations

import os
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Aide",
    "GIT_AUTHOR_EMAIL": "aide@example.org",
    "GIT_COMMITTER_NAME": "Test Aide",
    "GIT_COMMITTER_EMAIL": "aide@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@dataclass
class Repo:
    """A real git repository in a temp dir, with helpers to write files and commit."""

    path: Path

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.path,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **GIT_ENV},
        )
        return done.stdout.strip()

    def write(self, relative: str, content: str) -> Path:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return path

    def commit(self, message: str = "change", *, date: str | None = None) -> str:
        """Commit everything; `date` (ISO) sets both author and committer dates."""
        self.git("add", "-A")
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
        subprocess.run(
            ["git", "commit", "-q", "--allow-empty", "-m", message],
            cwd=self.path,
            check=True,
            env={**os.environ, **GIT_ENV, **env},
        )
        return self.git("rev-parse", "HEAD")


PARTIES = """
- id: mazhilis
  name: Mazhilis
  kind: chamber
  country: KZ
- id: government
  name: Government of Kazakhstan
  kind: government
  country: KZ
- id: facebook
  name: Facebook
  kind: platform
"""


def bill_yaml(bill_id: str = "test-bill", provisions: str = "", **extra: str) -> str:
    """A valid bill.yaml; `provisions` is the YAML of the list items, indented by 2."""
    head = {
        "id": bill_id,
        "title": "A test bill",
        "jurisdiction": "KZ",
        "language": "ru",
        **extra,
    }
    lines = [f'{key}: "{value}"' for key, value in head.items()]
    body = textwrap.dedent(provisions).strip("\n")
    if body:
        lines.append("provisions:")
        lines.extend("  " + line for line in body.splitlines())
    else:
        lines.append("provisions: []")
    return "\n".join(lines) + "\n"
