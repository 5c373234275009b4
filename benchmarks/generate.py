"""Large synthetic bills for the benchmarks: realistic Russian legal prose, stable ids,
printed numbers, and a changed version with a known mix of changes.

    from generate import make_bill, change_bill, parsed, to_model, to_yaml

    old = make_bill(5_000)              # the bill.yaml record, as a dict
    new = change_bill(old, changed=1_000)
    to_model(old)                       # a billtrack.model.Bill, built as the loader does
    data, bill = parsed(new)            # written as YAML and read back by billtrack's loader
    to_yaml(new)                        # bill.yaml text (about 4.7 MB for 5,000 provisions)

Everything is seeded: the same arguments give the same bill.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Sequence
from typing import Any

import yaml

from billtrack.model import Bill
from billtrack.store.records import build_bill
from billtrack.store.yamlio import Document, load

# Words of the kind Kazakh and Russian bills are written in, in several forms each.
_NOUNS = (
    "закон законы закона законом законе",
    "статья статьи статье статью статьей",
    "пункт пункта пункте пунктом пункты",
    "подпункт подпункта подпункте",
    "орган органа органом органы органов",
    "государство государства государственный",
    "сеть сети сетью сетей",
    "ребенок ребенка детей детям детьми",
    "информация информации информацию информацией",
    "платформа платформы платформе платформой",
    "представитель представителя представителем представительство",
    "требование требования требованию требованиями",
    "порядок порядка порядке",
    "случай случае случаях",
    "лицо лица лицом лиц",
    "право права правом прав",
    "обязанность обязанности обязанностей",
    "срок срока сроке сроки",
    "решение решения решением решений",
    "нарушение нарушения нарушений",
    "территория территории территорией",
    "республика республики республике",
    "уполномоченный уполномоченного уполномоченным",
    "пользователь пользователя пользователей пользователям",
    "контент контента контентом",
    "доступ доступа доступом",
    "ограничение ограничения ограничений",
    "защита защиты защите защитой",
    "владелец владельца владельцем",
    "ресурс ресурса ресурсов интернет-ресурс",
    "заявление заявления заявлению",
    "уведомление уведомления уведомлением",
    "кодекс кодекса кодексе",
    "ответственность ответственности",
    "соглашение соглашения соглашением",
    "регистрация регистрации регистрацию",
    "день дня дней часов часа",
    "министерство министерства министерством",
    "правительство правительства правительством",
)
_ADJECTIVES = (
    "иностранный иностранной иностранного иностранные",
    "социальный социальной социальных социальные",
    "местный местного местное",
    "обязательный обязательного обязательное обязательном",
    "электронный электронной электронного",
    "запрещенный запрещенной запрещенного запрещенные",
    "несовершеннолетний несовершеннолетних",
    "соответствующий соответствующего соответствующие",
    "настоящий настоящего настоящей настоящим",
    "законный законного законным",
    "административный административной административного",
    "информационный информационной информационного",
)
_VERBS = (
    "обязан обязана обязаны",
    "вправе",
    "обеспечивает обеспечить обеспечивают",
    "рассматривает рассмотреть рассматривается",
    "направляет направить направляется",
    "устанавливает устанавливается установлен",
    "ограничивает ограничить ограничивается",
    "удаляет удалить удаляется",
    "назначает назначить назначается",
    "осуществляет осуществляется",
    "принимает принять принимается",
    "утрачивает утратила утратил",
)
_SMALL = ("в и на с по о для при не или об в течение со дня в соответствии с",)
_PUNCT = (",", ",", ";", " —", ":")
_AMENDED = (
    "Кодекс Республики Казахстан об административных правонарушениях",
    "Закон Республики Казахстан «О правах ребенка в Республике Казахстан»",
    "Закон Республики Казахстан «Об информатизации»",
    "Закон Республики Казахстан «О средствах массовой информации»",
    "Закон Республики Казахстан «О связи»",
)
_TAGS = ("platforms", "children", "registration", "penalties", "procedure", "deadlines")
# Kazakh for multilingual bills: the same shape of sentence, in Kazakh words.
_KAZAKH = (
    "заң заңы заңның заңға баптың бабы тармақ тармағы тармақшасы орган органы уәкілетті",
    "мемлекеттік әлеуметтік желі желісі желілерінің бала балалардың балаларға ақпарат",
    "ақпаратты ақпаратқа шетелдік жергілікті өкілі өкілдігі талап талаптары тәртібі",
    "мерзімі күн күннің сағат ішінде құқығы міндетті міндеттеледі қамтамасыз етеді",
    "қарайды жібереді белгіленеді шектеледі жойылады тағайындалады Қазақстан",
    "Республикасының аумағында пайдаланушы пайдаланушылардың қорғау қорғалуы және",
    "немесе үшін бойынша сәйкес осы",
)


def _words(groups: Sequence[str]) -> list[str]:
    return [word for group in groups for word in group.split()]


_NOUN_WORDS = _words(_NOUNS)
_ADJECTIVE_WORDS = _words(_ADJECTIVES)
_VERB_WORDS = _words(_VERBS)
_SMALL_WORDS = _words(_SMALL)
_KAZAKH_WORDS = _words(_KAZAKH)


def _sentence(rng: random.Random, words: int) -> str:
    out: list[str] = []
    while len(out) < words:
        roll = rng.random()
        if roll < 0.35:
            out.append(rng.choice(_NOUN_WORDS))
        elif roll < 0.55:
            out.append(rng.choice(_ADJECTIVE_WORDS))
        elif roll < 0.67:
            out.append(rng.choice(_VERB_WORDS))
        elif roll < 0.95:
            out.append(rng.choice(_SMALL_WORDS))
        else:
            out.append(str(rng.randint(1, 365)))
        if rng.random() < 0.06 and len(out) < words - 2:
            out[-1] += rng.choice(_PUNCT)
    out[0] = out[0][0].upper() + out[0][1:]
    if rng.random() < 0.15:
        out.insert(rng.randrange(1, len(out)), f"«{rng.choice(_NOUN_WORDS)}»")
    return " ".join(out) + "."


def _kazakh_sentence(rng: random.Random, words: int) -> str:
    out = [rng.choice(_KAZAKH_WORDS) for _ in range(words)]
    out[0] = out[0][0].upper() + out[0][1:]
    return " ".join(out) + "."


def _prose(rng: random.Random, language: str = "ru") -> str:
    sentence = _kazakh_sentence if language == "kk" else _sentence
    return " ".join(sentence(rng, rng.randint(10, 19)) for _ in range(rng.randint(2, 5)))


def _text(rng: random.Random, languages: Sequence[str]) -> str | dict[str, str]:
    if len(languages) == 1:
        return _prose(rng, languages[0])
    return {language: _prose(rng, language) for language in languages}


def make_bill(
    n: int,
    *,
    seed: int = 0,
    bill_id: str = "synthetic-bill",
    languages: Sequence[str] = ("ru",),
) -> dict[str, Any]:
    """A bill.yaml record with `n` provisions: ids `p-00001`..., numbers `ст. A п. P`
    (ten points an article), a heading on each article's first point, prose text (a
    string, or a mapping by language when several `languages` are given), some `amends`
    and `tags`."""
    rng = random.Random(seed)
    provisions: list[dict[str, Any]] = []
    for k in range(n):
        article, point = divmod(k, 10)
        record: dict[str, Any] = {
            "id": f"p-{k + 1:05d}",
            "number": f"ст. {article + 1} п. {point + 1}",
        }
        if point == 0:
            record["heading"] = _sentence(rng, rng.randint(3, 7)).rstrip(".")
        record["text"] = _text(rng, languages)
        if rng.random() < 0.2:
            record["amends"] = f"{rng.choice(_AMENDED)}, ст. {rng.randint(1, 200)}"
        if rng.random() < 0.3:
            record["tags"] = sorted(rng.sample(_TAGS, rng.randint(1, 2)))
        provisions.append(record)
    return {
        "id": bill_id,
        "title": "О внесении изменений и дополнений в некоторые законодательные акты "
        "Республики Казахстан по вопросам защиты прав детей",
        "jurisdiction": "KZ",
        "language": languages[0],
        "introduced": "2021-09-15",
        "stages": ["first-reading", "second-reading", "senate", "signature"],
        "provisions": provisions,
    }


def _reword(rng: random.Random, text: str, language: str = "ru") -> str:
    """The text with one to three words replaced, inserted or deleted."""
    words = text.split()
    pool = _KAZAKH_WORDS if language == "kk" else _NOUN_WORDS + _ADJECTIVE_WORDS
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(words))
        roll = rng.random()
        if roll < 0.6:
            words[at] = rng.choice(pool)
        elif roll < 0.85 or len(words) < 4:
            words.insert(at, rng.choice(pool))
        else:
            del words[at]
    changed = " ".join(words)
    return changed if changed != text else _reword(rng, text, language)


def _reworded(rng: random.Random, text: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(text, str):
        return _reword(rng, text)
    # A multilingual text changes in one language at a time, as amendments usually do.
    language = rng.choice(sorted(text))
    return {**text, language: _reword(rng, text[language], language)}


def change_bill(
    bill: dict[str, Any],
    *,
    changed: int = 1_000,
    pool: int = 100,
    near_duplicates: int = 90,
    seed: int = 1,
) -> dict[str, Any]:
    """A later version of `bill` in which `changed` provisions differ.

    `pool` provisions are dropped and `pool` added; `near_duplicates` of those pairs are
    the same provision under a new id with a word or two changed (what rename detection
    must find), the rest are real drops and additions. Of the remaining changes, about
    62% are rewordings (a quarter of them renumbered too), 22% renumberings, 4.5% moves
    (each half the bill away), the rest heading, tag and amends edits.
    """
    rng = random.Random(seed)
    new = copy.deepcopy(bill)
    provisions: list[dict[str, Any]] = new["provisions"]
    languages = sorted(provisions[0]["text"]) if isinstance(provisions[0]["text"], dict) else []
    others = changed - near_duplicates - 2 * (pool - near_duplicates)
    if others < 0 or len(provisions) < changed + pool:
        raise ValueError("too few provisions for that many changes")
    chosen = rng.sample(range(len(provisions)), pool + others)
    renamed, lost = chosen[:near_duplicates], chosen[near_duplicates:pool]
    rest = chosen[pool:]
    rewordings = rest[: others * 62 // 100]
    renumbered = rest[len(rewordings) : len(rewordings) + others * 22 // 100]
    moved = rest[len(rewordings) + len(renumbered) :][: others * 45 // 1000]
    edited = rest[len(rewordings) + len(renumbered) + len(moved) :]

    for k in rewordings:
        record = provisions[k]
        record["text"] = _reworded(rng, record["text"])
        if rng.random() < 0.25:
            record["number"] += "-1"
    for k in renumbered:
        provisions[k]["number"] += "-1"
    for n, k in enumerate(edited):
        record = provisions[k]
        if n % 3 == 0:
            record["heading"] = _sentence(rng, rng.randint(3, 6)).rstrip(".")
        elif n % 3 == 1:
            record["tags"] = sorted({*record.get("tags", []), rng.choice(_TAGS)} ^ {"review"})
        else:
            record["amends"] = f"{rng.choice(_AMENDED)}, ст. {rng.randint(201, 300)}"
    for k in renamed:
        record = provisions[k]
        record["id"] = record["id"].replace("p-", "r-")
        record["text"] = _reworded(rng, record["text"])
    for k in lost:
        provisions[k] = {}  # dropped below, once every index has been used
    moving = [provisions[k] for k in moved]
    for k in moved:
        provisions[k] = {}
    kept = [record for record in provisions if record]
    for record, k in zip(moving, moved, strict=True):
        # Half the bill away from where it stood: a move the diff cannot read as none.
        kept.insert((k + len(kept) // 2) % len(kept), record)
    for n in range(pool - near_duplicates):
        record = {
            "id": f"n-{n + 1:05d}",
            "number": f"ст. {rng.randint(1, max(1, len(kept) // 10))} п. {n + 1}-доп",
            "text": _text(rng, languages or ["ru"]),
        }
        kept.insert(rng.randrange(len(kept) + 1), record)
    new["provisions"] = kept
    return new


def to_model(record: dict[str, Any]) -> Bill:
    """The record as a billtrack Bill, built by the same code that builds a loaded file."""
    return build_bill(Document("bill.yaml", record))


def parsed(record: dict[str, Any]) -> tuple[dict[str, Any], Bill]:
    """The record written as bill.yaml and read back by billtrack's loader, as a version
    is read: the parsed data and the Bill built from it (every string its own object,
    as after a real parse)."""
    document = load(to_yaml(record).encode("utf-8"), "bill.yaml", positions=False)
    return document.data, build_bill(document)


def to_yaml(record: dict[str, Any]) -> str:
    """The record as bill.yaml text (block style, UTF-8 letters kept)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(record, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
