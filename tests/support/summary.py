"""The summary's story (a bill, its readings, talks and proposals, committed in order),
its hostile twin, and the schema its JSON output must match."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

from tests.support.repos import Repo

# Text that would be markup, a formula or a terminal command if it were not escaped.
HOSTILE = (
    "| cell | *bold* _em_ [x](javascript:alert(1)) <script>alert(1)</script> "
    "<img src=http://evil.example/x.png> &amp; \x1b[31mred\x1b[0m [bold]rich[/bold]"
)


def build_story(path: Path) -> tuple[Repo, dict[str, str]]:
    repo = _new_repo(path)
    return repo, _story(repo)


def build_hostile(path: Path) -> tuple[Repo, dict[str, str]]:
    """The story with hostile text in names, headings, texts, notes and sources."""
    repo = _new_repo(path)
    hostile = _yaml_string(HOSTILE)
    lines = _yaml_string(HOSTILE_LINES + " " + HOSTILE)
    proposals = dict(PROPOSALS)
    proposals["P-1"] = proposals["P-1"].replace(
        "rationale: No platform will open an office.", f"rationale: {lines}"
    )
    proposals["P-5"] = proposals["P-5"].replace(
        "text: Ответственность наступает только после предупреждения.",
        f"text: {_yaml_string('=cmd()|calc')}\n        rationale: {_yaml_string('+1 @SUM(A1)')}",
    )
    bill_v2 = BILL_V2.replace("heading: Представитель платформы", f"heading: {hostile}")
    bill_v2 = bill_v2.replace(
        "    text: >-\n"
        "      Платформа назначает представителя для взаимодействия с уполномоченным\n"
        "      органом; представитель может находиться за пределами Республики Казахстан.",
        f"    text: {lines}",
    )
    commits = _story(
        repo,
        parties=PARTIES.replace("name: ExampleNet", f"name: {hostile}"),
        bill_v2=bill_v2,
        consultation=CONSULTATION.replace(
            "note: Will not open an office.", f"note: {lines}"
        ).replace("- News report A, 2023-03", f"- {lines}"),
        negotiation=NEGOTIATION.replace(
            "note: Names a representative who works from abroad.", f"note: {hostile}"
        ),
        proposals=proposals,
    )
    return repo, commits


def mask_commits(text: str, commits: dict[str, str]) -> str:
    """Output with the story's commit ids (full and short) replaced by their names."""
    for name, commit in commits.items():
        text = text.replace(commit, f"<{name}>")
        text = re.sub(rf"\b{commit[:7]}\b", f"<{name}>", text)
    return text


def summary_schema() -> dict[str, object]:
    text = (files("billtrack.schemas") / "summary-output.schema.json").read_text("utf-8")
    loaded: dict[str, object] = json.loads(text)
    return loaded


PARTIES = """
- id: mazhilis
  name: Mazhilis
  kind: chamber
  country: KZ
- id: government
  name: Government of Kazakhstan
  kind: government
  country: KZ
- id: ministry
  name: Ministry of Digital Development
  kind: ministry
  country: KZ
- id: examplenet
  name: ExampleNet
  kind: platform
- id: chatapp
  name: ChatApp
  kind: platform
"""

BILL_V2 = """
id: story
title: On online platforms
short_title: Online platforms bill
jurisdiction: KZ
language: ru
stages: [first-reading, second-reading]
provisions:
  - id: definitions
    number: "1.1"
    heading: Основные понятия
    text: В настоящем Законе используются понятия «платформа» и «пользователь».
  - id: representative
    number: "1.2"
    heading: Представитель платформы
    text: >-
      Платформа назначает представителя для взаимодействия с уполномоченным
      органом; представитель может находиться за пределами Республики Казахстан.
  - id: removal
    number: "1.3"
    heading: Удаление контента
    text:
      kk: Платформа талапты алған сәттен бастап 24 сағат ішінде тыйым салынған контентті жояды.
      ru: >-
        Платформа удаляет запрещённый контент в течение 24 часов с момента
        получения требования уполномоченного органа.
  - id: penalties
    number: "1.4"
    heading: Ответственность
    text: >-
      За нарушение настоящего Закона платформа несёт ответственность в
      соответствии с законодательством Республики Казахстан.
"""

CONSULTATION = """
date: "2023-03"
kind: consultation
body: ministry
participants: [examplenet, chatapp]
outcome: partial
provisions: [local-office, removal]
positions:
  - party: examplenet
    stance: opposes
    note: Will not open an office.
  - party: chatapp
    stance: no-contact
summary: The ministry met the platforms online.
sources:
  - News report A, 2023-03
"""

NEGOTIATION = """
date: "2023-04-10"
kind: negotiation
stage: first-reading
body: government
participants: [ministry, examplenet]
outcome: agreed
provisions: [local-office]
positions:
  - party: examplenet
    stance: agrees
    note: Names a representative who works from abroad.
decisions:
  - proposal: P-1
    status: accepted
  - proposal: P-2
    status: accepted
  - proposal: P-3
    status: accepted
  - proposal: P-4
    status: rejected
sources:
  - Ministry statement, 2023-04-10
  - News report A, 2023-03
"""

PROPOSALS = {
    "P-1": """
        date: "2023-03"
        author: government
        action: drop
        target: local-office
        rationale: No platform will open an office.
        sources:
          - News report A, 2023-03
        """,
    "P-2": """
        date: "2023-03"
        author: government
        action: add
        target: representative
        after: local-office
        replaces: local-office
        text: >-
          Платформа назначает представителя для взаимодействия с уполномоченным
          органом; представитель может находиться за пределами Республики Казахстан.
        rationale: A representative instead of an office.
        sources:
          - Ministry statement, 2023-04-10
        """,
    "P-3": """
        date: "2023-03-20"
        author: ministry
        action: replace
        target: removal
        text:
          kk: Платформа талапты алған сәттен бастап 24 сағат ішінде тыйым салынған контентті жояды.
          ru: >-
            Платформа удаляет запрещённый контент в течение 24 часов с момента
            получения требования уполномоченного органа.
        rationale: A deadline that can be checked.
        """,
    "P-4": """
        date: "2023-03-25"
        author: examplenet
        action: add
        target: appeals
        after: penalties
        text: Платформа вправе обжаловать требование в суде.
        rationale: A right of appeal.
        """,
    "P-5": """
        date: "2023-04-15"
        author: chatapp
        action: replace
        target: penalties
        text: Ответственность наступает только после предупреждения.
        """,
}

HOSTILE_LINES = "# heading\n- item\n=cmd()"


def _story(
    repo: Repo,
    *,
    parties: str = PARTIES,
    bill_v2: str = BILL_V2,
    consultation: str = CONSULTATION,
    negotiation: str = NEGOTIATION,
    proposals: dict[str, str] | None = None,
) -> dict[str, str]:
    """Write and commit the story; return its commits by name."""
    bill = "amendments/story"
    repo.write("amendments/parties.yaml", parties)
    repo.write(f"{bill}/bill.yaml", BILL_V1)
    first = repo.commit("First text", date="2023-01-10T12:00:00+00:00")
    repo.write(f"{bill}/events/2023-02-first-reading.yaml", READING.format(commit=first))
    repo.commit("Record the first reading", date="2023-02-16T12:00:00+00:00")
    repo.write(f"{bill}/events/2023-03-consultation.yaml", consultation)
    for proposal_id, text in (proposals or PROPOSALS).items():
        repo.write(f"{bill}/proposals/{proposal_id}.yaml", text)
    repo.write(f"{bill}/events/2023-04-agreement.yaml", negotiation)
    repo.write(f"{bill}/bill.yaml", bill_v2)
    compromise = repo.commit("The compromise", date="2023-04-20T12:00:00+00:00")
    return {"first": first, "compromise": compromise}


def _new_repo(path: Path) -> Repo:
    path.mkdir(parents=True, exist_ok=True)
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main")
    return repo


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar holding any text (control characters escaped)."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


BILL_V1 = """
id: story
title: On online platforms
short_title: Online platforms bill
jurisdiction: KZ
language: ru
stages: [first-reading, second-reading]
provisions:
  - id: definitions
    number: "1.1"
    heading: Термины
    text: В настоящем Законе используются понятия «платформа» и «пользователь».
  - id: local-office
    number: "1.2"
    heading: Представительство платформы
    text: >-
      Платформа открывает представительство в Республике Казахстан в течение
      шести месяцев со дня введения в действие настоящего Закона.
  - id: removal
    number: "1.3"
    heading: Удаление контента
    text:
      kk: Платформа уәкілетті органның талабы бойынша тыйым салынған контентті дереу жояды.
      ru: >-
        Платформа незамедлительно удаляет запрещённый контент по требованию
        уполномоченного органа.
  - id: penalties
    number: "1.4"
    heading: Ответственность
    text: >-
      За нарушение настоящего Закона платформа несёт ответственность в
      соответствии с законодательством Республики Казахстан.
"""

READING = """
date: "2023-02-15"
kind: reading
stage: first-reading
body: mazhilis
outcome: approved
version: "{commit}"
provisions: [local-office]
summary: The Mazhilis approved the draft in the first reading.
sources:
  - Parliament press release, 2023-02-15
"""
