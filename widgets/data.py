"""The one loader for everything in ``data/``; every file is validated as it is read.

An invalid file raises :class:`DataError` naming the file, the row (as a line number in the
file for CSV, as the question and option for YAML) and the column or field.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import re
from pathlib import Path

import pandas as pd
import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent  # chapters/, references.bib
DATA_DIR = Path(os.environ.get("COURSE_DATA_DIR", PROJECT_DIR / "data"))
SLUG = re.compile(r"^[a-z0-9][a-z0-9_]*$")


class DataError(ValueError):
    """A data file is missing, malformed or inconsistent."""


def data_path(name: str) -> Path:
    """Path of a file in the course's ``data/`` folder."""
    path = DATA_DIR / name
    if not path.is_file():
        raise DataError(f"{path}: data file not found")
    return path


# -- CSV tables -------------------------------------------------------------------------------

def _text(value, required=True):
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        if required:
            raise ValueError("must not be empty")
        return ""
    return str(value).strip()


def _integer(low, high):
    def parse(value):
        text = _text(value)
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f"must be a whole number between {low} and {high}; got {text!r}")
        number = int(text)
        if not low <= number <= high:
            raise ValueError(f"must be between {low} and {high}; got {number}")
        return number
    return parse


def _one_of(*choices):
    def parse(value):
        text = _text(value)
        if text not in choices:
            raise ValueError(f"must be one of {list(choices)}; got {text!r}")
        return text
    return parse


def _slug(value):
    text = _text(value)
    if not SLUG.match(text):
        raise ValueError(f"must be lower-case letters, digits and underscores; got {text!r}")
    return text


def _optional(value):
    return _text(value, required=False)


def _fraction(value):
    text = _text(value)
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"must be a number between 0 and 1; got {text!r}") from None
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"must be between 0 and 1; got {number}")
    return number


def read_table(name: str, columns: dict, unique: str | None = None) -> pd.DataFrame:
    """Read ``data/<name>`` and parse every cell with its column's parser.

    Parameters
    ----------
    name : str
        File name inside ``data/``.
    columns : dict
        Column name -> parser (raises ``ValueError`` with a reason on bad input).
    unique : str, optional
        Column whose values must be unique.
    """
    path = data_path(name)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise DataError(f"{path}: cannot be read as CSV: {error}") from error
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise DataError(f"{path}, line 1 (header): missing column(s) {missing}; expected {list(columns)}")
    rows, seen = [], {}
    for index, record in enumerate(raw.to_dict("records")):
        line = index + 2  # header is line 1
        row = {}
        for column, parse in columns.items():
            try:
                row[column] = parse(record[column])
            except ValueError as error:
                raise DataError(f"{path}, line {line}, column '{column}': {error}") from None
        if unique:
            key = row[unique]
            if key in seen:
                raise DataError(f"{path}, line {line}, column '{unique}': {key!r} already used on line {seen[key]}")
            seen[key] = line
        rows.append(row)
    return pd.DataFrame(rows, columns=list(columns))


@functools.cache
def load_chapters() -> pd.DataFrame:
    """Chapters of the course: ``number``, ``title``, ``notebook``, ``essay_section``."""
    return read_table("chapters.csv", {"number": _integer(0, 8), "title": _text,
                                       "notebook": _text, "essay_section": _text}, unique="number")


@functools.cache
def load_ideas() -> pd.DataFrame:
    """Theorists, concepts and findings of the map of ideas (see ``data/README.md``)."""
    return read_table("ideas.csv", {
        "id": _slug, "label": _text, "kind": _one_of("theorist", "concept", "finding"),
        "year": _integer(1850, 2030), "chapter": _integer(0, 8), "essay_label": _optional,
        "summary": _text, "bibkey": _text}, unique="id")


@functools.cache
def load_idea_links() -> pd.DataFrame:
    """Links between ideas; every ``source`` and ``target`` must be an id in ``ideas.csv``."""
    links = read_table("idea_links.csv", {"source": _slug, "target": _slug, "relation": _text})
    ids = set(load_ideas().id)
    for index, row in links.iterrows():
        for column in ("source", "target"):
            if row[column] not in ids:
                raise DataError(f"{data_path('idea_links.csv')}, line {index + 2}, column '{column}': "
                                f"{row[column]!r} is not an id in ideas.csv")
    return links


@functools.cache
def load_modes() -> pd.DataFrame:
    """Schema modes of the two people of chapter 4 (see ``data/README.md``).

    Each person needs exactly one mode of kind ``healthy`` (their Healthy Adult).
    """
    modes = read_table("modes.csv", {
        "id": _slug, "person": _one_of("A", "B"), "standard_name": _text, "essay_label": _optional,
        "kind": _one_of("child", "coping", "parent", "healthy"), "description": _text,
        "research_basis": _text}, unique="id")
    for person in ("A", "B"):
        healthy = modes[(modes.person == person) & (modes.kind == "healthy")]
        if len(healthy) != 1:
            raise DataError(f"{data_path('modes.csv')}, column 'kind': person {person} needs exactly one "
                            f"mode of kind 'healthy'; found {len(healthy)}")
    return modes


@functools.cache
def load_mode_evocations() -> pd.DataFrame:
    """How strongly a mode of one person evokes each mode of the other (see ``data/README.md``).

    ``from_mode`` and ``to_mode`` must be ids in ``modes.csv`` of different people; each pair at
    most once; every mode must evoke something (its weights may not all be zero).
    """
    path = data_path("mode_evocations.csv")
    links = read_table("mode_evocations.csv", {"from_mode": _slug, "to_mode": _slug,
                                               "weight": _fraction, "rationale": _text})
    person = load_modes().set_index("id").person
    seen = {}
    for index, row in links.iterrows():
        line = index + 2
        for column in ("from_mode", "to_mode"):
            if row[column] not in person.index:
                raise DataError(f"{path}, line {line}, column '{column}': {row[column]!r} is not an id in modes.csv")
        if person[row.from_mode] == person[row.to_mode]:
            raise DataError(f"{path}, line {line}, column 'to_mode': {row.to_mode!r} belongs to the same "
                            f"person as {row.from_mode!r}; a mode evokes a mode of the other person")
        pair = (row.from_mode, row.to_mode)
        if pair in seen:
            raise DataError(f"{path}, line {line}, column 'to_mode': the pair {pair} is already on line {seen[pair]}")
        seen[pair] = line
    totals = links.groupby("from_mode").weight.sum()
    for mode in person.index:
        if totals.get(mode, 0.0) <= 0.0:
            raise DataError(f"{path}, column 'from_mode': mode {mode!r} has no row with a weight above 0; "
                            "every mode must evoke something in the other person")
    return links


# -- YAML files: shared checks ----------------------------------------------------------------

def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DataError(f"{path}: not valid YAML: {error}") from error


def _require_text(mapping, fields, where, shape: str | None = None, prefix: str = "") -> None:
    """``mapping`` must be a mapping (described as ``shape`` in the error) whose ``fields`` are
    non-empty text; errors name ``where`` and the field (``prefix`` + name)."""
    if not isinstance(mapping, dict):
        raise DataError(f"{where}: expected a mapping with {shape or ', '.join(fields)}")
    for field in fields:
        if not isinstance(mapping.get(field), str) or not mapping[field].strip():
            raise DataError(f"{where}, field '{prefix}{field}': must be non-empty text")


def _claim_id(value: str, seen: set, where, scope: str = "") -> None:
    """Add ``value`` to ``seen``; an id seen before is an error (``scope``: where it must be unique)."""
    if value in seen:
        raise DataError(f"{where}, field 'id': {value!r} is used twice{scope}")
    seen.add(value)


# -- YAML quizzes -----------------------------------------------------------------------------

def load_quiz(chapter: str) -> dict:
    """Questions of ``data/quizzes/<chapter>.yaml``, validated.

    Every question needs a unique ``id``, a ``prompt`` and 2–6 ``options``, each with ``text``,
    ``feedback`` and ``correct`` (exactly one true); ``objective`` is the number of the chapter's
    learning objective it checks (the tests require it; the instructor's answer key shows it).
    """
    path = data_path(f"quizzes/{chapter}.yaml")
    quiz = _read_yaml(path)
    if not isinstance(quiz, dict) or not isinstance(quiz.get("questions"), list) or not quiz["questions"]:
        raise DataError(f"{path}: expected a mapping with a non-empty list 'questions'")
    ids = set()
    for n, question in enumerate(quiz["questions"], start=1):
        where = f"{path}, question {n}"
        _require_text(question, ("id", "prompt"), where, shape="id, prompt, options")
        _claim_id(question["id"], ids, where)
        options = question.get("options")
        if not isinstance(options, list) or not 2 <= len(options) <= 6:
            raise DataError(f"{where} ({question['id']}), field 'options': must list 2 to 6 options")
        for k, option in enumerate(options, start=1):
            at = f"{where} ({question['id']}), option {k}"
            _require_text(option, ("text", "feedback"), at, shape="text, correct, feedback")
            if not isinstance(option.get("correct"), bool):
                raise DataError(f"{at}, field 'correct': must be true or false")
        if sum(o["correct"] for o in options) != 1:
            raise DataError(f"{where} ({question['id']}), field 'options': exactly one option must be correct")
        objective = question.get("objective")
        if objective is not None and (isinstance(objective, bool) or not isinstance(objective, int) or objective < 1):
            raise DataError(f"{where} ({question['id']}), field 'objective': must be the number (1, 2, ...) of "
                            f"the chapter's learning objective it checks; got {objective!r}")
    return quiz


# -- YAML sorters -----------------------------------------------------------------------------

def load_sorter(name: str) -> dict:
    """Items of the sorting exercise ``data/sorters/<name>.yaml``, validated.

    The file needs ``instructions`` (text), 2–6 ``categories`` (each with a unique ``id`` and a
    ``label``) and at least 3 ``items``, each with a unique ``id``, ``text``, an ``answer`` that is
    a category id, and ``feedback`` with one non-empty text for every category.
    """
    path = data_path(f"sorters/{name}.yaml")
    sorter = _read_yaml(path)
    _require_text(sorter, ("instructions",), path, shape="instructions, categories and items")
    categories = sorter.get("categories")
    if not isinstance(categories, list) or not 2 <= len(categories) <= 6:
        raise DataError(f"{path}, field 'categories': must list 2 to 6 categories")
    category_ids = set()
    for n, category in enumerate(categories, start=1):
        where = f"{path}, category {n}"
        _require_text(category, ("id", "label"), where, shape="id and label")
        _claim_id(category["id"], category_ids, where)
    ids = [category["id"] for category in categories]
    items = sorter.get("items")
    if not isinstance(items, list) or len(items) < 3:
        raise DataError(f"{path}, field 'items': must list at least 3 items")
    seen = set()
    for n, item in enumerate(items, start=1):
        where = f"{path}, item {n}"
        _require_text(item, ("id", "text"), where, shape="id, text, answer, feedback")
        where = f"{where} ({item['id']})"
        _claim_id(item["id"], seen, where)
        if item.get("answer") not in ids:
            raise DataError(f"{where}, field 'answer': must be one of the category ids {ids}; got {item.get('answer')!r}")
        feedback = item.get("feedback")
        if not isinstance(feedback, dict):
            raise DataError(f"{where}, field 'feedback': expected one entry per category {ids}")
        _require_text(feedback, ids, where, prefix="feedback.")
        extra = sorted(set(feedback) - set(ids))
        if extra:
            raise DataError(f"{where}, field 'feedback': {extra} are not category ids {ids}")
    return sorter


# -- YAML reflection prompts ------------------------------------------------------------------

@functools.cache
def load_reflections() -> dict:
    """Reflection prompts, ``data/reflections.yaml``: chapter -> list of prompt sets.

    Each set needs an ``id`` (unique within its chapter), a ``title`` and a non-empty list of
    ``prompts`` (each with an ``id`` unique in the file and a ``text``); ``closing`` is optional.
    """
    path = data_path("reflections.yaml")
    reflections = _read_yaml(path)
    if not isinstance(reflections, dict) or not reflections:
        raise DataError(f"{path}: expected a mapping from chapter (e.g. ch01) to prompt sets")
    prompt_ids = set()
    for chapter, sets in reflections.items():
        where = f"{path}, chapter '{chapter}'"
        if not re.fullmatch(r"ch0[0-8]", str(chapter)):
            raise DataError(f"{where}: chapter keys must be ch00 to ch08")
        if not isinstance(sets, list) or not sets:
            raise DataError(f"{where}: expected a non-empty list of prompt sets")
        set_ids = set()
        for n, prompt_set in enumerate(sets, start=1):
            at = f"{where}, set {n}"
            _require_text(prompt_set, ("id", "title"), at, shape="id, title, prompts")
            _claim_id(prompt_set["id"], set_ids, at, scope=" in this chapter")
            if "closing" in prompt_set and not isinstance(prompt_set["closing"], str):
                raise DataError(f"{at}, field 'closing': must be text")
            prompts = prompt_set.get("prompts")
            if not isinstance(prompts, list) or not prompts:
                raise DataError(f"{at}, field 'prompts': must be a non-empty list")
            for k, prompt in enumerate(prompts, start=1):
                spot = f"{at}, prompt {k}"
                _require_text(prompt, ("id", "text"), spot, shape="id, text")
                _claim_id(prompt["id"], prompt_ids, spot, scope=" in the file")
    return reflections


# -- YAML helplines (the care page) -----------------------------------------------------------

HELPLINE_FIELDS = {
    "emergency": {"required": ("region", "number"), "optional": ("note",)},
    "helplines": {"required": ("country", "service", "for", "phone"),
                  "optional": ("text", "chat", "hours", "website")},
}
PHONE = re.compile(r"^\+?[0-9][0-9 \-]*[0-9]$")
# No "&": MyST writes it into links twice-escaped, which breaks them (MyST-Parser issue #760).
URL = re.compile(r"^https?://[^\s/]+\.[^\s&]+$")


def tel_link(number: str) -> str:
    """``tel:`` address of a phone number as written in ``helplines.yaml`` (digits and a leading +)."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


@functools.cache
def load_helplines() -> dict:
    """Emergency numbers and helplines for the care page, ``data/helplines.yaml``, validated.

    Returns ``{"emergency": [...], "helplines": [...]}``. Every entry needs its text fields (see
    :data:`HELPLINE_FIELDS`), a phone number of digits, spaces and hyphens, one or more
    ``sources`` (web addresses where the number was checked) and ``checked`` (the date of that
    check, not in the future). Unknown fields are errors, so a misspelt field is not lost.
    """
    path = data_path("helplines.yaml")
    content = _read_yaml(path)
    if not isinstance(content, dict) or set(content) != set(HELPLINE_FIELDS):
        raise DataError(f"{path}: expected a mapping with exactly the lists {sorted(HELPLINE_FIELDS)}")
    today = dt.date.today()
    for section, fields in HELPLINE_FIELDS.items():
        entries = content[section]
        if not isinstance(entries, list) or not entries:
            raise DataError(f"{path}, '{section}': must be a non-empty list")
        for n, entry in enumerate(entries, start=1):
            where = f"{path}, {section} entry {n}"
            _require_text(entry, fields["required"], where)
            where = f"{where} ({entry[fields['required'][0]]})"
            allowed = set(fields["required"]) | set(fields["optional"]) | {"sources", "checked"}
            unknown = sorted(set(entry) - allowed)
            if unknown:
                raise DataError(f"{where}: unknown field(s) {unknown}; allowed: {sorted(allowed)}")
            for field in fields["optional"]:
                if field in entry and (not isinstance(entry[field], str) or not entry[field].strip()):
                    raise DataError(f"{where}, field '{field}': must be non-empty text when given")
            number = entry.get("phone", entry.get("number"))
            if not PHONE.match(number):
                raise DataError(f"{where}: {number!r} is not a phone number (digits, spaces and hyphens)")
            for field in ("website",):
                if field in entry and not URL.match(entry[field]):
                    raise DataError(f"{where}, field '{field}': {entry[field]!r} is not a web address (http:// or https://, no '&')")
            sources = entry.get("sources")
            if not isinstance(sources, list) or not sources:
                raise DataError(f"{where}, field 'sources': list the web page(s) where the number was checked")
            for k, source in enumerate(sources, start=1):
                if not isinstance(source, str) or not URL.match(source):
                    raise DataError(f"{where}, field 'sources', item {k}: {source!r} is not a web address (http:// or https://, no '&': MyST breaks such links)")
            checked = entry.get("checked")
            if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime) or checked > today:
                raise DataError(f"{where}, field 'checked': must be the date of the check, YYYY-MM-DD, "
                                f"not after today ({today}); got {checked!r}")
    return content


# -- YAML predictions (predict, then reveal) --------------------------------------------------

@functools.cache
def load_predictions(chapter: str) -> dict:
    """Predict-then-reveal questions of one chapter, ``data/predictions/<chapter>.yaml``:
    id -> prediction, validated.

    Every id starts with the chapter and a dash (``ch02-hope``). Each prediction needs a
    ``prompt`` (what to predict, before touching the model), 2 to 5 ``options`` (non-empty texts)
    and a ``reveal`` (what the model shows, shown only after an option is chosen); ``shows`` is
    optional: the number (1-based) of the option the model bears out, when one does.
    """
    if not re.fullmatch(r"ch0[0-8]", chapter):
        raise DataError(f"chapter must be ch00 to ch08; got {chapter!r}")
    path = data_path(f"predictions/{chapter}.yaml")
    content = _read_yaml(path)
    if not isinstance(content, dict) or not content:
        raise DataError(f"{path}: expected a mapping from prediction id to prediction")
    for key, prediction in content.items():
        where = f"{path}, prediction '{key}'"
        if not isinstance(key, str) or not re.fullmatch(rf"{chapter}-[a-z0-9][a-z0-9-]*", key):
            raise DataError(f"{where}: ids start with '{chapter}-', then lower-case letters, digits and '-'")
        _require_text(prediction, ("prompt", "reveal"), where, shape="prompt, options, reveal")
        unknown = sorted(set(prediction) - {"prompt", "options", "reveal", "shows"})
        if unknown:
            raise DataError(f"{where}: unknown field(s) {unknown}; allowed: options, prompt, reveal, shows")
        options = prediction.get("options")
        if not isinstance(options, list) or not 2 <= len(options) <= 5 or \
                not all(isinstance(o, str) and o.strip() for o in options):
            raise DataError(f"{where}, field 'options': must list 2 to 5 non-empty texts")
        shows = prediction.get("shows")
        if shows is not None and (isinstance(shows, bool) or not isinstance(shows, int) or not 1 <= shows <= len(options)):
            raise DataError(f"{where}, field 'shows': must be an option number from 1 to {len(options)}; got {shows!r}")
    return content
