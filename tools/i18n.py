"""Translation workflow (Qt Linguist files) without opening Linguist.

    python tools/i18n.py build            # extract tr() strings, apply the JSON translations, compile .qm
    python tools/i18n.py missing [fr|en]  # what still needs a translation, as a JSON skeleton

Source strings are English. Translations live in small JSON files, one per area, so that
several people can add strings without conflicting on one big XML file:

    resources/translations/fr/<area>.json   {"English source": "French", "%n thing(s)": ["%n chose", "%n choses"]}
    resources/translations/en/<area>.json   only plural forms: {"%n contact(s)": ["%n contact", "%n contacts"]}

A key may be "Context::source" to translate one context differently. `build` regenerates
ekocrm_fr.ts / ekocrm_en.ts (committed, the Qt standard) and their .qm files; the tests fail
while a string has no translation or a generated file is stale.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
TS_FILES = {"fr": TRANSLATIONS / "ekocrm_fr.ts", "en": TRANSLATIONS / "ekocrm_en.ts"}
TARGETS = {"fr": "fr_FR", "en": "en_GB"}

Mapping = dict[str, "str | list[str]"]


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def sources() -> list[Path]:
    """Python files whose tr() strings are translated."""
    return sorted(p for p in (ROOT / "ekocrm_desktop").rglob("*.py") if "migrations" not in p.parts)


def mapping(language: str) -> Mapping:
    """Every JSON translation file of a language, merged (a later file wins on a clash)."""
    merged: Mapping = {}
    for path in sorted((TRANSLATIONS / language).glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def extract(language: str, target: Path) -> None:
    """Run lupdate over the package into `target` (English: plural forms only)."""
    files = [str(p.relative_to(ROOT)) for p in sources()]
    command = [_tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none", "-silent"]
    if language == "en":
        command.append("-pluralonly")
    command += ["-target-language", TARGETS[language], "-ts", str(target)]
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)


def unfinished(path: Path) -> list[tuple[str, str, bool]]:
    """(context, source, numerus) of every entry still to translate."""
    tree = ET.parse(path)
    result = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                continue
            empty = not (translation.text or "").strip() and not any(
                (f.text or "").strip() for f in translation.iter("numerusform")
            )
            if translation.get("type") == "unfinished" or empty:
                result.append((name, message.findtext("source") or "", message.get("numerus") == "yes"))
    return result


def apply(translations: Mapping, path: Path) -> int:
    """Fill the .ts entries found in `translations`; returns how many were filled."""
    tree = ET.parse(path)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            value = translations.get(f"{name}::{source}", translations.get(source))
            if value is None:
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.attrib.pop("type", None)
            for child in list(translation):
                translation.remove(child)
            if message.get("numerus") == "yes":
                forms = value if isinstance(value, list) else [value, value]
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value if isinstance(value, str) else value[0]
            filled += 1
    ET.indent(tree, space="    ")
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return filled


def compile_qm(ts: Path, qm: Path) -> None:
    """lrelease one file."""
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm), "-silent"], check=True, cwd=ROOT)


def build(directory: Path = TRANSLATIONS) -> dict[str, list[tuple[str, str, bool]]]:
    """Regenerate every .ts and .qm into `directory`; returns what is still unfinished."""
    left = {}
    for language in TS_FILES:
        ts = directory / f"ekocrm_{language}.ts"
        if directory != TRANSLATIONS and TS_FILES[language].exists():
            shutil.copy(TS_FILES[language], ts)
        extract(language, ts)
        apply(mapping(language), ts)
        compile_qm(ts, ts.with_suffix(".qm"))
        left[language] = unfinished(ts)
    return left


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "build"
    if command == "build":
        for language, missing in build().items():
            print(f"{language}: {len(missing)} unfinished")
    elif command == "missing":
        language = sys.argv[2] if len(sys.argv) > 2 else "fr"
        build()
        entries = {source: ([""] * 2 if numerus else "") for _c, source, numerus in unfinished(TS_FILES[language])}
        print(json.dumps(entries, ensure_ascii=False, indent=1))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
