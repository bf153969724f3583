"""Translation workflow (Qt Linguist files), without opening Linguist.

    python tools/i18n.py update               # extract tr() strings into resources/translations/*.ts
    python tools/i18n.py missing [fr|en]      # print the unfinished entries as JSON ({source: ""})
    python tools/i18n.py apply fr|en FILE.json  # fill from {source: translation | [plural forms]}
    python tools/i18n.py release              # compile the .qm files
    python tools/i18n.py all FILE.json        # update, apply French, release

Sources are English. ekocrm_fr.ts translates everything; ekocrm_en.ts holds only the plural
forms ("%n contact(s)" → ["%n contact", "%n contacts"]). Plural forms are [singular, plural].
The tests fail while an entry is unfinished or a .qm is older than its .ts.
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
TS = TRANSLATIONS / "ekocrm_fr.ts"
TS_FILES = {"fr": TS, "en": TRANSLATIONS / "ekocrm_en.ts"}


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def sources() -> list[Path]:
    """Python files whose tr() strings are translated."""
    return sorted(p for p in (ROOT / "ekocrm_desktop").rglob("*.py") if "migrations" not in p.parts)


def update() -> None:
    """Run lupdate over the package (obsolete entries dropped)."""
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(ROOT)) for p in sources()]
    common = [_tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none"]
    subprocess.run(
        [*common, "-target-language", "fr_FR", "-ts", str(TS_FILES["fr"].relative_to(ROOT))], check=True, cwd=ROOT
    )
    subprocess.run(
        [*common, "-pluralonly", "-target-language", "en_GB", "-ts", str(TS_FILES["en"].relative_to(ROOT))],
        check=True,
        cwd=ROOT,
    )


def release() -> None:
    """Compile each .ts into the .qm loaded at run time."""
    for ts in TS_FILES.values():
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, cwd=ROOT)


def unfinished(path: Path = TS) -> list[tuple[str, str, bool]]:
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


def apply(mapping: dict[str, str | list[str]], path: Path = TS) -> int:
    """Fill entries whose source is in `mapping`; returns how many were filled."""
    tree = ET.parse(path)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        if source not in mapping:
            continue
        value = mapping[source]
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            forms = value if isinstance(value, list) else [value, value]
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = value if isinstance(value, str) else value[0]
        filled += 1
    ET.indent(tree, space="    ")
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return filled


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        update()
    elif command == "release":
        release()
    elif command == "missing":
        path = TS_FILES[sys.argv[2] if len(sys.argv) > 2 else "fr"]
        entries = {source: ([""] * 2 if numerus else "") for _c, source, numerus in unfinished(path)}
        print(json.dumps(entries, ensure_ascii=False, indent=1))
    elif command == "apply":
        path = TS_FILES[sys.argv[2]]
        mapping = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
        print(f"{apply(mapping, path)} entries filled; {len(unfinished(path))} still unfinished")
    elif command == "all":
        update()
        mapping = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
        print(f"{apply(mapping)} entries filled; {len(unfinished())} still unfinished")
        release()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
