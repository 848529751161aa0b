"""Use gkmodel's JSON Schema from another tool: validate report JSON without gkmodel's model.

A portal, a form or a service in another language can check report JSON
against the schema that ``gkmodel schema`` prints (draft 2020-12; every
title is the official label).  Here the other tool is the ``jsonschema``
package (``pip install jsonschema``): it reads only the schema file.

Run: ``python examples/schema_validate.py [REPORT.json]`` (default: the bundled seed report).
It writes the schema of the report's edition to ``out/schema-EDITION.json``,
validates the report, then shows what the schema says about a broken copy.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

HERE = Path(__file__).resolve().parent


def main(report_path: Path) -> int:
    report = json.loads(report_path.read_text(encoding="utf-8"))
    edition = report["edition"]  # "2019" or "2021": each edition has its schema
    schema_path = Path("out") / f"schema-{edition}.json"
    # What another tool would run once (or fetch from the docs): the schema of canonical JSON.
    command = ["-m", "gkmodel", "schema", "--edition", edition, "-o", str(schema_path)]
    subprocess.run([sys.executable, *command], check=True)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = list(validator.iter_errors(report))
    print(f"{report_path.name}: {'valid' if not errors else f'{len(errors)} error(s)'}")
    broken = json.loads(json.dumps(report))
    broken["requests"]["new_received"]["natural_person"] = -1
    broken["meta"]["year"] = "2020"
    for error in sorted(validator.iter_errors(broken), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path)
        print(f"broken copy: {where}: {error.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "data" / "shangguan_2020.json")
    )
