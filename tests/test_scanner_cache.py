"""The scanner's layout cache (a value whose layout was read before is read from its own
numbers) must give exactly what reading it afresh gives."""
import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from validator.text import scanner

CASES = Path(__file__).parent / "cases" / "timestamp_parse.toml"
# Layouts with a place for each number: {y} four digits, {yy} two, {m} {d} {H} {M} {S} one or two.
LAYOUTS = [
    "{d} July {y} {H}:{M} GMT +{z}", "July {d}, {y} {H}:{M} PM EDT", "{y}-{m}-{d} {H}:{M}:{S}",
    "{d}/{m}/{y} {H}:{M}", "{m}/{d}/{yy}", "{d}.{m}.{yy} {H}.{M}", "{y}年{m}月{d}日 {H}時{M}分",
    "{d} de julio de {y} a las {H}:{M}", "Sun, {d} Jul {y} {H}:{M}:{S} +{zz}", "{d} Jul {yy}",
    "{H}:{M} {d} июля {y} г.", "{y}. július {d}. {H}:{M}", "{d} juillet {y} à {H}h{M}",
    "{d} tháng 7, {y}", "{y}/{m}/{d} {H}:{M} UTC+{z}:{M}", "{d}-{m}-{y}",
]
number = st.integers(min_value=0, max_value=99)


def fill(layout: str, draw_numbers: dict) -> str:
    return layout.format(**draw_numbers)


numbers = st.fixed_dictionaries({
    "y": st.integers(1990, 2030).map(str), "yy": number.map(lambda n: f"{n:02d}"),
    "m": st.integers(0, 14).map(str), "d": st.integers(0, 33).map(str), "H": st.integers(0, 25).map(str),
    "M": number.map(lambda n: f"{n:02d}"), "S": number.map(lambda n: f"{n:02d}"),
    "z": st.integers(0, 15).map(str), "zz": st.integers(0, 1500).map(lambda n: f"{n:04d}"),
})


def same(text: str) -> None:
    cached, plain = scanner.scan(text), scanner.scan(text, cache=False)
    assert type(cached) is type(plain)
    if isinstance(plain, scanner._Unread):
        assert cached.detail == plain.detail
    else:
        assert cached == plain, text


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(LAYOUTS), numbers, numbers)
def test_a_known_layout_reads_like_a_new_one(layout, first, second):
    scanner.scan(fill(layout, first))  # the layout is now known (when it could be read)
    same(fill(layout, second))


def test_every_table_value_reads_the_same_twice():
    values = [case["text"] for case in tomllib.loads(CASES.read_text(encoding="utf-8"))["value"] if "text" in case]
    for text in values + values:
        same(text)


def test_names_with_a_number_are_not_kept():
    scanner.scan("21 tháng 7, 2019")
    assert scanner.scan("21 tháng 8, 2019")[0][0]["month"] == 8


def test_the_cache_is_bounded():
    for n in range(scanner.LAYOUT_CACHE_SIZE + 10):
        scanner.scan(f"{'x' * (n % 7)}{n} July 2019")
    assert len(scanner._layouts) <= scanner.LAYOUT_CACHE_SIZE
