"""Hostile and careless input to the curation commands (issue 16): every case gives a clear
message and the documented exit code, loses nothing, and crashes no process."""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg import dates, i18n, periods
from kg.cli import main
from kg.curate import sheet as sheets
from kg.curate.importer import import_sheet
from kg.errors import InputError

HEADER = (
    "date,kind,title_nl,title_en,description_nl,description_en,actors,programme,"
    "recommendation,status,outcome,section\n"
)
ROW = (
    "Op 2 juli 2025,motie,Motie over de meldcode aangenomen,Motion on the reporting code "
    "adopted,Testrij: de Kamer neemt een motie aan.,Test row: parliament adopts a motion.,"
    "addressee:Tweede Kamer,,22a,occurred,aangenomen,22a-moties\n"
)
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    return result


# ------------------------------------------------------------------------------ dates
def test_iso_dates_are_year_month_day():
    date = dates.parse("2025-07-02")
    assert (date.earliest, date.precision, date.edtf) == (dt.date(2025, 7, 2), "day", "2025-07-02")
    assert dates.parse("Op 2025-12-01 besloot").earliest == dt.date(2025, 12, 1)


@pytest.mark.parametrize(
    "text",
    [
        "02/07/2025",
        "2025/07/02",
        "02-07-2025",
        "2.7.2025",
        "2025.07.02",
        "2025-7-2",
        "Op 02/07/2025 nam de Kamer",
    ],
)
def test_numeric_dates_in_another_order_are_refused_not_guessed(text):
    with pytest.raises(ValueError) as caught:
        dates.parse(text)
    value = text.removeprefix("Op ").removesuffix(" nam de Kamer")
    assert repr(value) in str(caught.value) and "YYYY-MM-DD" in str(caught.value)


def test_an_impossible_iso_day_is_refused():
    with pytest.raises(ValueError, match="'2025-02-30' is not a date"):
        dates.parse("2025-02-30")


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("2 juli 2025", "2025-07-02"),
        ("najaar 2025", "2025-23"),
        ("2019-2022", "2019/2022"),
        ("2025-07", "2025-07"),
    ],
)
def test_dutch_words_and_ranges_still_read(text, edtf):
    assert dates.parse(text).edtf == edtf


@FUZZ
@given(st.dates(dt.date(1800, 1, 1), dt.date(2099, 12, 31)))
def test_every_day_round_trips_as_iso_as_words_and_from_yaml(day):
    for text in (
        day.isoformat(),
        i18n.format_date(day, "nl"),
        sheets._as_text(day),
        sheets._as_text(dt.datetime.combine(day, dt.time(10, 30))),
    ):
        date = dates.parse(text)
        assert (date.earliest, date.latest, date.precision, date.edtf) == (
            day,
            day,
            "day",
            day.isoformat(),
        ), text


NUMERIC = st.tuples(
    st.integers(0, 3000),
    st.sampled_from("-/. "),
    st.integers(0, 99),
    st.sampled_from("-/. "),
    st.integers(0, 3000),
    st.booleans(),
)


@FUZZ
@given(NUMERIC)
def test_numbers_never_turn_into_another_day(parts):
    a, sep1, b, sep2, c, padded = parts
    width = 2 if padded else 1
    text = f"{a:0{width}d}{sep1}{b:0{width}d}{sep2}{c:0{width}d}"
    try:
        date = dates.parse(text)
    except ValueError:
        return
    if date.precision == "day":  # only strict ISO may give a day
        assert date.earliest == dt.date.fromisoformat(text), text
    assert date.earliest <= date.latest


WORDS = st.sampled_from(
    [
        "op",
        "in",
        "de",
        "van",
        "sinds",
        "voor",
        "tot en met",
        "eind",
        "begin",
        "najaar",
        "zomer",
        "juli",
        "mei",
        "tweede",
        "helft",
        "kwartaal",
        "Q3",
        "2025",
        "2019",
        "31",
        "29",
        "februari",
        "-",
        "/",
        ".",
        " ",
        "2025-07-02",
        "02/07/2025",
        "nota",
        "Voorjaarsnota",
    ]
)


@FUZZ
@given(
    st.lists(WORDS, max_size=8).map(" ".join),
    st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
)
def test_parse_gives_bounds_or_the_documented_error(text, reference):
    try:
        date = dates.parse(text, reference)
    except ValueError:
        return
    assert date.earliest <= date.latest and date.precision in periods.PRECISIONS


@FUZZ
@given(st.text(max_size=60))
def test_parse_of_any_text_raises_nothing_but_value_error(text):
    with contextlib.suppress(ValueError):
        dates.parse(text)


def test_yaml_unquoted_date_is_imported_as_that_day(data_copy, tmp_path):
    sheet = tmp_path / "dated.yaml"
    sheet.write_text(
        "- date: 2025-07-02\n  kind: motie\n  title_nl: Motie aangenomen\n"
        "  title_en: Motion adopted on the reporting code\n  description_nl: Testrij.\n"
        "  description_en: Test row.\n  actors: [addressee:Tweede Kamer]\n"
        "  recommendation: 22a\n  status: occurred\n  outcome: aangenomen\n"
        "  section: 22a-moties\n",
        encoding="utf-8",
    )
    assert sheets.read(sheet)[0]["date"] == "2025-07-02"
    result = import_sheet(sheet, into=data_copy / "dated.ttl", data=[data_copy], dry_run=True)
    assert '"2025-07-02"^^xsd:date' in result.turtle
    assert "2025-02-07" not in result.turtle


# ------------------------------------------------------------------------------ sheets
def _sheet(tmp_path, name, content) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _refused(tmp_path, name, content, *expected):
    path = _sheet(tmp_path, name, content)
    result = run("import", "--dry-run", path)
    assert result.exit_code == 2, result.output
    for words in expected:
        assert words in result.output, result.output
    return result.output


def test_utf8_with_and_without_bom_reads_the_same(tmp_path):
    plain = sheets.read(_sheet(tmp_path, "plain.csv", HEADER + ROW))
    bom = sheets.read(_sheet(tmp_path, "bom.csv", b"\xef\xbb\xbf" + (HEADER + ROW).encode()))
    assert plain == bom and plain[0]["date"] == "Op 2 juli 2025"


@pytest.mark.parametrize(
    ("encoding", "named"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32"), ("latin-1", "looks like")]
)
def test_other_encodings_exit_2_naming_the_encoding(tmp_path, encoding, named):
    text = HEADER + ROW.replace("Motie over", "Motie één over")
    _refused(tmp_path, f"{encoding}.csv", text.encode(encoding), named, "save it as UTF-8")


def test_a_field_over_the_limit_exits_2_naming_row_and_column(tmp_path):
    long = "x" * (sheets.MAX_FIELD + 1)
    _refused(
        tmp_path,
        "long.csv",
        HEADER + ROW + ROW.replace("Testrij:", long),
        "row 2",
        "'description_nl'",
        "128 KiB",
    )
    _refused(
        tmp_path, "long.yaml", f"- date: 2 juli 2025\n  title_en: {long}\n", "row 1", "'title_en'"
    )


def test_a_field_at_the_limit_is_read(tmp_path):
    at = "x" * sheets.MAX_FIELD
    text = HEADER + ROW.replace("Testrij: de Kamer neemt een motie aan.", at)
    assert len(sheets.read(_sheet(tmp_path, "at.csv", text))[0]["description_nl"]) == len(at)


def billion_laughs(levels: int = 9) -> str:
    """The classic: each level holds nine aliases of the one before (9**9 'lol's)."""
    lines = ['- a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnop"
    for level in range(1, levels):
        aliases = ",".join([f"*{names[level - 1]}"] * 9)
        lines.append(f"  {names[level]}: &{names[level]} [{aliases}]")
    lines.append(f"  date: *{names[levels - 1]}")
    return "\n".join(lines) + "\n"


def test_yaml_aliases_are_refused_before_they_expand(tmp_path):
    bomb = billion_laughs()
    assert len(bomb.encode()) < 600
    _refused(tmp_path, "bomb.yaml", bomb, "alias *a is not allowed", "line 2")


def test_deep_yaml_exits_2(tmp_path):
    _refused(tmp_path, "deep.yaml", "[" * 5000 + "]" * 5000, "nested deeper than")
    _refused(
        tmp_path,
        "deep-map.yaml",
        "".join(f"{' ' * i}k{i}:\n" for i in range(400)) + "x",
        "nested deeper than",
    )


def test_duplicate_columns_and_keys_are_refused_naming_them(tmp_path):
    _refused(tmp_path, "dup.csv", HEADER.replace("kind", "date") + ROW, "'date' given twice")
    _refused(tmp_path, "dup-case.csv", HEADER.replace("kind", "Date ") + ROW, "'date' given twice")
    _refused(
        tmp_path,
        "dup.yaml",
        "- date: 2 juli 2025\n  status: occurred\n  date: 3 juli 2025\n",
        "key 'date' given twice",
        "line 3",
    )
    _refused(
        tmp_path,
        "dup-case.yaml",
        "- date: 2 juli 2025\n  Date: 3 juli 2025\n",
        "row 1",
        "'date' given twice",
    )


SHEET_TEXT = st.text(
    alphabet=st.sampled_from(list("abc date:,;-&*[]{}\"'\n\t!|>#%@`x1é\x00"))
    | st.characters(codec="utf-8"),
    max_size=200,
)


@FUZZ
@given(st.sampled_from([".csv", ".yaml"]), SHEET_TEXT | st.binary(max_size=200))
@example(".csv", b"\n\x00")  # a cell past an empty header: csv gives a list, not a string
def test_fuzzed_sheets_give_rows_or_an_input_error(suffix, content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        try:
            rows = sheets.read(path)
        except InputError as error:
            assert str(error).startswith(str(path))
            return
        for row in rows:
            assert all(isinstance(k, str) for k in row)
            assert all(isinstance(v, (str, list)) for v in row.values())


# ------------------------------------------------------------------------------ huge literal
@pytest.fixture(scope="module")
def huge_literal(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge.ttl"
    with path.open("w", encoding="utf-8") as out:
        out.write('<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#comment> "')
        out.write("x" * (17 * 2**20))
        out.write('" .\n')
    return path


@pytest.mark.parametrize(
    "command", [("validate", "{}"), ("query", "--data", "{}", "class-counts"), ("diff", "{}", "{}")]
)
def test_a_literal_over_16_mib_is_unreadable_input(huge_literal, command):
    result = run(*[str(huge_literal) if a == "{}" else a for a in command])
    assert result.exit_code == 2, result.output
    assert "huge.ttl" in result.output and "16 MiB" in result.output


# ------------------------------------------------------------------------------ LOAD
@pytest.mark.parametrize("backend", ["oxigraph", "rdflib"])
def test_load_in_an_update_is_refused(backend):
    for text in (
        "LOAD <file:///etc/hostname>",
        "load silent <http://example.org/x> INTO GRAPH <http://example.org/g>",
    ):
        result = run("query", "--backend", backend, "--allow-update", text)
        assert result.exit_code == 2 and "LOAD refused" in result.output, result.output


def test_an_update_naming_load_as_a_name_still_runs():
    result = run(
        "query", "--allow-update", "PREFIX ex: <http://example.org/> INSERT DATA { ex:load ex:p 1 }"
    )
    assert result.exit_code == 0 and "update applied" in result.output


# ------------------------------------------------------------------------------ diff
def _forest(draw_shape, seed: int):
    """A graph of blank-node trees hanging from a few IRIs, from a shape hypothesis drew."""
    from rdflib import BNode, Literal, URIRef

    ex = "http://example.org/"
    triples, count = [], 0

    def grow(node, shape):
        nonlocal count
        for predicate, child in shape:
            if isinstance(child, list):
                count += 1
                blank = BNode(f"b{seed}x{count}")
                triples.append((node, URIRef(ex + predicate), blank))
                grow(blank, child)
            else:
                triples.append((node, URIRef(ex + predicate), Literal(child)))

    for subject, shape in draw_shape:
        grow(URIRef(ex + subject), shape)
    return triples


LEAF = st.sampled_from([0, 1, "a"])
SHAPE = st.recursive(
    st.lists(st.tuples(st.sampled_from("pq"), LEAF), max_size=3),
    lambda inner: st.lists(st.tuples(st.sampled_from("pq"), LEAF | inner), max_size=3),
    max_leaves=12,
)


@FUZZ
@given(
    st.lists(st.tuples(st.sampled_from("st"), SHAPE), max_size=4),
    st.lists(st.tuples(st.sampled_from("st"), SHAPE), max_size=4),
    st.randoms(),
)
def test_canonical_labels_agree_with_rdflib_isomorphism(one, other, random):
    from rdflib.compare import isomorphic

    from kg.curate.diff import canonical
    from kg.curate.turtle import bound_graph

    first = _forest(one, 1)
    shuffled = _forest(random.sample(one, len(one)), 2)  # the same graph, other blank nodes
    second = _forest(other, 3)
    assert canonical(first).triples == canonical(shuffled).triples
    same = isomorphic(bound_graph(first), bound_graph(second))
    assert (canonical(first).triples == canonical(second).triples) == same


def test_diff_of_a_long_list_names_the_changed_item(tmp_path):
    head = "@prefix ex: <http://example.org/> .\nex:x ex:items ( "
    items = [f'"item {n}"' for n in range(3000)]
    (tmp_path / "old.ttl").write_text(head + " ".join(items) + " ) .\n", encoding="utf-8")
    items[1234] = '"changed"'
    (tmp_path / "new.ttl").write_text(head + " ".join(items) + " ) .\n", encoding="utf-8")
    result = run("diff", tmp_path / "old.ttl", tmp_path / "new.ttl")
    assert result.exit_code == 1
    assert "items/[1235] “item 1234” → “changed”" in result.output, result.output
    assert "1 triples added, 1 removed" in result.output
