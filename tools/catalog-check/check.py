#!/usr/bin/env python3
"""Checks workflows/catalog/procedures.json against its schema and the rules a schema cannot say.

Usage: python3 tools/catalog-check/check.py [PATH]   (default: workflows/catalog/procedures.json)
Exit code 0 when clean, 1 with one line per problem otherwise.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "workflows" / "catalog" / "procedures.json"
SCHEMA = ROOT / "workflows" / "catalog" / "procedures.schema.json"

# The birth registration the issue requires, and the desk that must be able to receive it.
REQUIRED_CODE = "1.001193"
REQUIRED_UNIT = "XA-PHUONGLAM.MOTCUA"
MIN_PROCEDURES = 40


def schema_problems(doc):
    try:
        import jsonschema
    except ImportError:
        # The rules below still run; the schema check needs the jsonschema package.
        return ["note: jsonschema is not installed, schema not checked"]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    ]


def rule_problems(doc):
    problems = []
    procedures = doc.get("procedures", [])
    if len(procedures) < MIN_PROCEDURES:
        problems.append(f"procedures: {len(procedures)} found, at least {MIN_PROCEDURES} expected")
    seen = {}
    for index, procedure in enumerate(procedures):
        where = f"procedures/{index} ({procedure.get('code')})"
        code = procedure.get("code")
        if code in seen:
            problems.append(f"{where}: code {code} repeats procedures/{seen[code]}")
        seen.setdefault(code, index)
        paper_ids = [paper.get("id") for paper in procedure.get("papers", [])]
        for paper_id in {p for p in paper_ids if paper_ids.count(p) > 1}:
            problems.append(f"{where}: paper id '{paper_id}' appears {paper_ids.count(paper_id)} times")
        for level_index, level in enumerate(procedure.get("levels", [])):
            start, end = level.get("validFrom"), level.get("validTo")
            if start and end and start > end:
                problems.append(f"{where}/levels/{level_index}: validFrom {start} is after validTo {end}")
        for fee_index, fee in enumerate(procedure.get("fees", [])):
            if fee.get("amountVnd") is None and not fee.get("note"):
                problems.append(f"{where}/fees/{fee_index}: amountVnd is null without a note saying why")
        time_limit = procedure.get("timeLimit")
        if time_limit is None and "notes" not in procedure:
            problems.append(f"{where}: timeLimit is null without notes saying what is unknown")
        if procedure.get("onlineLevel") is None and "notes" not in procedure:
            problems.append(f"{where}: onlineLevel is null without notes saying what is unknown")
    birth = next((p for p in procedures if p.get("code") == REQUIRED_CODE), None)
    if birth is None:
        problems.append(f"procedures: {REQUIRED_CODE} (đăng ký khai sinh) is missing")
    elif not any(
        level.get("level") == "commune" and REQUIRED_UNIT in level.get("receivingUnits", [])
        for level in birth.get("levels", [])
    ):
        problems.append(f"{REQUIRED_CODE}: no commune level receivable at {REQUIRED_UNIT}")
    return problems


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        print(f"{path}: {error}")
        return 1
    problems = schema_problems(doc) + rule_problems(doc)
    for problem in problems:
        print(problem)
    real = [p for p in problems if not p.startswith("note:")]
    print(f"{path.name}: {len(doc.get('procedures', []))} procedures, {len(real)} problems")
    return 1 if real else 0


if __name__ == "__main__":
    sys.exit(main())
