"""A bill's life in commits (rewordings, an insertion that renumbers, a rename, a drop)
for the tests of history, log and status."""

from __future__ import annotations

from tests.support.repos import PARTIES, Repo, bill_yaml

BILL = "amendments/test-bill"

TEXT_A = "The owner of a platform names a representative for requests"

TEXT_N = "A new norm on age labelling of content"


def make_life(repo: Repo) -> dict[str, str]:
    """A bill's life in eight commits; returns the commit of each step by name."""
    repo.write("amendments/parties.yaml", PARTIES)
    commits = {}
    write_bill(repo, ("a", "1", TEXT_A), ("b", "2", TEXT_B), ("c", "3", TEXT_C))
    commits["first"] = repo.commit("First text", date="2021-09-01T10:00:00")
    write_bill(repo, ("a", "1", TEXT_A), ("b", "2", TEXT_B + " within a day"), ("c", "3", TEXT_C))
    commits["reword"] = repo.commit("Reword b", date="2021-10-01T10:00:00")
    write_bill(
        repo,
        ("a", "1", TEXT_A),
        ("n", "2", TEXT_N),
        ("b", "3", TEXT_B + " within a day"),
        ("c", "4", TEXT_C),
    )
    commits["insert"] = repo.commit("Insert n and renumber", date="2021-11-01T10:00:00")
    write_bill(
        repo,
        ("a", "1", TEXT_A),
        ("n", "2", TEXT_N),
        ("b", "3", TEXT_B + " within a day"),
        ("c2", "4", TEXT_C + "."),
    )
    commits["rename"] = repo.commit("Rename c to c2", date="2021-12-01T10:00:00")
    write_bill(repo, ("a", "1", TEXT_A), ("n", "2", TEXT_N), ("c2", "3", TEXT_C + "."))
    repo.write(
        f"{BILL}/proposals/P-0001.yaml",
        "date: '2021-12'\nauthor: government\naction: drop\ntarget: b\n",
    )
    repo.write(
        f"{BILL}/events/2021-12-committee.yaml",
        "date: '2021-12-20'\nkind: committee\nbody: mazhilis\noutcome: agreed\n"
        "decisions:\n  - proposal: P-0001\n    status: accepted\n",
    )
    commits["drop"] = repo.commit("Drop b", date="2022-01-01T10:00:00")
    write_bill(repo, ("n", "1", TEXT_N), ("c2", "2", TEXT_C + "."), ("a", "3", TEXT_A))
    repo.write(
        f"{BILL}/events/2021-09-first-reading.yaml",
        f"date: '2021-09-15'\nkind: reading\nstage: first-reading\nbody: mazhilis\n"
        f"outcome: approved\nversion: '{commits['first']}'\nprovisions: [b, c]\n",
    )
    repo.write(
        f"{BILL}/events/2021-10-talks.yaml",
        "date: '2021-10'\nkind: negotiation\nparticipants: [government, facebook]\n"
        "provisions: [c]\npositions:\n  - party: facebook\n    stance: opposes\n",
    )
    repo.write(
        f"{BILL}/events/2022-talks.yaml",
        "date: '2022'\nkind: negotiation\nparticipants: [facebook]\n"
        "positions:\n  - party: facebook\n    stance: agrees\n    note: a compromise\n",
    )
    repo.write(
        f"{BILL}/proposals/P-0002.yaml",
        "date: '2022-02'\nauthor: facebook\naction: replace\ntarget: a\ntext: Other words\n",
    )
    commits["move"] = repo.commit("Move a to the end", date="2022-02-01T10:00:00")
    repo.git("rm", "-r", "-q", BILL)
    commits["delete"] = repo.commit("Delete the bill", date="2022-03-01T10:00:00")
    repo.git("checkout", commits["move"], "--", BILL)
    commits["restore"] = repo.commit("Restore the bill", date="2022-04-01T10:00:00")
    return commits


def write_bill(repo: Repo, *items: tuple[str, str, str], **extra: str) -> None:
    repo.write(f"{BILL}/bill.yaml", bill_yaml(provisions=provisions_yaml(*items), **extra))


TEXT_B = "Content is removed on request of the authority"

TEXT_C = "The platform opens an office in the country within six months"


def provisions_yaml(*items: tuple[str, str, str]) -> str:
    """Provision list items from (id, number, text)."""
    return "".join(
        f"- id: {pid}\n  number: '{number}'\n  text: {text}\n" for pid, number, text in items
    )
