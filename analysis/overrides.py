"""User overrides: a CSV the user edits, applied to parsed frames without parsing again.

The file (``data/overrides.csv`` by default, or any path) holds one rule a line; ``#`` starts a
comment line, blank lines are skipped, fields are CSV (quote a field that holds a comma)::

    # action,arguments...
    merge,person:abd-rabbuh-mansur-hadi,person:alrys-hady   # the second id becomes the first
    alias,الرئيس اليمني,person:abd-rabbuh-mansur-hadi      # mentions with this surface -> the id
    block,سائلا الله                                         # drop mentions with this surface...
    block,org:shyfh-alwam                                    # ...or every mention of this id
    type,org:team-suez-canal,place                           # the actor's type
    name,person:ly-salh,علي صالح,Ali Saleh                   # the actor's Arabic and English names

(No trailing comments on a real line: the text after ``#`` above is only for this example.)

Rules are applied by action, whatever their order in the file: ``merge`` and ``alias`` (who is who),
then ``block``, then ``type`` and ``name`` (what the resulting actor is called). Surfaces of ``alias``
and ``block`` match a mention's surface after Arabic normalisation (:func:`analysis.arabic.normalize`:
harakat, tatweel and alef/yeh/teh-marbuta variants folded), with or without one leading و ف ب ل ك
(so ``block,ريال`` also drops وريال). ``alias`` re-points mentions that were found; it finds no new text
(parse again for that). An id given in ``merge``/``block``/``type``/``name`` is looked up after merges,
among ``mentions.actor_id`` and ``mentions.local_actor_id``.

Bad rows (unknown action, wrong number of fields, empty field, unknown id, unknown type) are skipped
and reported as ``errors`` rows (``severity`` "warning", ``path`` the file, ``line`` its line number).
A missing default file means no overrides; a missing file given explicitly is an ``errors`` row.
Applying the same file twice gives the same frames.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import config, schema
from .actors.identity import actors_table, most_common
from .arabic import normalize, proclitic_splits

DEFAULT_PATH = config.DATA_DIR / "overrides.csv"
ACTIONS = {"merge": 2, "alias": 2, "block": 1, "type": 2, "name": 3}
TYPES = frozenset({"person", "country", "organization", "place", "group"})


@dataclass(frozen=True, slots=True)
class Rule:
    """One valid line of the overrides file."""

    line: int
    action: str
    args: tuple[str, ...]


def _error(path: Path, line: int | None, reason: str) -> dict:
    return {"doc_id": "", "path": str(path), "line": line, "severity": "warning", "reason": reason}


def read_rules(path: str | Path | None = None) -> tuple[list[Rule], list[dict]]:
    """The rules of an overrides file and the ``errors`` rows of its bad lines."""
    p = Path(path) if path is not None else DEFAULT_PATH
    if not p.is_file():
        return [], ([] if path is None else [_error(p, None, "overrides file not found")])
    rules, errors = [], []
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [_error(p, None, f"overrides file unreadable: {type(exc).__name__}")]
    for n, row in enumerate(csv.reader(text.splitlines()), start=1):
        fields = [f.strip() for f in row]
        while fields and not fields[-1]:
            fields.pop()
        if not fields or fields[0].startswith("#"):
            continue
        action, args = fields[0].lower(), tuple(fields[1:])
        want = ACTIONS.get(action)
        if want is None:
            errors.append(_error(p, n, f"unknown action {action!r} (one of {', '.join(ACTIONS)})"))
        elif len(args) != want and not (action == "name" and len(args) == 2):
            errors.append(_error(p, n, f"{action} takes {want} fields, got {len(args)}"))
        elif not all(args):
            errors.append(_error(p, n, f"{action}: empty field"))
        elif action == "type" and args[1] not in TYPES:
            errors.append(_error(p, n, f"unknown type {args[1]!r} (one of {sorted(TYPES)})"))
        elif action == "merge" and args[0] == args[1]:
            errors.append(_error(p, n, "merge of an id with itself"))
        else:
            rules.append(Rule(n, action, args))
    return rules, errors


def surface_key(surface: str) -> str:
    """A surface as overrides match it: normalised, words joined by one space."""
    return " ".join(normalize(surface).split())


class _Surfaces:
    """Mention surfaces indexed by key, bare and after one leading proclitic (built once)."""

    def __init__(self, surfaces: pd.Series):
        self.codes, uniques = pd.factorize(surfaces.fillna(""))
        index: dict[str, list[int]] = defaultdict(list)
        for n, surface in enumerate(uniques):
            key = surface_key(surface)
            first, _, rest = key.partition(" ")
            readings = {key} | {
                st + (" " + rest if rest else "")
                for pre, st in proclitic_splits(first)[1:]
                if not pre.endswith("ال")
            }
            for r in readings:
                index[r].append(n)
        self.index = index

    def matching(self, surface: str) -> np.ndarray:
        """A boolean mask of the mentions whose surface matches ``surface``."""
        return np.isin(self.codes, self.index.get(surface_key(surface), []))


def apply_overrides(
    frames: dict[str, pd.DataFrame], *, path: str | Path | None = None, actors: bool = True
) -> dict[str, pd.DataFrame]:
    """``mentions``, ``actors`` (unless ``actors`` is false) and ``errors`` after the rules of
    ``path`` (default file if None)."""
    rules, errors = read_rules(path)
    p = Path(path) if path is not None else DEFAULT_PATH
    m = frames["mentions"].copy()
    if "local_actor_id" not in m.columns:
        m["local_actor_id"] = m["actor_id"]
    local = m["local_actor_id"].fillna("")
    m["local_actor_id"] = local.where(local != "", m["actor_id"])
    known = set(m["actor_id"]) | set(m["local_actor_id"])
    by = {a: [r for r in rules if r.action == a] for a in ACTIONS}
    surfaces = _Surfaces(m["surface"]) if by["alias"] or by["block"] else None

    def unknown(rule: Rule, ident: str) -> bool:
        if ident in known:
            return False
        errors.append(_error(p, rule.line, f"{rule.action}: unknown actor id {ident!r}"))
        return True

    # Who is who: merges (followed to their end, so a chain a<-b<-c holds), then aliases.
    target: dict[str, str] = {}

    def final(ident: str) -> str:
        while ident in target:
            ident = target[ident]
        return ident

    for r in by["merge"]:
        keep, drop = r.args
        if unknown(r, keep) or unknown(r, drop):
            continue
        if final(keep) == final(drop):
            errors.append(_error(p, r.line, "merge: already one actor (or a cycle)"))
        else:
            target[final(drop)] = final(keep)

    moved = m["actor_id"].isin(target.keys()) | m["local_actor_id"].isin(target.keys())
    m.loc[moved, "actor_id"] = [
        final(a if a in target else b)
        for a, b in zip(m.loc[moved, "actor_id"], m.loc[moved, "local_actor_id"], strict=True)
    ]
    for r in by["alias"]:
        surface, ident = r.args
        if unknown(r, ident):
            continue
        hit = surfaces.matching(surface)
        if not hit.any():
            errors.append(_error(p, r.line, "alias: no mention has this surface"))
        m.loc[hit, "actor_id"] = final(ident)
    # Blocks: by id (after merges) or by surface.
    drop = pd.Series(False, index=m.index)
    for r in by["block"]:
        (what,) = r.args
        if what in known:
            drop |= (m["actor_id"] == final(what)) | (m["local_actor_id"] == what)
        else:
            hit = surfaces.matching(what)
            if not hit.any():
                errors.append(_error(p, r.line, "block: no actor id or mention surface matches"))
            drop |= hit
    m = m[~drop]
    # What the actors are called, then their names and types on every mention.
    fixes: dict[str, dict[str, str]] = {}
    for r in by["type"]:
        if not unknown(r, r.args[0]):
            fixes.setdefault(final(r.args[0]), {})["type"] = r.args[1]
    for r in by["name"]:
        if not unknown(r, r.args[0]):
            names = dict(zip(("name_ar", "name_en"), r.args[1:], strict=False))
            fixes.setdefault(final(r.args[0]), {}).update(names)
    m = _canonical(m, fixes)
    errors.sort(key=lambda e: e["line"] or 0)
    errors_frame = schema.conform(
        pd.concat([frames.get("errors", schema.empty("errors")), pd.DataFrame(errors)]), "errors"
    )
    mentions = schema.conform(m, "mentions")
    if not actors:
        return {"mentions": mentions, "errors": errors_frame}
    return {"mentions": mentions, "actors": actors_table(mentions), "errors": errors_frame}


def _canonical(m: pd.DataFrame, fixes: dict[str, dict[str, str]]) -> pd.DataFrame:
    """Mentions re-pointed by a rule take their actor's names and type (the rule's if it set them)."""
    changed = m["actor_id"] != m["local_actor_id"]
    if not changed.any() and not fixes:
        return m
    stay = m[~changed]
    cols = ("name_ar", "name_en", "type")
    base: dict[str, dict[str, str]] = defaultdict(dict)
    for col in cols:
        for ident, value in most_common(stay, col).items():
            base[ident][col] = value
    for ident, fix in fixes.items():
        base.setdefault(ident, {c: "" for c in cols}).update(fix)
    rows = changed | m["actor_id"].isin(fixes.keys())
    for col in cols:
        new = m.loc[rows, "actor_id"].map(lambda a, col=col: base.get(a, {}).get(col, ""))
        m.loc[rows, col] = new.where(new != "", m.loc[rows, col])
    return m
